import { open } from 'node:fs/promises';
import os from 'node:os';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { MediaAssetEntity } from '@app/db';
import { AssetStatus, assertAssetTransition } from '@app/domain';
import { Jobs, ProbeJob, QUEUES } from '@app/jobs';
import { analyseProbe, decodeCheck, ffprobe, LoudnessMeasurement, measureLoudness, MediaInputError, ProbeFacts, ProbeLimits, reject, Rejection, sniffHead } from '@app/media';
import { Storage, withLocalFile } from '@app/storage';

export interface ProbeDeps {
  ds: DataSource;
  storage: Storage;
  config: AppConfig;
  log: Logger;
  /** Queues the transcode of an accepted recording. */
  jobs: Jobs;
  /** Where recordings from object storage are downloaded to for ffprobe. */
  tmpDir?: string;
}

/** Seconds decoded from the start of every stream to catch damaged data before a transcode does. */
const DECODE_CHECK_S = 5;
const SNIFF_BYTES = 4096;

type Inspection = { facts: ProbeFacts; loudness: LoudnessMeasurement | null } | { rejection: Rejection };

/** Reads the first bytes, then ffprobe, a short decode and the loudness measurement; stops at the first refusal. */
async function inspect(file: string, limits: ProbeLimits): Promise<Inspection> {
  const handle = await open(file, 'r');
  let head: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const sniffed = sniffHead(head, size);
  if (sniffed) return { rejection: sniffed };

  const asInput = async <T>(run: () => Promise<T>, rejection: Rejection): Promise<T | Rejection> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof MediaInputError) return rejection;
      throw err;
    }
  };
  const data = await asInput(() => ffprobe(file), reject.unreadable());
  if ('code' in data) return { rejection: data };
  const analysed = analyseProbe(data, limits);
  if ('rejection' in analysed) return analysed;
  const decoded = await asInput(() => decodeCheck(file, DECODE_CHECK_S), reject.undecodable());
  if (decoded) return { rejection: decoded };
  const loudness = analysed.facts.audioCodec ? await measureLoudness(file) : null;
  return { facts: analysed.facts, loudness };
}

const finite = (n: number | undefined): number | null => (n !== undefined && Number.isFinite(n) ? n : null);

/**
 * The probe job: is the upload a recording we can process? Refused files get status `rejected` with a reason
 * and their stored bytes deleted; accepted ones get their facts stored and status `queued`. Safe to retry:
 * it starts from the asset's status in the database.
 */
export function probeProcessor(deps: ProbeDeps) {
  const { ds, storage, config, log } = deps;
  const limits: ProbeLimits = {
    maxDurationS: config.UPLOAD_MAX_DURATION_S,
    allowedContainers: config.UPLOAD_ALLOWED_CONTAINERS,
    allowedVideoCodecs: config.UPLOAD_ALLOWED_VIDEO_CODECS,
    allowedAudioCodecs: config.UPLOAD_ALLOWED_AUDIO_CODECS,
  };
  const repo = ds.getRepository(MediaAssetEntity);

  /** Moves the asset only if it is still in `from`; false when someone else moved it first. */
  const move = async (id: string, from: AssetStatus, to: AssetStatus, patch: Partial<MediaAssetEntity> = {}): Promise<boolean> => {
    assertAssetTransition(from, to);
    const res = await repo
      .createQueryBuilder()
      .update()
      .set({ ...patch, status: to })
      .where('id = :id AND status = :from', { id, from })
      .execute();
    return res.affected === 1;
  };

  const deleteStored = async (asset: MediaAssetEntity) => {
    for (const key of await storage.list(asset.sourceKey)) await storage.delete(key);
  };

  return async (job: Job<ProbeJob>): Promise<AssetStatus | 'gone'> => {
    const asset = await repo.findOneBy({ id: job.data.assetId });
    if (!asset) return 'gone';
    if (asset.status === 'rejected') {
      await deleteStored(asset);
      return asset.status;
    }
    if (asset.status === 'uploaded') await move(asset.id, 'uploaded', 'probing');
    else if (asset.status !== 'probing') {
      if (asset.status === 'queued') await deps.jobs.transcode(asset.id, asset.transcodeRun);
      return asset.status;
    }

    let outcome: Inspection;
    try {
      outcome = await withLocalFile(storage, asset.sourceKey, deps.tmpDir ?? os.tmpdir(), (file) => inspect(file, limits));
    } catch (err) {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt) {
        await move(asset.id, 'probing', 'failed', {
          reasonCode: 'probe_failed',
          reason: 'We could not check this file because of a problem on our side. Upload it again later, or ask an administrator.',
        });
      }
      throw err;
    }

    if ('rejection' in outcome) {
      const { code, message } = outcome.rejection;
      await deleteStored(asset);
      await move(asset.id, 'probing', 'rejected', { reasonCode: code, reason: message, probedAt: new Date() });
      log.info({ assetId: asset.id, reason: code }, 'upload rejected');
      throw new UnrecoverableError(message);
    }

    const { facts, loudness } = outcome;
    await move(asset.id, 'probing', 'queued', {
      ...facts,
      loudnessI: finite(loudness?.inputI),
      loudnessTp: finite(loudness?.inputTp),
      loudnessLra: finite(loudness?.inputLra),
      loudnessThresh: finite(loudness?.inputThresh),
      loudnessOffset: finite(loudness?.targetOffset),
      probedAt: new Date(),
    });
    await deps.jobs.transcode(asset.id, asset.transcodeRun);
    log.info({ assetId: asset.id, format: facts.format, durationS: facts.durationS }, 'upload probed');
    return 'queued';
  };
}

/** A BullMQ worker on the probe queue; close() it on shutdown. */
export function startProbeWorker(deps: ProbeDeps & { connection: Redis }): Worker<ProbeJob> {
  const worker = new Worker<ProbeJob>(QUEUES.probe, probeProcessor(deps), {
    connection: deps.connection,
    prefix: deps.config.QUEUE_PREFIX,
    concurrency: deps.config.WORKER_CONCURRENCY,
  });
  worker.on('failed', (job, err) => deps.log.warn({ assetId: job?.data.assetId, attempt: job?.attemptsMade, err: err.message }, 'probe job failed'));
  worker.on('error', (err) => deps.log.error({ err: err.message }, 'probe worker error'));
  return worker;
}
