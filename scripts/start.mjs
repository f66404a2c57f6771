#!/usr/bin/env node
// `npm start`: installs what is missing, starts PostgreSQL and Redis (embedded unless DATABASE_URL /
// REDIS_URL are set), migrates, seeds demo data once, builds, then runs the API (serving the dashboard)
// and the worker until Ctrl-C. Uses only Node built-ins until `npm ci` has run.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureNodeModules, ensureSystemPackages, log, root } from './lib/system.mjs';

ensureNodeModules();
ensureSystemPackages({ ffmpeg: 'ffmpeg', ffprobe: 'ffmpeg', ...(process.env.REDIS_URL ? {} : { 'redis-server': 'redis-server' }) });

const { startPostgres, startRedis } = await import('./lib/services.mjs');
const { buildIfStale, SERVER, DASHBOARD } = await import('./lib/build.mjs');

const data = path.join(root, '.data');
mkdirSync(data, { recursive: true });
const stops = [];
const children = [];
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log('Stopping…');
  await Promise.all(children.map((c) => new Promise((res) => (c.exitCode !== null ? res() : (c.once('exit', res), c.kill('SIGTERM'))))));
  for (const stop of stops.reverse()) await stop().catch((e) => console.error(e.message));
  log('Stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    log('Starting embedded PostgreSQL (.data/postgres)…');
    const pg = await startPostgres({ dir: path.join(data, 'postgres') });
    stops.push(pg.stop);
    databaseUrl = await pg.ensureDatabase('library');
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    log('Starting redis-server (.data/redis)…');
    const redis = await startRedis({ dir: path.join(data, 'redis') });
    stops.push(redis.stop);
    redisUrl = redis.url;
  }

  // Secrets generated once and kept with the data, so sessions and encrypted stream keys survive restarts.
  const secret = (name) => {
    const file = path.join(data, name);
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    return readFileSync(file, 'utf8').trim();
  };

  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET: process.env.JWT_SECRET ?? secret('jwt-secret'),
    SECRETS_KEY: process.env.SECRETS_KEY ?? secret('secrets-key'),
    SEED_DEMO: process.env.SEED_DEMO ?? 'true',
    MEDIA_DIR: process.env.MEDIA_DIR ?? path.join(data, 'media'),
    DASHBOARD_DIR: process.env.DASHBOARD_DIR ?? path.join(root, 'dist/dashboard/browser'),
  };
  const port = env.PORT ?? '3000';

  buildIfStale(SERVER);
  buildIfStale(DASHBOARD);

  const db = (cmd) => {
    const r = spawnSync('node', ['dist/libs/db/src/cli.js', cmd], { cwd: root, env, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`database ${cmd} failed`);
  };
  db('migrate');
  if (env.SEED_DEMO === 'true') db('seed');

  const startChild = (name, entry) => {
    const child = spawn('node', ['--enable-source-maps', entry], { cwd: root, env, stdio: 'inherit' });
    child.once('exit', (code, signal) => {
      if (!stopping) {
        console.error(`The ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}).`);
        void shutdown(1);
      }
    });
    children.push(child);
    return child;
  };
  startChild('API', 'dist/apps/api/src/main.js');
  startChild('worker', 'dist/apps/worker/src/main.js');

  const url = `http://localhost:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const pw = env.DEMO_PASSWORD ?? 'demo-library';
  console.log(`
  Library Streams is running at ${url}
  API documentation: ${url}/api/docs

  Demo logins (password: ${pw}):
    admin@demo.library     – everything
    planner@demo.library   – year plan and broadcasts
    producer@demo.library  – screencast series and uploads
    editor@demo.library    – review and publication

  Press Ctrl-C to stop.
`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err ?? 'Start-up failed'));
  await shutdown(1);
}
