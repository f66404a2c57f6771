import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'bullmq';
import type Redis from 'ioredis';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { createRedis, Jobs } from '@app/jobs';
import type { Storage } from '@app/storage';
import { startProbeWorker } from '../../../worker/src/processors/probe.processor';
import { STORAGE } from '../media/storage.provider';
import { startTestApi, TestApi } from '../testing/test-app';
import { hostileCorpus, HostileFile, validClip } from './testing/media-corpus';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const MAX_DURATION_S = 5;
const dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
const corpus: HostileFile[] = hostileCorpus(dir, MAX_DURATION_S);

describe('hostile uploads are rejected with a reason and leave nothing behind (real ffmpeg)', () => {
  let api: TestApi;
  let storage: Storage;
  let worker: Worker;
  let workerRedis: Redis;
  let token: string;
  let episodeId: string;

  const upload = async (filename: string, bytes: Buffer): Promise<string> => {
    const meta = `filename ${Buffer.from(filename).toString('base64')},episodeId ${Buffer.from(episodeId).toString('base64')}`;
    const res = await fetch(`${api.url}/api/uploads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'tus-resumable': '1.0.0',
        'upload-length': String(bytes.length),
        'upload-metadata': meta,
        'content-type': 'application/offset+octet-stream',
      },
      body: bytes,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('upload-offset')).toBe(String(bytes.length));
    return res.headers.get('location')!.split('/').pop()!;
  };
  const settled = async (id: string): Promise<Json> => {
    for (let i = 0; i < 300; i++) {
      const a = (await (await fetch(`${api.url}/api/media/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as Json;
      if (!['uploading', 'uploaded', 'probing'].includes(a.status)) return a;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`asset ${id} was not probed in time`);
  };

  beforeAll(async () => {
    api = await startTestApi({
      MEDIA_DIR: path.join(dir, 'media'),
      UPLOAD_MAX_DURATION_S: String(MAX_DURATION_S),
      QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    });
    storage = api.app.get(STORAGE);
    const ds = api.app.get(DataSource);
    workerRedis = createRedis(process.env.TEST_REDIS_URL!, 'worker');
    worker = startProbeWorker({ ds, storage, config: api.config, jobs: api.app.get(Jobs), log: pino({ level: 'silent' }), connection: workerRedis });
    token = await api.tokenFor('producer');
    const [series] = await ds.query(`INSERT INTO series (title, slug) VALUES ('Digitale hulp', 'digitale-hulp') RETURNING id`);
    [{ id: episodeId }] = await ds.query(`INSERT INTO episodes (series_id, title) VALUES ($1, 'DigiD aanvragen') RETURNING id`, [series.id]);
  });
  afterAll(async () => {
    await worker?.close();
    await workerRedis?.quit();
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('still accepts a valid recording under the same limits', async () => {
    const id = await upload('goed.mp4', readFileSync(validClip(dir, 'goed.mp4')));
    expect(await settled(id)).toMatchObject({ status: 'queued', reason: null, videoCodec: 'h264' });
    expect(await storage.list(storage.uploadKey(id))).not.toEqual([]);
  });

  it.each(corpus.map((f) => [f.name, f] as const))('rejects %s', async (_name, f) => {
    const id = await upload(f.filename, readFileSync(f.file));
    const a = await settled(id);
    expect({ status: a.status, reasonCode: a.reasonCode }).toEqual({ status: 'rejected', reasonCode: f.code });
    expect(a.reason).toMatch(f.message);
    expect(a.probedAt).not.toBeNull();
    expect(await storage.list(storage.uploadKey(id))).toEqual([]);
  });
});
