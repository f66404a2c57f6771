import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Job, QueueEvents } from 'bullmq';
import type Redis from 'ioredis';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { APP_CONFIG, AppConfig } from '@app/config';
import { closeWithin, createRedis, Jobs } from '@app/jobs';

/**
 * Prometheus metrics: jobs per queue and state (read from Redis at each scrape, so every API instance reports the
 * same numbers), and the durations and failures of jobs finished while this instance was running (from BullMQ's
 * queue events).
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  readonly registry = new Registry();
  private readonly listeners: { events: QueueEvents; connection: Redis }[] = [];
  private readonly durations = new Histogram({
    name: 'library_job_duration_seconds',
    help: 'Time a job ran, from start to end of its last attempt',
    labelNames: ['queue', 'name', 'outcome'],
    buckets: [0.1, 1, 5, 15, 60, 300, 900, 1800, 3600, 7200],
    registers: [this.registry],
  });
  private readonly failures = new Counter({
    name: 'library_job_failures_total',
    help: 'Jobs that failed for good (after their last attempt, or on bad input)',
    labelNames: ['queue', 'name'],
    registers: [this.registry],
  });

  constructor(
    private readonly jobs: Jobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    new Gauge({
      name: 'library_queue_jobs',
      help: 'Jobs per queue and state (waiting, active, delayed, failed, completed, …)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [queue, counts] of Object.entries(await jobs.counts())) {
          for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
        }
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'library_api_' });
  }

  onModuleInit(): void {
    for (const queue of this.jobs.queues) {
      const connection = createRedis(this.config.REDIS_URL, 'worker');
      const events = new QueueEvents(queue.name, { connection, prefix: this.config.QUEUE_PREFIX });
      const observe = (jobId: string, outcome: 'completed' | 'failed') =>
        Job.fromId(queue, jobId)
          .then((job) => {
            if (!job) return;
            if (outcome === 'failed') this.failures.inc({ queue: queue.name, name: job.name });
            if (job.processedOn && job.finishedOn) this.durations.observe({ queue: queue.name, name: job.name, outcome }, (job.finishedOn - job.processedOn) / 1000);
          })
          .catch((err) => this.logger.warn(`job ${jobId} of ${queue.name} not measured: ${err.message}`));
      events.on('completed', ({ jobId }) => void observe(jobId, 'completed'));
      events.on('failed', ({ jobId }) => void observe(jobId, 'failed'));
      events.on('error', (err) => this.logger.warn(`queue events of ${queue.name}: ${err.message}`));
      this.listeners.push({ events, connection });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await closeWithin(3000, this.listeners.map(({ events }) => () => events.close()));
    for (const { connection } of this.listeners) connection.disconnect();
  }
}
