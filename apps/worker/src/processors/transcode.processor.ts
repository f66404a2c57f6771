import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource, QueryDeepPartialEntity } from 'typeorm';
import type { AppConfig } from '@app/config';
import { AssetRendition, MediaAssetEntity } from '@app/db';
import { AssetStatus, assertAssetTransition } from '@app/domain';
import { Jobs, QUEUES, TranscodeJob, TranscodePartJob } from '@app/jobs';
import {
  buildChunkedLadder,
  buildPlan,
  ffprobe,
  FfmpegStep,
  keyframeTimes,
  MediaInputError,
  Plan,
  prepareOutputs,
  Progress,
  runFfmpeg,
  runPlan,
  SCREENCAST_PRESET,
  SourceFacts,
  sourceFacts,
  storyboardVtt,
} from '@app/media';
import { Storage, withLocalFile } from '@app/storage';
import { AssetOutput } from './transcode.output';

export interface TranscodeDeps {
  ds: DataSource;
  storage: Storage;
  config: AppConfig;
  log: Logger;
  jobs: Jobs;
  /** Where recordings from object storage are downloaded to, and outputs staged on their way to it. */
  tmpDir?: string;
}

/** What job.updateProgress reports, and what the asset row shows while processing runs. */
export interface TranscodeProgress {
  percent: number;
  etaSeconds: number | null;
  step: string;
}

export type TranscodeOutcome = 'ready' | 'in-parts' | 'part-done' | 'cancelled' | 'superseded' | 'gone' | AssetStatus;

const PRESET = SCREENCAST_PRESET;
const PROGRESS_EVERY_MS = 1000;
const POSTER = 'hls/poster.jpg';
const STORYBOARD = 'hls/storyboard.vtt';
const FAILED_REASON = 'We could not process this recording because of a problem on our side. Try "Process again" later, or ask an administrator.';

/** The asset row as one run of processing sees it: every write applies only while that run is current and processing. */
class RunRecord {
  constructor(
    private readonly ds: DataSource,
    readonly id: string,
    readonly run: number,
  ) {}

  read(): Promise<MediaAssetEntity | null> {
    return this.ds.getRepository(MediaAssetEntity).findOneBy({ id: this.id });
  }

  /** False when the run is over: cancelled, started again, or moved on by another worker. */
  async set(patch: QueryDeepPartialEntity<MediaAssetEntity>, from: AssetStatus = 'processing'): Promise<boolean> {
    if (patch.status) assertAssetTransition(from, patch.status as AssetStatus);
    const res = await this.ds
      .getRepository(MediaAssetEntity)
      .createQueryBuilder()
      .update()
      .set(patch)
      .where('id = :id AND status = :from AND transcode_run = :run', { id: this.id, from, run: this.run })
      .execute();
    return res.affected === 1;
  }

  async isCurrent(): Promise<boolean> {
    const rows = await this.ds.query(`SELECT 1 FROM media_assets WHERE id = $1 AND transcode_run = $2 AND status = 'processing'`, [this.id, this.run]);
    return rows.length === 1;
  }

  /** Adds a finished part's share to the progress and re-estimates the time left from the time spent so far. */
  async advance(share: number): Promise<boolean> {
    const [, affected] = await this.ds.query(
      `WITH next AS (SELECT id, LEAST(95, COALESCE(progress_percent, 0) + $3) AS p FROM media_assets WHERE id = $1)
       UPDATE media_assets a SET progress_percent = next.p, updated_at = now(),
         progress_eta_s = CASE WHEN next.p > 0 THEN round(extract(epoch FROM now() - a.transcode_started_at) * (100 - next.p) / next.p)::int END
       FROM next WHERE a.id = next.id AND a.transcode_run = $2 AND a.status = 'processing'`,
      [this.id, this.run, share],
    );
    return affected === 1;
  }
}

/**
 * Reports progress at most once a second: to the job (job.updateProgress) and, when `toRow`, to the asset row. Every
 * report also checks that the run is still current; when it is not, `onGone` stops the work.
 */
class ProgressReporter {
  private best = 0;
  private lastAt = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly started = Date.now();

  constructor(
    private readonly job: Job,
    private readonly record: RunRecord,
    private readonly toRow: boolean,
    private readonly onGone: () => void,
    private readonly log: Logger,
  ) {}

  report(step: string, percent: number, force = false): void {
    const p = Math.max(this.best, Math.min(100, Math.round(percent * 10) / 10));
    const now = Date.now();
    if (!force && (p <= this.best || now - this.lastAt < PROGRESS_EVERY_MS)) return;
    this.best = p;
    this.lastAt = now;
    const elapsed = (now - this.started) / 1000;
    const etaSeconds = p >= 100 ? 0 : p > 0 ? Math.round((elapsed * (100 - p)) / p) : null;
    const progress: TranscodeProgress = { percent: p, etaSeconds, step };
    this.chain = this.chain
      .then(async () => {
        await this.job.updateProgress(progress);
        const current = this.toRow
          ? await this.record.set({ progressPercent: p, progressEtaS: etaSeconds, progressStep: step })
          : await this.record.isCurrent();
        if (!current) this.onGone();
      })
      .catch((err) => this.log.warn({ assetId: this.record.id, err: err.message }, 'progress not recorded'));
  }

  flush(): Promise<void> {
    return this.chain;
  }
}

interface RunContext {
  job: Job;
  record: RunRecord;
  output: AssetOutput;
  /** Aborted when the asset row says this run is over. */
  gone: AbortController;
  /** `gone` or BullMQ's cancellation: stops ffmpeg. */
  signal: AbortSignal;
  progress: ProgressReporter;
}

const isCancelled = (a: MediaAssetEntity) => a.status === 'failed' && a.reasonCode === 'cancelled';

/** The parts of a long recording: its video chunks, the audio unless the first step already made it, the thumbnails. */
function partsOf(facts: SourceFacts, plan: Plan, chunkS: number): Omit<TranscodePartJob, 'assetId' | 'run'>[] {
  const chunks = buildChunkedLadder(facts, PRESET, { input: '/in', outDir: '/out' }, chunkS).chunks;
  const audioDone = plan.passthrough && plan.steps[0].outputs.includes('audio');
  return [
    ...chunks.map((_, index) => ({ part: 'chunk' as const, index })),
    ...(facts.audio && !audioDone ? [{ part: 'audio' as const }] : []),
    { part: 'thumbnails' as const },
  ];
}

/** Everything a finished plan publishes, so a run started again removes what an earlier one made and this one did not. */
function outputsOf(plan: Plan): string[] {
  return [...plan.steps.flatMap((s) => s.outputs), 'master.m3u8', ...(plan.storyboard ? ['storyboard.vtt'] : [])];
}

/**
 * The transcode jobs. A job reads the asset row first and only works while the row says its run is processing;
 * outputs are written to scratch folders and published a whole rendition at a time; the row is updated last. A
 * retry (after a crash, or on another worker after a stalled lock) starts the run's work again and publishes the
 * same files. A cancelled run's job removes everything the run published.
 */
export function transcodeProcessors(deps: TranscodeDeps) {
  const { ds, storage, config, log, jobs } = deps;
  const tmpDir = deps.tmpDir ?? config.TRANSCODE_TMP_DIR ?? os.tmpdir();
  const niceness = config.TRANSCODE_NICENESS;
  const chunkS = config.TRANSCODE_CHUNK_S;

  const factsOf = async (input: string, a: MediaAssetEntity): Promise<SourceFacts> => {
    const probe = await ffprobe(input);
    const hasVideo = probe.streams.some((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
    const measured = [a.loudnessI, a.loudnessTp, a.loudnessLra, a.loudnessThresh, a.loudnessOffset];
    const loudness = measured.every((v) => v !== null)
      ? { inputI: a.loudnessI!, inputTp: a.loudnessTp!, inputLra: a.loudnessLra!, inputThresh: a.loudnessThresh!, targetOffset: a.loudnessOffset! }
      : undefined;
    return sourceFacts(probe, hasVideo ? await keyframeTimes(input) : [], loudness);
  };

  const removeAll = async (output: AssetOutput) => {
    await output.removeOutputs();
    await output.removeChunks();
  };

  /** Reads the row; returns the context to work in, or what the job ends with when the run is not processing. */
  const begin = async (job: Job<TranscodeJob | TranscodePartJob>, signal: AbortSignal | undefined, toRow: boolean): Promise<[MediaAssetEntity, RunContext] | TranscodeOutcome> => {
    const { assetId, run } = job.data;
    const record = new RunRecord(ds, assetId, run);
    const asset = await record.read();
    if (!asset) return 'gone';
    const output = new AssetOutput(storage, assetId, run, tmpDir);
    if (asset.transcodeRun !== run) {
      if (job.name === 'join') await output.removeChunks();
      return 'superseded';
    }
    if (isCancelled(asset)) {
      await removeAll(output);
      return 'cancelled';
    }
    if (asset.status === 'ready' && job.name === 'join') await output.removeChunks();
    if (asset.status !== 'processing') return asset.status;
    const gone = new AbortController();
    const ctx: RunContext = {
      job,
      record,
      output,
      gone,
      signal: signal ? AbortSignal.any([gone.signal, signal]) : gone.signal,
      progress: new ProgressReporter(job, record, toRow, () => gone.abort(), log),
    };
    return [asset, ctx];
  };

  /** Runs the work; sorts out a run that was cancelled meanwhile, bad input, and the last failed attempt. */
  const guarded = async <T>(ctx: RunContext, work: () => Promise<T>): Promise<T | TranscodeOutcome> => {
    try {
      return await work();
    } catch (err) {
      await ctx.progress.flush();
      if (ctx.gone.signal.aborted) {
        const now = await ctx.record.read();
        if (now && now.transcodeRun === ctx.record.run && isCancelled(now)) {
          await removeAll(ctx.output);
          return 'cancelled';
        }
        return 'superseded';
      }
      if (err instanceof UnrecoverableError) {
        await fail(ctx, 'transcode_failed', FAILED_REASON);
        throw err;
      }
      if (err instanceof MediaInputError) {
        await fail(ctx, 'transcode_input', 'This recording could not be read for processing. Upload the original file again.');
        throw new UnrecoverableError(err.message);
      }
      if (ctx.job.attemptsMade + 1 >= (ctx.job.opts.attempts ?? 1)) await fail(ctx, 'transcode_failed', FAILED_REASON);
      throw err;
    }
  };

  const fail = async (ctx: RunContext, reasonCode: string, reason: string) => {
    await removeAll(ctx.output);
    await ctx.record.set({ status: 'failed', reasonCode, reason, progressEtaS: null, progressStep: null, renditions: [], playableAt: null, posterFile: null, storyboardFile: null });
    log.warn({ assetId: ctx.record.id, run: ctx.record.run, reasonCode }, 'transcode failed');
  };

  /** After a step's outputs are published: the master playlist (with the caption tracks), then the row. */
  const published = async (ctx: RunContext, renditions: AssetRendition[], thumbnails: boolean) => {
    const asset = await ctx.record.read();
    await ctx.output.writeMaster(renditions, asset?.captions ?? []);
    const current = await ctx.record.set({
      renditions,
      playableAt: () => 'COALESCE(playable_at, now())',
      ...(thumbnails ? { posterFile: POSTER, storyboardFile: STORYBOARD } : {}),
    });
    if (!current) ctx.gone.abort();
  };

  /** Publishes the final master playlist, removes what an earlier run left, and marks the asset ready. */
  const finish = async (ctx: RunContext, plan: Plan, renditions: AssetRendition[]): Promise<'ready'> => {
    const asset = await ctx.record.read();
    await ctx.output.writeMaster(renditions, asset?.captions ?? []);
    await ctx.output.removeOutputs(outputsOf(plan));
    await ctx.progress.flush();
    const done = await ctx.record.set({
      status: 'ready',
      readyAt: new Date(),
      renditions,
      playableAt: () => 'COALESCE(playable_at, now())',
      posterFile: plan.storyboard ? POSTER : null,
      storyboardFile: plan.storyboard ? STORYBOARD : null,
      progressPercent: 100,
      progressEtaS: 0,
      progressStep: null,
    });
    if (!done) {
      ctx.gone.abort();
      throw new Error('The run ended while it was being finished');
    }
    log.info({ assetId: ctx.record.id, run: ctx.record.run, renditions: renditions.map((r) => r.id) }, 'transcode ready');
    return 'ready';
  };

  /**
   * Runs `plan` (all of it, or its first steps only), publishing each step as it finishes; progress is the steps'
   * weighted share. Returns the renditions published.
   */
  const runSteps = async (ctx: RunContext, plan: Plan, steps: FfmpegStep[], work: string, durationS: number): Promise<AssetRendition[]> => {
    const weight = (s: FfmpegStep) => (s.name === 'thumbnails' ? 3 : s.name === 'playable' && plan.passthrough ? 5 : 92);
    const total = plan.steps.reduce((sum, s) => sum + weight(s), 0);
    const final = await ctx.output.finalDir();
    let done = 0;
    let index = 0;
    let renditions: AssetRendition[] = [];
    try {
      await runPlan(
        { ...plan, steps },
        {
          work,
          final,
          durationS,
          niceness,
          signal: ctx.signal,
          onProgress: (name, p: Progress) => ctx.progress.report(name, ((done + (weight(steps[index]) * p.percent) / 100) / total) * 100),
          onPublished: async (step, list) => {
            const thumbnails = step.name === 'thumbnails' && !!plan.storyboard;
            await ctx.output.publish(final, thumbnails ? [...step.outputs, 'storyboard.vtt'] : step.outputs);
            renditions = list;
            await published(ctx, list, thumbnails);
            done += weight(steps[index++]);
            ctx.progress.report(step.name, (done / total) * 100, true);
          },
        },
      );
    } finally {
      await ctx.output.discardStaging(final);
    }
    return renditions;
  };

  const transcode = async (job: Job<TranscodeJob>, signal?: AbortSignal): Promise<TranscodeOutcome> => {
    const record = new RunRecord(ds, job.data.assetId, job.data.run);
    const before = await record.read();
    if (before?.status === 'queued' && before.transcodeRun === job.data.run) {
      await record.set({ status: 'processing', transcodeStartedAt: new Date(), progressPercent: 0, progressEtaS: null, progressStep: 'starting' }, 'queued');
    }
    const begun = await begin(job, signal, true);
    if (!Array.isArray(begun)) return begun;
    const [asset, ctx] = begun;
    return guarded(ctx, () =>
      withLocalFile(storage, asset.sourceKey, tmpDir, async (input) => {
        const facts = await factsOf(input, asset);
        const work = await ctx.output.workDir('plan');
        const plan = buildPlan(facts, PRESET, { input, outDir: work }, { posterAtS: asset.posterAtS });
        const long = !!facts.video && facts.durationS > config.TRANSCODE_CHUNK_AFTER_S && (!plan.passthrough || plan.steps.some((s) => s.name === 'ladder'));
        if (!long) {
          const renditions = await runSteps(ctx, plan, plan.steps, work, facts.durationS);
          return finish(ctx, plan, renditions);
        }
        // A long recording: the copied top rung is published now; chunks, audio and thumbnails go to any free worker.
        if (plan.passthrough) await runSteps(ctx, plan, [plan.steps[0]], work, facts.durationS);
        const parts = partsOf(facts, plan, chunkS);
        ctx.progress.report('parts', 5, true);
        await ctx.progress.flush();
        if (ctx.gone.signal.aborted) throw new Error('The run ended before its parts were queued');
        await jobs.transcodeInParts(asset.id, job.data.run, parts);
        log.info({ assetId: asset.id, run: job.data.run, parts: parts.length }, 'transcode split into parts');
        return 'in-parts' as const;
      }),
    );
  };

  const part = async (job: Job<TranscodePartJob>, signal?: AbortSignal): Promise<TranscodeOutcome> => {
    const begun = await begin(job, signal, false);
    if (!Array.isArray(begun)) return begun;
    const [asset, ctx] = begun;
    const { part: kind, index = 0 } = job.data;
    return guarded(ctx, () =>
      withLocalFile(storage, asset.sourceKey, tmpDir, async (input) => {
        const facts = await factsOf(input, asset);
        const onProgress = (p: Progress) => ctx.progress.report(kind, p.percent);
        const run = async (step: FfmpegStep, dir: string) => {
          await prepareOutputs(step, dir);
          await runFfmpeg(step, { signal: ctx.signal, niceness, onProgress });
        };
        const work = await ctx.output.workDir(kind === 'chunk' ? `chunk${index}` : kind);
        try {
          if (kind === 'chunk') {
            const step = buildChunkedLadder(facts, PRESET, { input, outDir: work }, chunkS).chunks[index];
            if (!step) throw new UnrecoverableError(`There is no chunk ${index} of this recording`);
            await run(step, work);
            await ctx.output.storeChunks(work);
          } else {
            const plan = buildPlan(kind === 'audio' ? { ...facts, video: undefined } : facts, PRESET, { input, outDir: work }, { posterAtS: asset.posterAtS });
            const step = kind === 'audio' ? plan.steps[0] : plan.steps.find((s) => s.name === 'thumbnails')!;
            await run(step, work);
            const files = [...step.outputs];
            if (kind === 'thumbnails' && plan.storyboard) {
              await writeFile(path.join(work, 'storyboard.vtt'), storyboardVtt(plan.storyboard, facts.durationS));
              files.push('storyboard.vtt');
            }
            await ctx.output.publish(work, files);
            if (kind === 'thumbnails' && plan.storyboard && !(await ctx.record.set({ posterFile: POSTER, storyboardFile: STORYBOARD }))) ctx.gone.abort();
          }
        } finally {
          await rm(work, { recursive: true, force: true });
        }
        await ctx.progress.flush();
        const plan = buildPlan(facts, PRESET, { input, outDir: tmpDir });
        if (!(await ctx.record.advance(90 / partsOf(facts, plan, chunkS).length))) ctx.gone.abort();
        if (ctx.gone.signal.aborted) throw new Error('The run ended while this part was done');
        return 'part-done' as const;
      }),
    );
  };

  const join = async (job: Job<TranscodeJob>, signal?: AbortSignal): Promise<TranscodeOutcome> => {
    const begun = await begin(job, signal, true);
    if (!Array.isArray(begun)) return begun;
    const [asset, ctx] = begun;
    return guarded(ctx, () =>
      withLocalFile(storage, asset.sourceKey, tmpDir, async (input) => {
        const facts = await factsOf(input, asset);
        const dir = await ctx.output.workDir('join');
        try {
          const ladder = buildChunkedLadder(facts, PRESET, { input, outDir: dir }, chunkS);
          await ctx.output.fetchChunks(dir);
          for (const list of ladder.lists) await writeFile(list.file, list.text);
          await prepareOutputs(ladder.join, dir);
          await runFfmpeg(ladder.join, { signal: ctx.signal, niceness, onProgress: (p) => ctx.progress.report('join', 95 + p.percent * 0.05) });
          await ctx.output.publish(dir, ladder.join.outputs);
          const plan = buildPlan(facts, PRESET, { input, outDir: dir });
          const outcome = await finish(ctx, plan, plan.renditions);
          await ctx.output.removeChunks();
          return outcome;
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }),
    );
  };

  return { transcode, part, join };
}

/** The BullMQ workers of the transcode queues (whole recordings and joins; parts of long ones); close() them on shutdown. */
export function startTranscodeWorkers(deps: TranscodeDeps & { connection: Redis }): Worker[] {
  const { config, log } = deps;
  const handlers = transcodeProcessors(deps);
  const options = {
    connection: deps.connection,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.TRANSCODE_LOCK_MS,
    stalledInterval: config.TRANSCODE_LOCK_MS,
    maxStalledCount: 2,
  };
  const main = new Worker<TranscodeJob, TranscodeOutcome>(
    QUEUES.transcode,
    (job, _token, signal) => (job.name === 'join' ? handlers.join(job, signal) : handlers.transcode(job, signal)),
    options,
  );
  const parts = new Worker<TranscodePartJob, TranscodeOutcome>(QUEUES.transcodePart, (job, _token, signal) => handlers.part(job, signal), options);
  for (const worker of [main, parts]) {
    worker.on('failed', (job, err) => log.warn({ assetId: job?.data.assetId, job: job?.name, attempt: job?.attemptsMade, err: err.message }, 'transcode job failed'));
    worker.on('error', (err) => log.error({ err: err.message }, 'transcode worker error'));
  }
  return [main, parts];
}
