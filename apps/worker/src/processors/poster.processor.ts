import { mkdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { MediaAssetEntity } from '@app/db';
import { PosterJob, QUEUES } from '@app/jobs';
import { defaultPosterAt, displaySize, ffprobe, MediaInputError, posterArgs, runFfmpeg, sourceFacts } from '@app/media';
import { Storage, withLocalFile } from '@app/storage';
import { AssetOutput } from './transcode.output';

export interface PosterDeps {
  ds: DataSource;
  storage: Storage;
  config: AppConfig;
  log: Logger;
  /** Where recordings from object storage are downloaded to, and the poster staged on its way to it. */
  tmpDir?: string;
}

export type PosterOutcome = 'published' | 'superseded' | 'not-ready' | 'gone';

/** Beside the master playlist, where the transcode's thumbnails step puts it (the row's `posterFile`). */
const POSTER = 'poster.jpg';

/**
 * The poster job: renders the picture at the moment the asset's row names and publishes it in place of the poster,
 * under the same storage key, then raises the row's poster version (the poster URL's `?v=`). It reads the row
 * first and works only on a processed recording with a picture; a run processing it again renders the chosen
 * moment itself. Publishing and the row update happen under the row's lock, so neither a newer choice nor a new
 * processing run can come in between; a retry renders and publishes the same picture again.
 */
export function posterProcessor(deps: PosterDeps) {
  const { ds, storage, config, log } = deps;
  const tmpDir = deps.tmpDir ?? config.TRANSCODE_TMP_DIR ?? os.tmpdir();

  return async (job: Job<PosterJob>, signal?: AbortSignal): Promise<PosterOutcome> => {
    const asset = await ds.getRepository(MediaAssetEntity).findOneBy({ id: job.data.assetId });
    if (!asset) return 'gone';
    if (asset.status !== 'ready' || !asset.posterFile) return 'not-ready';
    const atS = asset.posterAtS ?? defaultPosterAt(asset.durationS ?? 0);
    const output = new AssetOutput(storage, asset.id, asset.transcodeRun, tmpDir);
    const work = await output.workDir('poster');
    try {
      await mkdir(work, { recursive: true });
      const file = path.join(work, POSTER);
      await withLocalFile(storage, asset.sourceKey, tmpDir, async (input) => {
        const video = sourceFacts(await ffprobe(input), []).video;
        if (!video) throw new UnrecoverableError('The recording has no picture to make a poster of.');
        await runFfmpeg({ args: posterArgs(input, atS, displaySize(video), file), durationS: 0 }, { signal, niceness: config.TRANSCODE_NICENESS });
      });
      if (!(await stat(file).catch(() => null))) throw new UnrecoverableError(`ffmpeg found no picture at ${atS} s of the recording.`);

      const outcome = await ds.transaction(async (em): Promise<PosterOutcome> => {
        const now = await em.findOne(MediaAssetEntity, { where: { id: asset.id }, lock: { mode: 'pessimistic_write' } });
        if (!now || now.status !== 'ready' || now.transcodeRun !== asset.transcodeRun || now.posterAtS !== asset.posterAtS) return 'superseded';
        await output.publish(work, [POSTER]);
        await em.update(MediaAssetEntity, asset.id, { posterVersion: () => 'poster_version + 1' });
        return 'published';
      });
      log.info({ assetId: asset.id, atS, outcome }, 'poster rendered');
      return outcome;
    } catch (err) {
      if (err instanceof MediaInputError) throw new UnrecoverableError(err.message);
      throw err;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };
}

/** The BullMQ worker of the poster queue; close() it on shutdown. */
export function startPosterWorker(deps: PosterDeps & { connection: Redis }): Worker<PosterJob, PosterOutcome> {
  const { config, log } = deps;
  const handle = posterProcessor(deps);
  const worker = new Worker<PosterJob, PosterOutcome>(QUEUES.poster, (job, _token, signal) => handle(job, signal), {
    connection: deps.connection,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
  });
  worker.on('failed', (job, err) => log.warn({ assetId: job?.data.assetId, attempt: job?.attemptsMade, err: err.message }, 'poster job failed'));
  worker.on('error', (err) => log.error({ err: err.message }, 'poster worker error'));
  return worker;
}
