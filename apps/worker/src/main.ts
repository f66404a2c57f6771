import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import pino from 'pino';
import { loadConfigOrExit } from '@app/config';
import { createDataSource } from '@app/db';
import { createRedis, Jobs } from '@app/jobs';
import { createStorage } from '@app/storage';
import { startPosterWorker } from './processors/poster.processor';
import { startProbeWorker } from './processors/probe.processor';
import { startPublicationWorker } from './processors/publication.processor';
import { startTranscodeWorkers } from './processors/transcode.processor';

/**
 * The media worker. It connects to Redis and runs one BullMQ worker per queue (processors are
 * registered in ./processors as the queues are added); SIGTERM/SIGINT close them gracefully,
 * letting running jobs finish.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = pino({ level: config.LOG_LEVEL, base: { app: 'worker' } });
  for (const tool of ['ffprobe', 'ffmpeg']) {
    if (spawnSync(tool, ['-version']).status !== 0) throw new Error(`${tool} is not installed or not on PATH; the worker cannot check or transcode media.`);
  }
  const redis = createRedis(config.REDIS_URL, 'worker');
  await redis.ping();
  const ds = await createDataSource(config.DATABASE_URL).initialize();
  const storage = createStorage(config);
  const closers: Array<() => Promise<unknown>> = [];
  const jobs = new Jobs(redis, config.QUEUE_PREFIX);
  const probe = startProbeWorker({ ds, storage, config, log, jobs, connection: redis });
  closers.push(() => probe.close());
  const publication = startPublicationWorker({ ds, config, log, connection: redis });
  closers.push(() => publication.close());
  const transcoders = startTranscodeWorkers({ ds, storage, config, log, jobs, connection: redis });
  closers.push(() => Promise.all(transcoders.map((w) => w.close())).then(() => jobs.close()));
  const poster = startPosterWorker({ ds, storage, config, log, connection: redis });
  closers.push(() => poster.close());
  log.info({ concurrency: config.WORKER_CONCURRENCY }, 'worker ready');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker stopping');
    await Promise.allSettled(closers.map((c) => c()));
    await ds.destroy();
    await redis.quit().catch(() => redis.disconnect());
    log.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
