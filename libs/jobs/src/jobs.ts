import { JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';
import { ProbeJob, PublicationJob, QUEUES } from './queues';

const DEFAULTS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * The one place that puts work on a queue. One asset is never in the same queue twice at once:
 * the deduplication id is the queue and the asset id.
 */
export class Jobs {
  private readonly probeQueue: Queue<ProbeJob>;
  private readonly publicationQueue: Queue<PublicationJob>;

  constructor(connection: Redis, prefix: string) {
    this.probeQueue = new Queue<ProbeJob>(QUEUES.probe, { connection, prefix, defaultJobOptions: DEFAULTS });
    this.publicationQueue = new Queue<PublicationJob>(QUEUES.publication, { connection, prefix, defaultJobOptions: { ...DEFAULTS, attempts: 10 } });
  }

  async probe(assetId: string): Promise<void> {
    await this.probeQueue.add('probe', { assetId }, { deduplication: { id: `probe-${assetId}` } });
  }

  /**
   * A delayed job that publishes or unpublishes an episode at `at`. Its id is made of episode, action and time,
   * so scheduling the same thing twice adds one job and a changed time never collides with the old one.
   */
  async schedulePublication(job: PublicationJob): Promise<void> {
    const delay = Math.max(0, Date.parse(job.at) - Date.now());
    await this.publicationQueue.add(job.action, job, { jobId: publicationJobId(job), delay });
  }

  /** Removes a scheduled job; one already running finds the schedule changed and does nothing. */
  async cancelPublication(job: PublicationJob): Promise<void> {
    await this.publicationQueue.remove(publicationJobId(job));
  }

  async close(): Promise<void> {
    await this.probeQueue.close();
    await this.publicationQueue.close();
  }
}

export const publicationJobId = (job: PublicationJob): string => `publication-${job.episodeId}-${job.action}-${Date.parse(job.at)}`;
