import type { Worker } from 'bullmq';
import type Redis from 'ioredis';
import pino from 'pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { createRedis, Jobs } from '@app/jobs';
import type { Storage } from '@app/storage';
import { STORAGE } from '../media/storage.provider';
import type { TestApi } from './test-app';

export interface WorkerDeps {
  ds: DataSource;
  storage: Storage;
  config: AppConfig;
  log: pino.Logger;
  jobs: Jobs;
  connection: Redis;
}

/** Runs worker processors in this test process against the test API's database, storage and queues. */
export function startTestWorkers(api: TestApi, start: (deps: WorkerDeps) => Worker[]): { deps: WorkerDeps; close(): Promise<void> } {
  const connection = createRedis(process.env.TEST_REDIS_URL!, 'worker');
  const deps: WorkerDeps = {
    ds: api.app.get(DataSource),
    storage: api.app.get(STORAGE),
    config: api.config,
    log: pino({ level: 'silent' }),
    jobs: api.app.get(Jobs),
    connection,
  };
  const workers = start(deps);
  return {
    deps,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await connection.quit();
    },
  };
}
