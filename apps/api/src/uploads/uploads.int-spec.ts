import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Worker } from 'bullmq';
import type Redis from 'ioredis';
import pino from 'pino';
import * as tus from 'tus-js-client';
import { DataSource } from 'typeorm';
import { createRedis, Jobs } from '@app/jobs';
import { mediaKey, Storage } from '@app/storage';
import { startProbeWorker } from '../../../worker/src/processors/probe.processor';
import { STORAGE } from '../media/storage.provider';
import { startTestApi, TestApi } from '../testing/test-app';
import { UploadsService } from './uploads.service';
import { validClip } from './testing/media-corpus';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const metadata = (m: Record<string, string>) =>
  Object.entries(m)
    .map(([k, v]) => `${k} ${b64(v)}`)
    .join(',');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const MAX_BYTES = 32 * 1024 * 1024;

describe('media intake: tus uploads → probe → queued (real API, PostgreSQL, Redis, ffmpeg)', () => {
  let api: TestApi;
  let dir: string;
  let storage: Storage;
  let ds: DataSource;
  let worker: Worker;
  let workerRedis: Redis;
  let producer: string;
  let episodeId: string;
  let clip: Buffer;

  const tusHeaders = (token = producer) => ({ authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' });
  const create = (m: Record<string, string>, length: number, token = producer, body?: Buffer) =>
    fetch(`${api.url}/api/uploads`, {
      method: 'POST',
      headers: {
        ...tusHeaders(token),
        'upload-length': String(length),
        'upload-metadata': metadata(m),
        ...(body ? { 'content-type': 'application/offset+octet-stream' } : {}),
      },
      body,
    });
  const patch = (id: string, offset: number, body: Buffer) =>
    fetch(`${api.url}/api/uploads/${id}`, {
      method: 'PATCH',
      headers: { ...tusHeaders(), 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
      body,
    });
  const head = (id: string) => fetch(`${api.url}/api/uploads/${id}`, { method: 'HEAD', headers: tusHeaders() });
  const idOf = (res: Response) => res.headers.get('location')!.split('/').pop()!;
  const asset = async (id: string): Promise<Json> => (await fetch(`${api.url}/api/media/${id}`, { headers: { authorization: `Bearer ${producer}` } })).json();
  const settled = async (id: string): Promise<Json> => {
    for (let i = 0; i < 300; i++) {
      const a = await asset(id);
      if (!['uploading', 'uploaded', 'probing'].includes(a.status)) return a;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`asset ${id} was not probed in time`);
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'uploads-'));
    api = await startTestApi({
      MEDIA_DIR: path.join(dir, 'media'),
      UPLOAD_MAX_BYTES: String(MAX_BYTES),
      QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    });
    storage = api.app.get(STORAGE);
    ds = api.app.get(DataSource);
    workerRedis = createRedis(process.env.TEST_REDIS_URL!, 'worker');
    worker = startProbeWorker({ ds, storage, config: api.config, jobs: api.app.get(Jobs), log: pino({ level: 'silent' }), connection: workerRedis });
    producer = await api.tokenFor('producer');
    const [series] = await ds.query(`INSERT INTO series (title, slug) VALUES ('Zelf je boeken verlengen', 'boeken-verlengen') RETURNING id`);
    [{ id: episodeId }] = await ds.query(`INSERT INTO episodes (series_id, title) VALUES ($1, 'Aflevering 1') RETURNING id`, [series.id]);
    clip = readFileSync(validClip(dir));
  });
  afterAll(async () => {
    await worker?.close();
    await workerRedis?.quit();
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces the tus extensions and the size limit', async () => {
    const res = await fetch(`${api.url}/api/uploads`, { method: 'OPTIONS', headers: { authorization: `Bearer ${producer}` } });
    expect(res.status).toBe(204);
    expect(res.headers.get('tus-extension')).toBe('creation,creation-with-upload,termination,expiration');
    expect(res.headers.get('tus-max-size')).toBe(String(MAX_BYTES));
  });

  it('takes a recording from tus-js-client in chunks, probes it and queues it with its facts', async () => {
    let progressCalls = 0;
    const url = await new Promise<string>((resolve, reject) => {
      const upload = new tus.Upload(clip, {
        endpoint: `${api.url}/api/uploads`,
        headers: { authorization: `Bearer ${producer}` },
        metadata: { filename: 'Workshop catalogus.mp4', episodeId },
        chunkSize: 64 * 1024,
        retryDelays: [],
        onProgress: () => progressCalls++,
        onSuccess: () => resolve(upload.url!),
        onError: reject,
      });
      upload.start();
    });
    expect(progressCalls).toBeGreaterThan(1);
    const id = url.split('/').pop()!;
    const a = await settled(id);
    expect(a).toMatchObject({
      id,
      status: 'queued',
      reason: null,
      filename: 'Workshop catalogus.mp4',
      episodeId,
      broadcastId: null,
      sizeBytes: clip.length,
      videoCodec: 'h264',
      audioCodec: 'aac',
      width: 320,
      height: 240,
      fps: 25,
      audioChannels: 1,
    });
    expect(a.format).toContain('mp4');
    expect(a.durationS).toBeCloseTo(2, 0);
    expect(a.bitRate).toBeGreaterThan(10_000);
    expect(a.loudness.integrated).toBeLessThan(0);
    expect(Number.isFinite(a.loudness.truePeak)).toBe(true);
    expect(a.uploadedAt).not.toBeNull();
    expect(a.probedAt).not.toBeNull();

    const stored = await storage.list(storage.uploadKey(id));
    expect(stored).toContain(storage.uploadKey(id));
    expect(stored.every((k) => !k.includes('Workshop'))).toBe(true);
    const audit = await ds.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at`, [id]);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['media.upload-started', 'media.uploaded']);
  });

  it('resumes after the connection is cut halfway, without losing or re-sending bytes', async () => {
    const created = await create({ filename: 'flaky-wifi.mp4', episodeId }, clip.length);
    expect(created.status).toBe(201);
    expect(created.headers.get('upload-expires')).toBeTruthy();
    const id = idOf(created);
    const half = clip.length >> 1;

    await new Promise<void>((resolve) => {
      const req = http.request(`${api.url}/api/uploads/${id}`, {
        method: 'PATCH',
        headers: { ...tusHeaders(), 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(clip.length) },
      });
      req.on('error', () => resolve());
      req.write(clip.subarray(0, half));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 500);
    });

    let offset = -1;
    for (let i = 0; i < 50 && offset < 0; i++) {
      const res = await head(id);
      if (res.status === 200) offset = Number(res.headers.get('upload-offset'));
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(offset).toBe(half);
    expect((await asset(id)).status).toBe('uploading');

    const rest = await patch(id, offset, clip.subarray(offset));
    expect(rest.status).toBe(204);
    expect(Number(rest.headers.get('upload-offset'))).toBe(clip.length);
    expect((await settled(id)).status).toBe('queued');
    const bytes: Buffer[] = [];
    for await (const c of await storage.get(storage.uploadKey(id))) bytes.push(c as Buffer);
    expect(sha(Buffer.concat(bytes))).toBe(sha(clip));
  });

  it('refuses a PATCH at the wrong offset with 409', async () => {
    const id = idOf(await create({ filename: 'x.mp4', episodeId }, 100));
    expect((await patch(id, 10, Buffer.alloc(10))).status).toBe(409);
  });

  it('cancels an unfinished upload: bytes and asset are gone', async () => {
    const created = await create({ filename: 'wrong-file.mp4', episodeId }, 1000, producer, Buffer.alloc(400, 1));
    const id = idOf(created);
    expect(created.headers.get('upload-offset')).toBe('400');
    expect(await storage.list(storage.uploadKey(id))).not.toEqual([]);
    const res = await fetch(`${api.url}/api/uploads/${id}`, { method: 'DELETE', headers: tusHeaders() });
    expect(res.status).toBe(204);
    expect((await head(id)).status).toBe(404);
    expect((await fetch(`${api.url}/api/media/${id}`, { headers: { authorization: `Bearer ${producer}` } })).status).toBe(404);
    expect(await storage.list(storage.uploadKey(id))).toEqual([]);
    const audit = await ds.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at`, [id]);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['media.upload-started', 'media.upload-cancelled']);
  });

  it('does not cancel a finished upload', async () => {
    const id = idOf(await create({ filename: 'done.mp4', episodeId }, clip.length, producer, clip));
    const res = await fetch(`${api.url}/api/uploads/${id}`, { method: 'DELETE', headers: tusHeaders() });
    expect(res.status).toBe(400);
    expect(['uploaded', 'probing', 'queued']).toContain((await asset(id)).status);
  });

  it('expires abandoned uploads: the partial bytes are deleted and the asset says why', async () => {
    const id = idOf(await create({ filename: 'abandoned.mp4', episodeId }, 5000, producer, Buffer.alloc(1000, 2)));
    const fresh = idOf(await create({ filename: 'still-going.mp4', episodeId }, 5000, producer, Buffer.alloc(1000, 3)));
    await ds.query(`UPDATE media_assets SET created_at = now() - interval '25 hours' WHERE id = $1`, [id]);
    const swept = await api.app.get(UploadsService).sweep();
    expect(swept.expired).toBe(1);
    expect(await storage.list(storage.uploadKey(id))).toEqual([]);
    expect((await head(id)).status).toBe(404);
    const a = await asset(id);
    expect(a).toMatchObject({ status: 'failed', reasonCode: 'upload_expired', reason: expect.stringMatching(/not finished within 24 hours.*Upload the file again/) });
    expect((await head(fresh)).headers.get('upload-offset')).toBe('1000');
  });

  it('refuses a file over the size limit with 413 and says what to do', async () => {
    const res = await create({ filename: 'huge.mp4', episodeId }, MAX_BYTES + 1);
    expect(res.status).toBe(413);
    expect(await res.text()).toBe('This file is larger than the upload limit of 32 MiB. Trim the recording or export it at a lower bitrate, then upload it again.\n');
  });

  it.each([
    [{ filename: 'a.mp4' }, 400, /give either "episodeId" or "broadcastId"/],
    [{ filename: 'a.mp4', episodeId: 'not-a-uuid' }, 400, /not a valid episode id/],
    [{ filename: 'a.mp4', episodeId: '7d3c2a9e-0000-4000-8000-000000000000' }, 400, /There is no episode with id 7d3c2a9e/],
    [{ filename: 'a.mp4', broadcastId: '7d3c2a9e-0000-4000-8000-000000000000' }, 400, /There is no broadcast with id/],
    [{ episodeId: 'x' }, 400, /needs "filename"/],
    [{ filename: 'stream.m3u8', episodeId: 'E' }, 415, /playlist, not a recording/],
    [{ filename: 'slides.pptx', episodeId: 'E' }, 415, /Files of type \.pptx cannot be used/],
  ])('refuses metadata %j with %d', async (m, status, message) => {
    const res = await create(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v === 'E' ? episodeId : v])), 100);
    expect(res.status).toBe(status);
    expect(await res.text()).toMatch(message);
    expect(await ds.query(`SELECT count(*)::int AS n FROM media_assets WHERE filename IN ('a.mp4', 'stream.m3u8', 'slides.pptx')`)).toEqual([{ n: 0 }]);
  });

  it('lets only producers and admins upload', async () => {
    const editor = await create({ filename: 'a.mp4', episodeId }, 100, await api.tokenFor('editor'));
    expect(editor.status).toBe(403);
    expect(((await editor.json()) as Json).message).toBe('This needs one of the roles: producer.');
    const anonymous = await fetch(`${api.url}/api/uploads`, { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-length': '100' } });
    expect(anonymous.status).toBe(401);
    expect((await create({ filename: 'a.mp4', episodeId }, 100, await api.tokenFor('admin'))).status).toBe(201);
  });

  it('serves the source and derived files with byte ranges, content types and cache headers', async () => {
    const id = idOf(await create({ filename: 'preview.mp4', episodeId }, clip.length, producer, clip));
    await settled(id);
    const auth = { authorization: `Bearer ${producer}` };
    const ranged = await fetch(`${api.url}/api/media/${id}/source`, { headers: { ...auth, range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-199/${clip.length}`);
    expect(ranged.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await ranged.arrayBuffer()).equals(clip.subarray(100, 200))).toBe(true);
    const outside = await fetch(`${api.url}/api/media/${id}/source`, { headers: { ...auth, range: `bytes=${clip.length}-` } });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${clip.length}`);

    await storage.put(mediaKey(id, 'hls/720p/index.m3u8'), Readable.from([Buffer.from('#EXTM3U\n')]));
    await storage.put(mediaKey(id, 'hls/720p/seg-00001.m4s'), Readable.from([Buffer.alloc(5000, 7)]));
    const playlist = await fetch(`${api.url}/api/media/${id}/files/hls/720p/index.m3u8`, { headers: auth });
    expect(playlist.status).toBe(200);
    expect(playlist.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(playlist.headers.get('cache-control')).toBe('private, max-age=2');
    const segment = await fetch(`${api.url}/api/media/${id}/files/hls/720p/seg-00001.m4s`, { headers: { ...auth, range: 'bytes=-10' } });
    expect(segment.status).toBe(206);
    expect(segment.headers.get('content-type')).toBe('video/iso.segment');
    expect(segment.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect((await segment.arrayBuffer()).byteLength).toBe(10);
    expect((await fetch(`${api.url}/api/media/${id}/files/hls/..%2F..%2Fsource`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${api.url}/api/media/${id}/files/hls/nope.ts`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${api.url}/api/media/${id}/files/hls/720p/index.m3u8`)).status).toBe(401);
  });
});
