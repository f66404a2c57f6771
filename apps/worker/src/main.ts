import 'reflect-metadata';
import pino from 'pino';
import { loadConfigOrExit } from '@app/config';
import { createRedis } from '@app/jobs';

/**
 * The media worker. It connects to Redis and runs one BullMQ worker per queue (processors are
 * registered in ./processors as the queues are added); SIGTERM/SIGINT close them gracefully,
 * letting running jobs finish.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = pino({ level: config.LOG_LEVEL, base: { app: 'worker' } });
  const redis = createRedis(config.REDIS_URL, 'worker');
  await redis.ping();
  const closers: Array<() => Promise<unknown>> = [];
  log.info({ concurrency: config.WORKER_CONCURRENCY }, 'worker ready');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker stopping');
    await Promise.allSettled(closers.map((c) => c()));
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
