// Runs a plan step by step: each command writes into the work folder, its outputs are then renamed into the
// published folder and the master playlist is rewritten to list what is published so far.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Progress, runFfmpeg, RunOptions } from './ffmpeg.runner';
import { FfmpegStep, masterPlaylist, Plan, Rendition, storyboardVtt } from './plan';
import { publishDir, writeFileAtomic } from './publish';

export interface PlanRunOptions extends Omit<RunOptions, 'onProgress'> {
  /** `work` must be the plan's outDir and on the same file system as `final`. */
  work: string;
  final: string;
  durationS: number;
  onProgress?: (step: FfmpegStep['name'], progress: Progress) => void;
  /** Called after a step's outputs are published, e.g. to record that the asset is playable. */
  onPublished?: (step: FfmpegStep, published: Rendition[]) => void | Promise<void>;
}

export async function runPlan(plan: Plan, options: PlanRunOptions): Promise<void> {
  const { work, final, onProgress, onPublished, durationS, ...run } = options;
  let published: Rendition[] = [];
  try {
    for (const step of plan.steps) {
      await prepareOutputs(step, work);
      await runFfmpeg(step, { ...run, onProgress: onProgress && ((p) => onProgress(step.name, p)) });
      for (const output of step.outputs) await publishDir(path.join(work, output), path.join(final, output));
      if (step.name === 'thumbnails' && plan.storyboard) {
        await writeFileAtomic(path.join(final, 'storyboard.vtt'), storyboardVtt(plan.storyboard, durationS));
      }
      if (step.renditions.length) {
        const replacesAudio = step.renditions.some((r) => r.kind === 'audio');
        published = [...published.filter((r) => !(replacesAudio && r.kind === 'audio')), ...step.renditions];
        await writeFileAtomic(path.join(final, 'master.m3u8'), masterPlaylist(published));
      }
      await onPublished?.(step, [...published]);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Creates the folders a step writes into (ffmpeg's HLS muxer does not). */
export async function prepareOutputs(step: FfmpegStep, work: string): Promise<void> {
  await mkdir(work, { recursive: true });
  for (const output of step.outputs) if (!path.extname(output)) await mkdir(path.join(work, output), { recursive: true });
}
