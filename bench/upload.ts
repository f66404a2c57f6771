// Upload benchmark: a 2 GiB file through tus into the real API on loopback, side by side with copying the same
// file on the same disk. Prints the API's peak RSS growth, the throughput ratio, and the bytes re-sent when the
// connection is cut at 50%. Rerun from the repository root:
//   npm run build:server && npx tsc bench/upload.ts --outDir dist/bench --module commonjs --target ES2022 --esModuleInterop --skipLibCheck --types node && node dist/bench/upload.js [GiB]
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const root = process.cwd();
const GIB = 1024 ** 3;
const size = Math.round(Number(process.argv[2] ?? 2) * GIB);
const work = path.join(root, '.data/bench/upload');
const MIB = 1024 * 1024;
const BLOCK = 16 * MIB;

interface Services {
  startPostgres(o: { dir: string; fresh: boolean }): Promise<{ ensureDatabase(name: string): Promise<string>; stop(): Promise<void> }>;
  startRedis(o: { dir: string }): Promise<{ url: string; stop(): Promise<void> }>;
}
interface System {
  freePort(): Promise<number>;
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const rssBytes = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

async function makeFile(file: string): Promise<void> {
  const block = randomBytes(BLOCK);
  const out = createWriteStream(file);
  for (let written = 0; written < size; written += BLOCK) {
    if (!out.write(block.subarray(0, Math.min(BLOCK, size - written)))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

function request(url: string, method: string, headers: Record<string, string>, body?: NodeJS.ReadableStream): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    if (body) body.pipe(req);
    else req.end();
  });
}

async function main(): Promise<void> {
  const services = require(path.join(root, 'scripts/lib/services.mjs')) as Services;
  const system = require(path.join(root, 'scripts/lib/system.mjs')) as System;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const stops: Array<() => Promise<unknown> | void> = [];
  try {
    const [pg, redis] = await Promise.all([
      services.startPostgres({ dir: path.join(work, 'postgres'), fresh: true }),
      services.startRedis({ dir: path.join(work, 'redis') }),
    ]);
    stops.push(() => pg.stop(), () => redis.stop());
    const dbUrl = await pg.ensureDatabase('bench');
    const env = { ...process.env, DATABASE_URL: dbUrl, DEMO_PASSWORD: 'demo-library' };
    execFileSync('node', ['dist/libs/db/src/cli.js', 'migrate'], { env, stdio: 'ignore' });
    execFileSync('node', ['dist/libs/db/src/cli.js', 'seed'], { env, stdio: 'ignore' });
    const sql = (q: string) => execFileSync('node', ['-e', `const {Client}=require('pg');const c=new Client(process.env.DATABASE_URL);c.connect().then(()=>c.query(${JSON.stringify(q)})).then(r=>{console.log(JSON.stringify(r.rows));return c.end()})`], { env, encoding: 'utf8' });
    const [{ id: seriesId }] = JSON.parse(sql(`INSERT INTO series (title, slug) VALUES ('Bench', 'bench') RETURNING id`));
    const [{ id: episodeId }] = JSON.parse(sql(`INSERT INTO episodes (series_id, title) VALUES ('${seriesId}', 'Bench') RETURNING id`));

    const port = await system.freePort();
    const api: ChildProcess = spawn('node', ['dist/apps/api/src/main.js'], {
      env: { ...env, REDIS_URL: redis.url, JWT_SECRET: randomBytes(24).toString('hex'), HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', MEDIA_DIR: path.join(work, 'media') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    stops.unshift(() => void api.kill('SIGTERM'));
    const base = `http://127.0.0.1:${port}`;
    let token = '';
    for (let i = 0; i < 100 && !token; i++) {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'producer@demo.library', password: 'demo-library' }) }).catch(() => null);
      if (res?.ok) token = ((await res.json()) as { accessToken: string }).accessToken;
      else await new Promise((r) => setTimeout(r, 200));
    }
    if (!token) throw new Error('the API did not start');
    const tus = { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' };
    const meta = (name: string) => `filename ${Buffer.from(name).toString('base64')},episodeId ${Buffer.from(episodeId).toString('base64')}`;
    const create = async (name: string, length: number) => {
      const res = await request(`${base}/api/uploads`, 'POST', { ...tus, 'upload-length': String(length), 'upload-metadata': meta(name) });
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
      return `${base}${res.headers.location}`;
    };
    const patch = (url: string, offset: number, body: NodeJS.ReadableStream, length: number) =>
      request(url, 'PATCH', { ...tus, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', 'content-length': String(length) }, body);

    const source = path.join(work, 'source.bin');
    process.stdout.write(`Writing a ${(size / GIB).toFixed(2)} GiB test file… `);
    await makeFile(source);
    console.log('done');

    // Warm-up: the API's first upload loads code paths; measure growth from after it.
    const warm = await create('warm-up.mp4', MIB);
    await patch(warm, 0, createReadStream(source, { end: MIB - 1 }), MIB);

    let t = process.hrtime.bigint();
    await pipeline(createReadStream(source), createWriteStream(path.join(work, 'copy.bin')));
    const copyS = seconds(t);
    rmSync(path.join(work, 'copy.bin'));

    const rssBefore = rssBytes(api.pid!);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssBytes(api.pid!))), 20);
    const url = await create('recording.mp4', size);
    t = process.hrtime.bigint();
    const done = await patch(url, 0, createReadStream(source), size);
    const uploadS = seconds(t);
    clearInterval(sampler);
    if (done.status !== 204 || Number(done.headers['upload-offset']) !== size) throw new Error(`upload failed: ${done.status} ${done.text}`);
    const stored = path.join(work, 'media/uploads', url.split('/').pop()!);
    const intact = statSync(stored).size === size && (await sha256(stored)) === (await sha256(source));

    // Resume: cut the connection once half the file has been sent, ask where to continue, send the rest.
    const resumeUrl = await create('flaky.mp4', size);
    let sent = 0;
    await new Promise<void>((resolve) => {
      const req = http.request(resumeUrl, { method: 'PATCH', headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(size) } });
      req.on('error', () => resolve());
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          if (sent >= size / 2) {
            req.destroy();
            return resolve();
          }
          sent += chunk.length;
          cb(null, chunk);
        },
      });
      createReadStream(source).pipe(counter).pipe(req);
    });
    let offset = -1;
    for (let i = 0; i < 100 && offset < 0; i++) {
      const res = await request(resumeUrl, 'HEAD', tus);
      if (res.status === 200) offset = Number(res.headers['upload-offset']);
      else await new Promise((r) => setTimeout(r, 100));
    }
    const resent = sent - offset;
    const rest = await patch(resumeUrl, offset, createReadStream(source, { start: offset }), size - offset);
    const resumed = rest.status === 204 && Number(rest.headers['upload-offset']) === size;

    const mbps = (s: number) => (size / MIB / s).toFixed(0);
    const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
    console.log(`\nMachine: ${cpu}, ${os.cpus().length} cores, Node ${process.version}`);
    console.log(`File: ${(size / GIB).toFixed(2)} GiB, uploaded in one PATCH over loopback to the API (local-disk storage)`);
    console.log(`Copy on the same disk:  ${copyS.toFixed(1)} s (${mbps(copyS)} MiB/s)`);
    console.log(`tus upload:             ${uploadS.toFixed(1)} s (${mbps(uploadS)} MiB/s), stored bytes identical: ${intact}`);
    console.log(`Throughput ratio upload/copy: ${(copyS / uploadS).toFixed(2)}`);
    console.log(`API peak RSS growth: ${((rssPeak - rssBefore) / MIB).toFixed(1)} MiB (goal ≤ 64 MiB; RSS ${(rssBefore / MIB).toFixed(0)} → ${(rssPeak / MIB).toFixed(0)} MiB)`);
    console.log(`Resume after a cut at 50%: sent ${(sent / MIB).toFixed(1)} MiB, server had ${(offset / MIB).toFixed(1)} MiB, re-sent ${(resent / 1024).toFixed(0)} KiB (goal ≤ one 8 MiB chunk), finished: ${resumed}`);
    console.log(`\nRerun: npm run build:server && npx tsc bench/upload.ts --outDir dist/bench --module commonjs --target ES2022 --esModuleInterop --skipLibCheck --types node && node dist/bench/upload.js ${process.argv[2] ?? 2}`);
  } finally {
    for (const stop of stops) await Promise.resolve(stop()).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
