import { JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';
import { ProbeJob, QUEUES } from './queues';

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

  constructor(connection: Redis, prefix: string) {
    this.probeQueue = new Queue<ProbeJob>(QUEUES.probe, { connection, prefix, defaultJobOptions: DEFAULTS });
  }

  async probe(assetId: string): Promise<void> {
    await this.probeQueue.add('probe', { assetId }, { deduplication: { id: `probe-${assetId}` } });
  }

  async close(): Promise<void> {
    await this.probeQueue.close();
  }
}
