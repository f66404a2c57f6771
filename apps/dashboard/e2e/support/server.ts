import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createDataSource, seedDemo } from '@app/db';
import { createTestDatabase, TestDatabase } from '@app/db/testing';

export const ROOT = path.join(__dirname, '../../../..');
export const DEMO_PASSWORD = 'demo-library';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

export interface RunningStack {
  url: string;
  db: TestDatabase;
  /** The port of the API's RTMP ingest (rtmp://127.0.0.1:rtmpPort/live/<stream key>). */
  rtmpPort: number;
  stop(): Promise<void>;
}

/** The built API (serving the built dashboard) and worker as real processes on a fresh seeded database. */
export async function startStack(options: { worker?: boolean; env?: Record<string, string> } = {}): Promise<RunningStack> {
  const db = await createTestDatabase();
  const ds = await createDataSource(db.url).initialize();
  await seedDemo(ds, DEMO_PASSWORD);
  await ds.destroy();
  const [port, rtmpPort] = [await freePort(), await freePort()];
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    RTMP_PORT: String(rtmpPort),
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    REDIS_URL: process.env.TEST_REDIS_URL,
    JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456',
    DASHBOARD_DIR: path.join(ROOT, 'dist/dashboard/browser'),
    MEDIA_DIR: path.join(process.env.TEST_RUN_DIR ?? path.join(ROOT, '.data/test'), 'media', db.name),
    ...options.env,
  };
  const procs: ChildProcess[] = [];
  const start = (entry: string) => {
    const p = spawn('node', [entry], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    procs.push(p);
  };
  start('dist/apps/api/src/main.js');
  if (options.worker) start('dist/apps/worker/src/main.js');
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    if (Date.now() > deadline) throw new Error('The API did not become healthy within 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    db,
    rtmpPort,
    async stop() {
      await Promise.all(procs.map((p) => new Promise((res) => (p.exitCode !== null ? res(null) : (p.once('exit', res), p.kill('SIGTERM'))))));
      await db.drop();
    },
  };
}
