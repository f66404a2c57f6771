import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Worker } from 'bullmq';
import type Redis from 'ioredis';
import pino from 'pino';
import S3rver from 's3rver';
import type { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@app/config';
import { createDataSource, MediaAssetEntity } from '@app/db';
import { createTestDatabase, TestDatabase } from '@app/db/testing';
import { createRedis, Jobs } from '@app/jobs';
import { ffprobe } from '@app/media';
import { LocalDiskStorage, S3Storage, Storage } from '@app/storage';
import { startProbeWorker } from './probe.processor';
import { startTranscodeWorkers, TranscodeProgress } from './transcode.processor';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../../../..');
const make = (file: string, args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, file]);
const video = (size: string, seconds: number) => ['-f', 'lavfi', '-i', `testsrc2=s=${size}:r=30:d=${seconds}`];
const tone = (seconds: number) => ['-f', 'lavfi', '-i', `sine=f=330:d=${seconds}`];
const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '60'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 90_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const value = await check();
    if (value) return value;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('transcode jobs on real ffmpeg, PostgreSQL and Redis', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'transcode-'));
  const at = (...p: string[]) => path.join(dir, ...p);
  const mediaDir = at('media');
  let db: TestDatabase;
  let ds: DataSource;
  let redis: Redis;
  let jobs: Jobs;
  let config: AppConfig;
  let storage: Storage;
  let probeWorker: Worker;
  let transcoders: Worker[] = [];
  const progress = new Map<string, TranscodeProgress[]>();
  const log = pino({ level: 'silent' });

  const startTranscoders = () => {
    transcoders = startTranscodeWorkers({ ds, storage, config, log, jobs, connection: redis, tmpDir: at('tmp') });
    transcoders[0].on('progress', (job, p) => progress.set(job.data.assetId, [...(progress.get(job.data.assetId) ?? []), p as TranscodeProgress]));
  };
  const stopTranscoders = () => Promise.all(transcoders.map((w) => w.close()));

  const repo = () => ds.getRepository(MediaAssetEntity);
  const row = (id: string) => repo().findOneByOrFail({ id });

  async function upload(file: string, into: Storage = storage): Promise<string> {
    const id = randomUUID();
    await into.put(into.uploadKey(id), Readable.from([readFileSync(file)]));
    await repo().save(repo().create({ id, filename: path.basename(file), sourceKey: into.uploadKey(id), sizeBytes: 1, status: 'uploaded' }));
    await jobs.probe(id);
    return id;
  }

  const settled = (id: string) => until(`asset ${id} to be processed`, async () => {
    const a = await row(id);
    return ['ready', 'failed', 'rejected'].includes(a.status) && a;
  });

  const text = (id: string, file: string) => readFileSync(path.join(mediaDir, 'media', id, 'hls', file), 'utf8');
  const keys = async (id: string, into: Storage = storage) => (await into.list(`media/${id}/hls/`)).map((k) => k.slice(`media/${id}/hls/`.length));
  const streamOf = async (id: string, file: string) => (await ffprobe(path.join(mediaDir, 'media', id, 'hls', file))).streams[0];
  /** Every playlist the master lists is complete, and every segment it lists exists. */
  const assertComplete = (id: string) => {
    const lists = [...text(id, 'master.m3u8').matchAll(/^([\w-]+\/index\.m3u8)$|URI="([^"]+)"/gm)].map((m) => m[1] ?? m[2]);
    for (const list of lists) {
      const body = text(id, list);
      expect(body).toContain('#EXT-X-ENDLIST');
      for (const seg of body.split('\n').filter((l) => l.endsWith('.m4s'))) expect(existsSync(path.join(mediaDir, 'media', id, 'hls', path.dirname(list), seg))).toBe(true);
    }
    return lists;
  };

  beforeAll(async () => {
    make(at('screencast.mp4'), [...video('1280x720', 9), ...tone(9), ...x264, '-c:a', 'aac', '-shortest']);
    make(at('mpeg4.mkv'), [...video('640x360', 3), ...tone(3), '-c:v', 'mpeg4', '-q:v', '5', '-c:a', 'libopus', '-shortest']);
    make(at('speech.m4a'), [...tone(3), '-c:a', 'aac']);
    make(at('portrait.mkv'), [...video('360x640', 3), ...tone(3), '-c:v', 'mpeg4', '-q:v', '5', '-c:a', 'libopus', '-shortest']);
    make(at('mute.mp4'), [...video('640x360', 3), ...x264]);
    make(at('long.mkv'), [...video('640x360', 12), ...tone(12), '-c:v', 'mpeg4', '-q:v', '5', '-g', '30', '-c:a', 'libopus', '-shortest']);
    mkdirSync(at('tmp'));
    db = await createTestDatabase();
    ds = await createDataSource(db.url).initialize();
    config = loadConfig({
      DATABASE_URL: db.url,
      REDIS_URL: process.env.TEST_REDIS_URL,
      JWT_SECRET: 'x'.repeat(32),
      QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
      MEDIA_DIR: mediaDir,
      WORKER_CONCURRENCY: '2',
      TRANSCODE_LOCK_MS: '2000',
      TRANSCODE_NICENESS: '5',
      TRANSCODE_CHUNK_AFTER_S: '10',
      TRANSCODE_CHUNK_S: '4',
    });
    storage = new LocalDiskStorage(mediaDir);
    redis = createRedis(process.env.TEST_REDIS_URL!, 'worker');
    jobs = new Jobs(redis, config.QUEUE_PREFIX);
    probeWorker = startProbeWorker({ ds, storage, config, log, jobs, connection: redis });
    startTranscoders();
  });
  afterAll(async () => {
    await stopTranscoders();
    await probeWorker?.close();
    await jobs?.close();
    await redis?.quit();
    await ds?.destroy();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  let reference: string;

  it('copies an H.264/AAC screencast into the top rung first (playable early), then adds the encoded rung, poster and storyboard', async () => {
    reference = await upload(at('screencast.mp4'));
    const asset = await settled(reference);
    expect(asset).toMatchObject({ status: 'ready', reason: null, posterFile: 'hls/poster.jpg', storyboardFile: 'hls/storyboard.vtt', progressPercent: 100 });
    expect(asset.playableAt!.getTime()).toBeLessThan(asset.readyAt!.getTime());
    expect(asset.renditions.map((r) => r.id).sort()).toEqual(['audio', 'v480', 'v720']);
    const master = text(reference, 'master.m3u8');
    expect(master).toContain('RESOLUTION=1280x720');
    expect(master).toContain('RESOLUTION=854x480');
    expect(master).toMatch(/TYPE=AUDIO,.*URI="audio\/index.m3u8"/);
    expect(assertComplete(reference).sort()).toEqual(['audio/index.m3u8', 'audio/index.m3u8', 'v480/index.m3u8', 'v720/index.m3u8']);
    expect(await streamOf(reference, 'v720/index.m3u8')).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });
    expect(await streamOf(reference, 'v480/index.m3u8')).toMatchObject({ codec_name: 'h264', width: 854, height: 480 });
    expect(await streamOf(reference, 'poster.jpg')).toMatchObject({ width: 1280, height: 720 });
    expect(await keys(reference)).toEqual(expect.arrayContaining(['poster.jpg', 'storyboard.jpg', 'storyboard.vtt', 'v480/init.mp4', 'v720/seg_00000.m4s']));
    // progress went up step by step to 100 %, with an estimate of the time left on the way
    const seen = progress.get(reference)!;
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.map((p) => p.percent)).toEqual([...seen.map((p) => p.percent)].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ percent: 100, etaSeconds: 0 });
    expect(seen.some((p) => p.percent > 0 && p.percent < 100 && p.etaSeconds !== null)).toBe(true);
    expect(new Set(seen.map((p) => p.step))).toEqual(new Set(['playable', 'ladder', 'thumbnails']));
    expect(readdirSync(path.join(mediaDir, 'transcode-work'))).toEqual([]);
  });

  it('transcodes a source it cannot copy (MPEG-4 Part 2 + Opus) fully', async () => {
    const id = await upload(at('mpeg4.mkv'));
    expect(await settled(id)).toMatchObject({ status: 'ready', renditions: [expect.objectContaining({ id: 'v360', width: 640, height: 360 }), expect.objectContaining({ id: 'audio' })] });
    expect(await streamOf(id, 'v360/index.m3u8')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    expect(await streamOf(id, 'audio/index.m3u8')).toMatchObject({ codec_name: 'aac' });
    expect(text(id, 'master.m3u8')).toContain('CODECS="avc1.64001e,mp4a.40.2",RESOLUTION=640x360');
  });

  it('turns an audio-only recording into one audio rendition, without poster or storyboard', async () => {
    const id = await upload(at('speech.m4a'));
    const asset = await settled(id);
    expect(asset).toMatchObject({ status: 'ready', posterFile: null, storyboardFile: null, renditions: [expect.objectContaining({ id: 'audio', kind: 'audio' })] });
    expect(text(id, 'master.m3u8')).toContain('CODECS="mp4a.40.2",AUDIO="audio"\naudio/index.m3u8');
    expect((await keys(id)).filter((k) => !k.startsWith('audio/'))).toEqual(['master.m3u8']);
  });

  it('keeps portrait video upright', async () => {
    const id = await upload(at('portrait.mkv'));
    expect(await settled(id)).toMatchObject({ status: 'ready', renditions: expect.arrayContaining([expect.objectContaining({ id: 'v360', width: 360, height: 640 })]) });
    expect(await streamOf(id, 'v360/index.m3u8')).toMatchObject({ width: 360, height: 640 });
    expect(await streamOf(id, 'poster.jpg')).toMatchObject({ width: 360, height: 640 });
  });

  it('publishes a recording without sound with no audio group', async () => {
    const id = await upload(at('mute.mp4'));
    expect(await settled(id)).toMatchObject({ status: 'ready', renditions: [expect.objectContaining({ id: 'v360', kind: 'video' })] });
    expect(text(id, 'master.m3u8')).not.toContain('TYPE=AUDIO');
    assertComplete(id);
  });

  it('encodes a long recording as a flow of parallel parts (chunks, audio, thumbnails) joined without re-encoding', async () => {
    const id = await upload(at('long.mkv'));
    const asset = await settled(id);
    expect(asset).toMatchObject({ status: 'ready', posterFile: 'hls/poster.jpg', renditions: [expect.objectContaining({ id: 'v360' }), expect.objectContaining({ id: 'audio' })] });
    expect((await jobs.counts())['media-transcode-part']).toMatchObject({ completed: 5, failed: 0 });
    expect(Number((await ffprobe(path.join(mediaDir, 'media', id, 'hls', 'v360/index.m3u8'))).format.duration)).toBeCloseTo(12, 0);
    const segments = text(id, 'v360/index.m3u8').split('\n').filter((l) => l.startsWith('#EXTINF')).map((l) => Number.parseFloat(l.slice(8)));
    expect(segments).toHaveLength(3);
    for (const s of segments) expect(s).toBeCloseTo(4, 1);
    assertComplete(id);
    expect(readdirSync(path.join(mediaDir, 'transcode-work'))).toEqual([]);
  });

  it('a worker killed with SIGKILL mid-encode leaves only whole renditions visible; another worker completes the job with the same playlists', async () => {
    await stopTranscoders();
    const child: ChildProcess = spawn('node', [path.join(ROOT, 'dist/apps/worker/src/main.js')], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { PATH: process.env.PATH, DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL, JWT_SECRET: 'x'.repeat(32), QUEUE_PREFIX: config.QUEUE_PREFIX, MEDIA_DIR: mediaDir, TRANSCODE_LOCK_MS: '2000', TRANSCODE_NICENESS: '5', LOG_LEVEL: 'silent' },
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let killedWork = '';
    try {
      const id = await upload(at('screencast.mp4'));
      // wait until the copied rung is published and the encoded rung has written its first segment
      killedWork = await until('the ladder encode to be under way', async () => {
        const a = await row(id);
        if (!a.playableAt) return null;
        const work = readdirSync(path.join(mediaDir, 'transcode-work')).find((d) => d.startsWith(`${id}-0-plan.`));
        return work && existsSync(path.join(mediaDir, 'transcode-work', work, 'v480', 'seg_00000.m4s')) && path.join(mediaDir, 'transcode-work', work);
      }, 90_000, 20);
      child.kill('SIGKILL');
      await exited;

      expect(await row(id)).toMatchObject({ status: 'processing', readyAt: null });
      expect((await keys(id)).some((k) => k.startsWith('v480/'))).toBe(false);
      expect(assertComplete(id).sort()).toEqual(['audio-src/index.m3u8', 'audio-src/index.m3u8', 'v720/index.m3u8']);

      startTranscoders();
      const done = await settled(id);
      expect(done).toMatchObject({ status: 'ready', transcodeRun: 0 });
      for (const file of ['master.m3u8', 'v720/index.m3u8', 'v480/index.m3u8', 'audio/index.m3u8', 'storyboard.vtt']) expect(text(id, file)).toBe(text(reference, file));
      assertComplete(id);
      expect(readdirSync(path.join(mediaDir, 'transcode-work'))).toEqual([]);
      // the ffmpeg the killed worker left behind stops at its next file instead of writing into the retry's outputs
      await until('the orphaned ffmpeg to stop', async () => !execFileSync('ps', ['-eo', 'args']).toString().includes(killedWork), 30_000, 200);
    } finally {
      child.kill('SIGKILL');
      if (!transcoders.length || transcoders.every((w) => w.closing)) startTranscoders();
    }
  });

  it('publishes to S3: segments before their playlist, the master last, no temporary files left', async () => {
    const s3dir = at('s3');
    const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3dir, configureBuckets: [{ name: 'media' }] });
    const { port } = await s3.run();
    const bucket = new S3Storage({ bucket: 'media', region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
    const prefix = `test-${randomBytes(4).toString('hex')}`;
    const s3config = { ...config, QUEUE_PREFIX: prefix };
    const s3jobs = new Jobs(redis, prefix);
    const tmpDir = at('s3-tmp');
    mkdirSync(tmpDir);
    const workers = [
      startProbeWorker({ ds, storage: bucket, config: s3config, log, jobs: s3jobs, connection: redis, tmpDir }),
      ...startTranscodeWorkers({ ds, storage: bucket, config: s3config, log, jobs: s3jobs, connection: redis, tmpDir }),
    ];
    try {
      const id = randomUUID();
      await bucket.put(bucket.uploadKey(id), Readable.from([readFileSync(at('mute.mp4'))]));
      await repo().save(repo().create({ id, filename: 'mute.mp4', sourceKey: bucket.uploadKey(id), sizeBytes: 1, status: 'uploaded' }));
      await s3jobs.probe(id);
      expect(await settled(id)).toMatchObject({ status: 'ready', posterFile: 'hls/poster.jpg' });
      expect(await keys(id, bucket)).toEqual(expect.arrayContaining(['master.m3u8', 'poster.jpg', 'storyboard.jpg', 'storyboard.vtt', 'v360/index.m3u8', 'v360/init.mp4', 'v360/seg_00000.m4s']));
      const master = Buffer.concat(await (await bucket.get(`media/${id}/hls/master.m3u8`)).toArray()).toString();
      expect(master).toContain('v360/index.m3u8');
      expect(readdirSync(tmpDir).filter((f) => f.startsWith('transcode-'))).toEqual([]);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
      await s3jobs.close();
      bucket.client.destroy();
      await s3.close();
    }
  });
});
