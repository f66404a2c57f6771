import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Storage } from './storage';

/**
 * Runs `fn` with a path ffmpeg can read: the stored file itself on local disk, or a private temporary
 * copy downloaded from object storage into `tmpDir` (removed afterwards).
 */
export async function withLocalFile<T>(storage: Storage, key: string, tmpDir: string, fn: (file: string) => Promise<T>): Promise<T> {
  const local = storage.localPath(key);
  if (local) return fn(local);
  const dir = await mkdtemp(path.join(tmpDir, 'media-'));
  try {
    const file = path.join(dir, 'source');
    await pipeline(await storage.get(key), createWriteStream(file, { mode: 0o600 }));
    return await fn(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
