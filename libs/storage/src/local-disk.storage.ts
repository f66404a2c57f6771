import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStore } from '@tus/file-store';
import { assertKey, assertPrefix, ByteRange, Storage, StorageNotFoundError, StoredObject, UPLOAD_EXTENSIONS } from './storage';

/** Media on a local disk under one root directory (MEDIA_DIR). */
export class LocalDiskStorage implements Storage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private resolve(key: string): string {
    return path.join(this.root, ...assertKey(key).split('/'));
  }

  async put(key: string, body: Readable): Promise<StoredObject> {
    const file = this.resolve(key);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await pipeline(body, createWriteStream(tmp, { flags: 'wx' }));
      await rename(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return (await this.stat(key))!;
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.resolve(key);
    if (!(await this.stat(key))) throw new StorageNotFoundError(key);
    return createReadStream(file, range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const s = await stat(this.resolve(key));
      return s.isFile() ? { size: s.size, modified: new Date(s.mtimeMs) } : null;
    } catch (err) {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await unlink(this.resolve(key)).catch((err) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  async list(prefix: string): Promise<string[]> {
    assertPrefix(prefix);
    const dir = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const keys: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      const entries = await readdir(path.join(this.root, rel), { withFileTypes: true }).catch((err) => {
        if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return [];
        throw err;
      });
      for (const e of entries) {
        const key = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory() && ((key + '/').startsWith(prefix) || prefix.startsWith(key + '/'))) await walk(key);
        else if (e.isFile() && key.startsWith(prefix) && !e.name.endsWith('.partial')) keys.push(key);
      }
    };
    await walk(dir);
    return keys.sort();
  }

  async signedUrl(): Promise<string | null> {
    return null;
  }

  localPath(key: string): string {
    return this.resolve(key);
  }

  uploadStore(expiryMs: number): FileStore {
    const store = new FileStore({ directory: path.join(this.root, 'uploads'), expirationPeriodInMilliseconds: expiryMs });
    store.extensions = UPLOAD_EXTENSIONS;
    return store;
  }

  uploadKey(id: string): string {
    return assertKey(`uploads/${id}`);
  }
}
