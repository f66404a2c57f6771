import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AssetCaption, AssetRendition } from '@app/db';
import { masterPlaylist, publishDir, Rendition, writeFileAtomic } from '@app/media';
import { contentTypeFor, Storage } from '@app/storage';

/** Files in an asset's hls/ folder that producers made, not the transcoder: processing never removes them. */
const PRODUCER_FILES = /^(captions(\/|$)|chapters\.vtt$)/;

/** Lists the files under `dir/rel` (or `rel` itself when it is a file), relative to `dir`, playlists last. */
async function filesOf(dir: string, rel: string): Promise<string[]> {
  const info = await stat(path.join(dir, rel));
  if (!info.isDirectory()) return [rel];
  const files: string[] = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) files.push(...(await filesOf(dir, path.join(rel, e.name))));
  return files.sort((a, b) => Number(a.endsWith('.m3u8')) - Number(b.endsWith('.m3u8')) || a.localeCompare(b));
}

/**
 * Where one run of an asset's processing works and how its results become visible in storage, under
 * `media/{assetId}/hls/`. On local disk, scratch folders live beside the media so a finished rendition is renamed
 * into place in one step; on S3 they live in the temp dir and finished files are uploaded, each playlist after the
 * segments it lists and the master playlist last, so a player never finds a half-written rendition.
 */
export class AssetOutput {
  private readonly local: boolean;

  constructor(
    private readonly storage: Storage,
    private readonly assetId: string,
    private readonly run: number,
    private readonly tmpDir: string,
  ) {
    this.local = storage.localPath(this.hlsKey()) !== null;
  }

  hlsKey(file?: string): string {
    return `media/${this.assetId}/hls${file ? `/${file.split(path.sep).join('/')}` : ''}`;
  }

  /** Scratch space: beside the media on local disk (so renames publish), the temp dir otherwise. */
  private scratch(name: string): string {
    const base = `${this.assetId}-${this.run}-${name}`;
    return this.local ? this.storage.localPath(`transcode-work/${base}`)! : path.join(this.tmpDir, `transcode-${base}`);
  }

  /**
   * A new scratch folder for one attempt at a step. Folders of earlier attempts are removed first: an ffmpeg left
   * running by a killed worker then fails at its next file instead of writing into this attempt's outputs.
   */
  async workDir(name: string): Promise<string> {
    const prefix = this.scratch(name);
    const parent = path.dirname(prefix);
    await mkdir(parent, { recursive: true });
    for (const entry of await readdir(parent)) {
      if (entry.startsWith(`${path.basename(prefix)}.`)) await rm(path.join(parent, entry), { recursive: true, force: true });
    }
    return `${prefix}.${randomBytes(4).toString('hex')}`;
  }

  /** Where runPlan publishes: the asset's hls folder itself on local disk, a staging folder uploaded step by step on S3. */
  async finalDir(): Promise<string> {
    return this.local ? this.storage.localPath(this.hlsKey())! : this.workDir('final');
  }

  /** Removes the staging folder of finalDir() (on S3; on local disk it is the published folder). */
  async discardStaging(final: string): Promise<void> {
    if (!this.local) await rm(final, { recursive: true, force: true });
  }

  /**
   * Makes finished outputs (files or folders relative to `dir`) visible. From runPlan's final folder on local disk
   * they already are; from a scratch folder they are renamed into place; on S3 they are uploaded.
   */
  async publish(dir: string, outputs: string[]): Promise<void> {
    if (this.local) {
      const final = this.storage.localPath(this.hlsKey())!;
      if (path.resolve(dir) === path.resolve(final)) return;
      for (const output of outputs) await publishDir(path.join(dir, output), path.join(final, output));
      return;
    }
    for (const output of outputs) {
      for (const file of await filesOf(dir, output)) {
        await this.storage.put(this.hlsKey(file), createReadStream(path.join(dir, file)), { contentType: contentTypeFor(file) });
      }
    }
  }

  /** Writes the master playlist listing `renditions` and the producers' caption tracks. */
  async writeMaster(renditions: AssetRendition[], captions: AssetCaption[]): Promise<void> {
    const tracks = captions.map((c, i) => ({ language: c.lang, name: c.label, playlist: c.playlist.replace(/^hls\//, ''), default: i === 0 }));
    await this.writeText('master.m3u8', masterPlaylist(renditions as Rendition[], tracks));
  }

  async writeText(file: string, text: string): Promise<void> {
    if (this.local) await writeFileAtomic(this.storage.localPath(this.hlsKey(file))!, text);
    else await this.storage.put(this.hlsKey(file), Readable.from([Buffer.from(text)]), { contentType: contentTypeFor(file) });
  }

  /** Removes what processing published that `keep` does not name (all of it when `keep` is empty); producers' files stay. */
  async removeOutputs(keep: string[] = []): Promise<void> {
    const prefix = `${this.hlsKey()}/`;
    const kept = (rel: string) => PRODUCER_FILES.test(rel) || keep.some((k) => rel === k || rel.startsWith(`${k}/`));
    if (this.local) {
      const dir = this.storage.localPath(this.hlsKey())!;
      const entries = await readdir(dir).catch((err) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
      for (const name of entries) if (!kept(name)) await rm(path.join(dir, name), { recursive: true, force: true });
    } else {
      for (const key of await this.storage.list(prefix)) if (!kept(key.slice(prefix.length))) await this.storage.delete(key);
    }
  }

  /** Keeps the encoded chunk files under `dir/chunks` until the join: moved into the run's chunk folder on local disk, uploaded on S3. */
  async storeChunks(dir: string): Promise<void> {
    const store = this.scratch('chunks');
    for (const file of await filesOf(dir, 'chunks')) {
      if (this.local) {
        await mkdir(path.dirname(path.join(store, file)), { recursive: true });
        await rename(path.join(dir, file), path.join(store, file));
      } else {
        await this.storage.put(`transcode-work/${this.assetId}-${this.run}-chunks/${file.split(path.sep).join('/')}`, createReadStream(path.join(dir, file)));
      }
    }
  }

  /** Brings every stored chunk file into `dir/chunks` for the join (hard links on local disk, so a retried join finds them again). */
  async fetchChunks(dir: string): Promise<void> {
    if (this.local) {
      const store = this.scratch('chunks');
      for (const file of await filesOf(store, 'chunks')) {
        await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await link(path.join(store, file), path.join(dir, file));
      }
      return;
    }
    const prefix = `transcode-work/${this.assetId}-${this.run}-chunks/`;
    for (const key of await this.storage.list(prefix)) {
      const file = path.join(dir, ...key.slice(prefix.length).split('/'));
      await mkdir(path.dirname(file), { recursive: true });
      await pipeline(await this.storage.get(key), createWriteStream(file));
    }
  }

  /** Removes the stored chunks of this run. */
  async removeChunks(): Promise<void> {
    if (this.local) await rm(this.scratch('chunks'), { recursive: true, force: true });
    else for (const key of await this.storage.list(`transcode-work/${this.assetId}-${this.run}-chunks/`)) await this.storage.delete(key);
  }
}
