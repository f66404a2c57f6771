#!/usr/bin/env node
// `npm test`: the whole suite on real services. Starts a throw-away PostgreSQL and Redis (isolated from
// `npm start`'s data), builds the server and dashboard, migrates a template database once, then runs
// every Jest project (unit, integration, dashboard, e2e in Chromium). Ends with `N passed, N failed`.
// Extra arguments go to Jest, e.g. `npm test -- --selectProjects unit` or `npm test -- auth`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureNodeModules, ensureSystemPackages, log, root } from './lib/system.mjs';

const started = Date.now();
ensureNodeModules();
ensureSystemPackages({ ffmpeg: 'ffmpeg', ffprobe: 'ffmpeg', 'redis-server': 'redis-server', chromium: 'chromium' });

const { startPostgres, startRedis } = await import('./lib/services.mjs');
const { buildIfStale, SERVER, DASHBOARD } = await import('./lib/build.mjs');

// One folder per run, so two runs on one machine never share services or data.
const dir = path.join(root, '.data/test', `run-${process.pid}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const stops = [];
let code = 1;
try {
  log('Starting test PostgreSQL and Redis…');
  const [pg, redis] = await Promise.all([startPostgres({ dir: path.join(dir, 'postgres'), fresh: true }), startRedis({ dir: path.join(dir, 'redis') })]);
  stops.push(pg.stop, redis.stop);

  buildIfStale(SERVER); // the migration command and the e2e tests run the built server
  if (!process.env.SKIP_DASHBOARD_BUILD) buildIfStale(DASHBOARD);

  const templateUrl = await pg.ensureDatabase('template_app');
  const migrate = spawnSync('node', ['dist/libs/db/src/cli.js', 'migrate'], { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: templateUrl } });
  if (migrate.status !== 0) throw new Error('Migrating the template database failed');

  const results = path.join(dir, 'jest-results.json');
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    TEST_PG_ADMIN_URL: pg.url('postgres'),
    TEST_TEMPLATE_DB: 'template_app',
    TEST_REDIS_URL: redis.url,
    CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    TEST_ARTIFACTS: path.join(root, 'test-results'),
    TEST_RUN_DIR: dir,
  };
  const maxWorkers = process.env.JEST_WORKERS ?? '2';
  const args = ['node_modules/jest/bin/jest.js', '--ci', `--maxWorkers=${maxWorkers}`, '--json', `--outputFile=${results}`, ...process.argv.slice(2)];
  code = await new Promise((resolve) => spawn('node', args, { cwd: root, env, stdio: 'inherit' }).once('exit', (c) => resolve(c ?? 1)));

  if (existsSync(results)) {
    const r = JSON.parse(readFileSync(results, 'utf8'));
    const brokenSuites = r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
    const failed = r.numFailedTests + brokenSuites;
    const minutes = ((Date.now() - started) / 60000).toFixed(1);
    log(`Finished in ${minutes} min${brokenSuites ? ` (${brokenSuites} test file(s) could not run)` : ''}.`);
    if (failed > 0 && code === 0) code = 1;
    console.log(`${r.numPassedTests} passed, ${failed} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}`);
  } else {
    console.log('0 passed, 1 failed');
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  console.log('0 passed, 1 failed');
  code = 1;
} finally {
  for (const stop of stops) await stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
