// A throw-away stack for the benchmarks: PostgreSQL and Redis under `dir`, a migrated database seeded with the
// demo library, and the built API (dist/, from `npm run build:server`) listening on loopback.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from '../../scripts/lib/system.mjs';
import { startPostgres, startRedis } from '../../scripts/lib/services.mjs';

const require = createRequire(import.meta.url);
const { createApp } = require(path.join(root, 'dist/apps/api/src/app.factory.js'));
const { loadConfig } = require(path.join(root, 'dist/libs/config/src/index.js'));
const { createDataSource, runMigrations, seedDemo } = require(path.join(root, 'dist/libs/db/src/index.js'));

/**
 * Starts the stack in `dir` and runs `fn({ base, accessToken })` with the API's base URL and a token of the demo
 * planner; `config` adds to (or overrides) the API's settings. Afterwards, also when anything fails, stops it all
 * and removes `dir`.
 */
export async function withStack(dir, config, fn) {
  const pg = await startPostgres({ dir: path.join(dir, 'postgres'), fresh: true });
  const redis = await startRedis({ dir: path.join(dir, 'redis') });
  let app;
  try {
    const url = await pg.ensureDatabase('bench');
    await runMigrations(url);
    const ds = await createDataSource(url).initialize();
    await seedDemo(ds, 'demo-library');
    await ds.destroy();
    app = await createApp(
      loadConfig({
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        DATABASE_URL: url,
        REDIS_URL: redis.url,
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
        ...config,
      }),
    );
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'planner@demo.library', password: 'demo-library' }) });
    const { accessToken } = await login.json();
    return await fn({ base, accessToken });
  } finally {
    await app?.close();
    await redis.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
