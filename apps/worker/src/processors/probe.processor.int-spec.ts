import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Job, Worker } from 'bullmq';
import type Redis from 'ioredis';
import pino from 'pino';
import S3rver from 's3rver';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { createDataSource, MediaAssetEntity } from '@app/db';
import { createTestDatabase, TestDatabase } from '@app/db/testing';
import { createRedis, Jobs, ProbeJob } from '@app/jobs';
import { S3Storage } from '@app/storage';
import { validClip } from '../../../api/src/uploads/testing/media-corpus';
import { probeProcessor, startProbeWorker } from './probe.processor';

describe('probe job on S3 storage (s3rver, PostgreSQL, Redis, ffmpeg)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'probe-s3-'));
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'probe-tmp-'));
  let db: TestDatabase;
  let ds: DataSource;
  let s3: S3rver;
  let storage: S3Storage;
  let redis: Redis;
  let jobs: Jobs;
  let worker: Worker;
  const config = loadConfig({
    DATABASE_URL: 'postgres://unused@127.0.0.1/x',
    REDIS_URL: 'redis://127.0.0.1:1',
    JWT_SECRET: 'x'.repeat(32),
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
  });
  const deps = () => ({ ds, storage, config, tmpDir, jobs, log: pino({ level: 'silent' }) });

  const addAsset = async (bytes: Buffer, filename: string, status: 'uploaded' | 'queued' = 'uploaded'): Promise<MediaAssetEntity> => {
    const id = randomUUID();
    await storage.put(storage.uploadKey(id), Readable.from([bytes]));
    await storage.put(`${storage.uploadKey(id)}.info`, Readable.from([Buffer.from('{}')]));
    const asset = ds.getRepository(MediaAssetEntity).create({ id, filename, sourceKey: storage.uploadKey(id), sizeBytes: bytes.length, status });
    return ds.getRepository(MediaAssetEntity).save(asset);
  };
  const settled = async (id: string): Promise<MediaAssetEntity> => {
    for (let i = 0; i < 300; i++) {
      const a = await ds.getRepository(MediaAssetEntity).findOneByOrFail({ id });
      if (!['uploaded', 'probing'].includes(a.status)) return a;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('not probed in time');
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await createDataSource(db.url).initialize();
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'media' }] });
    const { port } = await s3.run();
    storage = new S3Storage({ bucket: 'media', region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
    redis = createRedis(process.env.TEST_REDIS_URL!, 'worker');
    jobs = new Jobs(redis, config.QUEUE_PREFIX);
    worker = startProbeWorker({ ...deps(), connection: redis });
  });
  afterAll(async () => {
    await worker?.close();
    await jobs?.close();
    await redis?.quit();
    storage?.client.destroy();
    await s3?.close();
    await ds?.destroy();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(tmpDir, { recursive: true, force: true });
  });

  it('downloads the recording to a private temp file, stores the facts and removes the copy', async () => {
    const asset = await addAsset(readFileSync(validClip(dir)), 'clip.mp4');
    await jobs.probe(asset.id);
    const probed = await settled(asset.id);
    expect(probed).toMatchObject({ status: 'queued', videoCodec: 'h264', audioCodec: 'aac', width: 320, height: 240, fps: 25, reason: null });
    expect(probed.loudnessI).toBeLessThan(0);
    expect(await storage.stat(asset.sourceKey)).not.toBeNull();
    expect(readdirSync(tmpDir)).toEqual([]);
  });

  it('rejects a playlist and deletes its object and upload info from the bucket', async () => {
    const asset = await addAsset(Buffer.from('#EXTM3U\n#EXTINF:1,\n/etc/passwd\n'), 'sneaky.mp4');
    await jobs.probe(asset.id);
    expect(await settled(asset.id)).toMatchObject({ status: 'rejected', reasonCode: 'playlist' });
    expect(await storage.list(asset.sourceKey)).toEqual([]);
    expect(readdirSync(tmpDir)).toEqual([]);
  });

  it('leaves an asset that was already probed as it is (a retried or duplicate job)', async () => {
    const asset = await addAsset(Buffer.from('not even looked at'), 'done.mp4', 'queued');
    const job = { data: { assetId: asset.id }, attemptsMade: 0, opts: { attempts: 3 } } as Job<ProbeJob>;
    await expect(probeProcessor(deps())(job)).resolves.toBe('queued');
    expect(await storage.stat(asset.sourceKey)).not.toBeNull();
  });

  it('retries when storage fails, and marks the asset failed on the last attempt', async () => {
    const asset = await addAsset(Buffer.from('x'), 'vanished.mp4');
    await storage.delete(asset.sourceKey);
    const run = probeProcessor(deps());
    const attempt = (attemptsMade: number) => run({ data: { assetId: asset.id }, attemptsMade, opts: { attempts: 3 } } as Job<ProbeJob>);
    await expect(attempt(0)).rejects.toThrow();
    expect((await ds.getRepository(MediaAssetEntity).findOneByOrFail({ id: asset.id })).status).toBe('probing');
    await expect(attempt(2)).rejects.toThrow();
    expect(await ds.getRepository(MediaAssetEntity).findOneByOrFail({ id: asset.id })).toMatchObject({ status: 'failed', reasonCode: 'probe_failed' });
  });
});
