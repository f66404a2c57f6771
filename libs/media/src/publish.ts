// Publishing finished outputs from a work folder on the same file system: readers see all of a rendition or none.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Moves `tmp` to `final` with one rename. If `final` exists (a retry after a crash between publishing and recording
 * it), the old copy is swapped out and removed: outputs are deterministic, so readers get the same bytes either way.
 */
export async function publishDir(tmp: string, final: string): Promise<void> {
  await mkdir(path.dirname(final), { recursive: true });
  try {
    await rename(tmp, final);
  } catch (err) {
    if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
    const old = `${final}.old-${randomBytes(6).toString('hex')}`;
    await rename(final, old);
    await rename(tmp, final);
    await rm(old, { recursive: true, force: true });
  }
}

/** Writes a small file (a playlist) under a temporary name and renames it into place. */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
