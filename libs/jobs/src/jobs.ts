import { FlowProducer, JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';
import { PosterJob, ProbeJob, PublicationJob, QUEUES, TranscodeJob, TranscodePartJob } from './queues';
import { closeWithin } from './redis';

const DEFAULTS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** Transcodes fail transiently (a full disk, storage hiccups, a killed worker): wait longer between attempts. */
const TRANSCODE: JobsOptions = { ...DEFAULTS, backoff: { type: 'exponential', delay: 15_000 } };

/**
 * The one place that puts work on a queue. One asset is never in the same queue twice at once:
 * the deduplication id is the queue and the asset id.
 */
export class Jobs {
  private readonly probeQueue: Queue<ProbeJob>;
  private readonly publicationQueue: Queue<PublicationJob>;
  private readonly transcodeQueue: Queue<TranscodeJob>;
  private readonly transcodePartQueue: Queue<TranscodePartJob>;
  private readonly posterQueue: Queue<PosterJob>;
  private readonly flows: FlowProducer;

  constructor(connection: Redis, prefix: string) {
    this.probeQueue = new Queue<ProbeJob>(QUEUES.probe, { connection, prefix, defaultJobOptions: DEFAULTS });
    this.publicationQueue = new Queue<PublicationJob>(QUEUES.publication, { connection, prefix, defaultJobOptions: { ...DEFAULTS, attempts: 10 } });
    this.transcodeQueue = new Queue<TranscodeJob>(QUEUES.transcode, { connection, prefix, defaultJobOptions: TRANSCODE });
    this.transcodePartQueue = new Queue<TranscodePartJob>(QUEUES.transcodePart, { connection, prefix, defaultJobOptions: TRANSCODE });
    this.posterQueue = new Queue<PosterJob>(QUEUES.poster, { connection, prefix, defaultJobOptions: DEFAULTS });
    this.flows = new FlowProducer({ connection, prefix });
  }

  /** Every queue, for the admins' queue view and the metrics. */
  get queues(): Queue[] {
    return [this.probeQueue, this.publicationQueue, this.transcodeQueue, this.transcodePartQueue, this.posterQueue];
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

  /**
   * Processes an asset (run `run` of it). The job id is made of asset and run: queueing the same run twice, even
   * after it finished, adds nothing, so one asset is never transcoded twice at once.
   */
  async transcode(assetId: string, run: number): Promise<void> {
    await this.transcodeQueue.add('transcode', { assetId, run }, { jobId: transcodeJobId(assetId, run) });
  }

  /**
   * A long recording's flow: its parts are encoded in parallel by any free worker, then the parent job joins them
   * without re-encoding and publishes. A part that fails for good fails the join. Ids are deterministic, so a retried
   * transcode job adds no second flow.
   */
  async transcodeInParts(assetId: string, run: number, parts: Omit<TranscodePartJob, 'assetId' | 'run'>[]): Promise<void> {
    await this.flows.add({
      name: 'join',
      queueName: QUEUES.transcode,
      data: { assetId, run } satisfies TranscodeJob,
      opts: { ...TRANSCODE, jobId: joinJobId(assetId, run) },
      children: parts.map((p) => ({
        name: p.part,
        queueName: QUEUES.transcodePart,
        data: { assetId, run, ...p } satisfies TranscodePartJob,
        opts: { ...TRANSCODE, jobId: `part-${assetId}-${run}-${p.part}${p.index ?? ''}`, failParentOnFailure: true },
      })),
    });
  }

  /**
   * Renders the asset's poster at the moment its row names. One job per asset at a time: while one waits, asking
   * again adds nothing (it reads the row when it starts); while one runs, exactly one more is kept for afterwards,
   * so the latest choice is always rendered.
   */
  async poster(assetId: string): Promise<void> {
    await this.posterQueue.add('poster', { assetId }, { deduplication: { id: `poster-${assetId}`, keepLastIfActive: true } });
  }

  /**
   * Removes the jobs of a cancelled run that are not running, then queues the run's transcode job once more: it finds
   * the run cancelled and removes what the run published. Running jobs are left alone (their ids stay taken, so
   * nothing is queued twice): they see the asset's status change, stop, and remove the files themselves.
   */
  async cancelTranscode(assetId: string, run: number): Promise<void> {
    await this.transcodeQueue.remove(joinJobId(assetId, run), { removeChildren: true });
    await this.transcodeQueue.remove(transcodeJobId(assetId, run));
    await this.transcode(assetId, run);
  }

  /** Jobs per queue and state (waiting, active, delayed, failed, …). */
  async counts(): Promise<Record<string, Record<string, number>>> {
    const entries = await Promise.all(this.queues.map(async (q) => [q.name, await q.getJobCounts()] as const));
    return Object.fromEntries(entries);
  }

  async close(): Promise<void> {
    await closeWithin(3000, [...this.queues.map((q) => () => q.close()), () => this.flows.close()]);
  }
}

export const transcodeJobId = (assetId: string, run: number): string => `transcode-${assetId}-${run}`;
export const joinJobId = (assetId: string, run: number): string => `join-${assetId}-${run}`;

export const publicationJobId = (job: PublicationJob): string => `publication-${job.episodeId}-${job.action}-${Date.parse(job.at)}`;
