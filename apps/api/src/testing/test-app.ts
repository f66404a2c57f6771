import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, loadConfig } from '@app/config';
import { createDataSource, seedDemo } from '@app/db';
import { createTestDatabase, TestDatabase } from '@app/db/testing';
import { createApp } from '../app.factory';
import { freePort } from './free-port';

export const DEMO_PASSWORD = 'demo-library';

export interface TestApi {
  app: NestExpressApplication;
  url: string;
  db: TestDatabase;
  config: AppConfig;
  /** A bearer token for the demo account with this role. */
  tokenFor(role: 'admin' | 'planner' | 'producer' | 'editor'): Promise<string>;
  close(): Promise<void>;
}

/** The real API on a fresh migrated database with demo accounts, listening on 127.0.0.1:<random>. */
export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const db = await createTestDatabase();
  const ds = await createDataSource(db.url).initialize();
  await seedDemo(ds, DEMO_PASSWORD);
  await ds.destroy();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    REDIS_URL: process.env.TEST_REDIS_URL,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    DASHBOARD_DIR: 'dist/dashboard/browser',
    RTMP_PORT: String(await freePort()),
    ...env,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const tokens = new Map<string, string>();
  return {
    app,
    url,
    db,
    config,
    async tokenFor(role) {
      if (!tokens.has(role)) {
        const res = await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `${role}@demo.library`, password: DEMO_PASSWORD }),
        });
        if (!res.ok) throw new Error(`login as ${role} failed: ${res.status}`);
        tokens.set(role, ((await res.json()) as { accessToken: string }).accessToken);
      }
      return tokens.get(role)!;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
