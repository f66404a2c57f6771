import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { LocalDiskStorage } from './local-disk.storage';
import { S3Storage } from './s3.storage';
import { Storage, StorageNotFoundError } from './storage';

const read = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Driver {
  storage: Storage;
  directUrls: boolean;
  close(): Promise<void>;
}

const drivers: Array<[string, () => Promise<Driver>]> = [
  [
    'local disk',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'storage-disk-'));
      return { storage: new LocalDiskStorage(dir), directUrls: false, close: () => rm(dir, { recursive: true, force: true }) };
    },
  ],
  [
    'S3 (s3rver on loopback)',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'storage-s3-'));
      const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'media' }] });
      const { port } = await server.run();
      const storage = new S3Storage({
        bucket: 'media',
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${port}`,
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        forcePathStyle: true,
      });
      return {
        storage,
        directUrls: true,
        async close() {
          storage.client.destroy();
          await server.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  ],
];

describe.each(drivers)('storage contract: %s', (_name, make) => {
  let driver: Driver;
  let s: Storage;
  beforeAll(async () => {
    driver = await make();
    s = driver.storage;
  });
  afterAll(() => driver?.close());

  it('stores a stream and reads it back whole and by byte range', async () => {
    const stored = await s.put('media/a1/hls/seg-00001.ts', Readable.from([Buffer.from('0123456789'), Buffer.from('abcdef')]));
    expect(stored.size).toBe(16);
    expect((await read(await s.get('media/a1/hls/seg-00001.ts'))).toString()).toBe('0123456789abcdef');
    expect((await read(await s.get('media/a1/hls/seg-00001.ts', { start: 5, end: 11 }))).toString()).toBe('56789ab');
    const stat = await s.stat('media/a1/hls/seg-00001.ts');
    expect(stat?.size).toBe(16);
    expect(Math.abs(stat!.modified.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('streams an object larger than one part without changing a byte', async () => {
    const data = randomBytes(19 * 1024 * 1024 + 7);
    const chunks = Array.from({ length: Math.ceil(data.length / 65536) }, (_, i) => data.subarray(i * 65536, (i + 1) * 65536));
    const stored = await s.put('media/big/source', Readable.from(chunks));
    expect(stored.size).toBe(data.length);
    expect(sha(await read(await s.get('media/big/source')))).toBe(sha(data));
    const tail = await read(await s.get('media/big/source', { start: data.length - 10, end: data.length - 1 }));
    expect(tail.equals(data.subarray(data.length - 10))).toBe(true);
  });

  it('replaces an object in place', async () => {
    await s.put('media/replace/x.m3u8', Readable.from([Buffer.from('old playlist')]));
    await s.put('media/replace/x.m3u8', Readable.from([Buffer.from('new')]));
    expect((await read(await s.get('media/replace/x.m3u8'))).toString()).toBe('new');
  });

  it('stores an empty object', async () => {
    expect((await s.put('media/empty', Readable.from([]))).size).toBe(0);
    expect((await read(await s.get('media/empty'))).length).toBe(0);
  });

  it('tells when there is nothing stored', async () => {
    expect(await s.stat('media/nope')).toBeNull();
    await expect(s.get('media/nope')).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it('deletes, and deleting twice is fine', async () => {
    await s.put('media/del/one', Readable.from([Buffer.from('x')]));
    await s.delete('media/del/one');
    await s.delete('media/del/one');
    expect(await s.stat('media/del/one')).toBeNull();
    expect(await s.list('media/del/')).toEqual([]);
  });

  it('lists keys under a prefix, sorted', async () => {
    for (const key of ['list/b/2.ts', 'list/b/1.ts', 'list/a.m3u8', 'listing.txt', 'list/b/sub/3.ts']) {
      await s.put(key, Readable.from([Buffer.from(key)]));
    }
    expect(await s.list('list/')).toEqual(['list/a.m3u8', 'list/b/1.ts', 'list/b/2.ts', 'list/b/sub/3.ts']);
    expect(await s.list('list/b/')).toEqual(['list/b/1.ts', 'list/b/2.ts', 'list/b/sub/3.ts']);
    expect(await s.list('list')).toEqual(['list/a.m3u8', 'list/b/1.ts', 'list/b/2.ts', 'list/b/sub/3.ts', 'listing.txt']);
    expect(await s.list('list/b/1')).toEqual(['list/b/1.ts']);
    expect(await s.list('nothing-here/')).toEqual([]);
  });

  it.each(['../etc/passwd', '/etc/passwd', 'media/../../x', 'media/./x', 'a\\b', 'a//b', '', 'media/x\u0000y', '.hidden'])(
    'refuses the key %j',
    async (key) => {
      await expect(s.put(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(/Invalid storage key/);
      await expect(s.get(key)).rejects.toThrow(/Invalid storage key/);
      await expect(s.delete(key)).rejects.toThrow(/Invalid storage key/);
    },
  );

  it('gives a direct time-limited URL where the driver has one', async () => {
    await s.put('media/url/poster.jpg', Readable.from([Buffer.from('jpeg bytes')]));
    const url = await s.signedUrl('media/url/poster.jpg', 60);
    if (!driver.directUrls) {
      expect(url).toBeNull();
      return;
    }
    expect(url).toMatch(/X-Amz-Expires=60/);
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('jpeg bytes');
  });

  it('keeps tus uploads under a server-generated key and offers the upload extensions', () => {
    const id = '2f1c7a52-4d0e-4b8e-9a55-5d1a8d7e3c11';
    expect(s.uploadKey(id).endsWith(id)).toBe(true);
    expect(s.uploadStore(60_000).extensions).toEqual(['creation', 'creation-with-upload', 'termination', 'expiration']);
    expect(() => s.uploadKey('../x')).toThrow(/Invalid storage key/);
  });
});
