/** Queue names and their payloads. Payloads carry ids only: never file bytes, paths or secrets. */
export const QUEUES = {
  probe: 'media-probe',
  publication: 'publication-schedule',
  transcode: 'media-transcode',
  transcodePart: 'media-transcode-part',
  poster: 'media-poster',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Probe one uploaded media asset: check it is a recording we can process and store its facts. */
export interface ProbeJob {
  assetId: string;
}

/**
 * Carry out a scheduled publish or unpublish of one episode. `at` is the time (ISO 8601) the job was scheduled
 * for: when the episode's schedule no longer says that, the schedule was changed or cancelled and the job does nothing.
 */
export interface PublicationJob {
  episodeId: string;
  action: 'publish' | 'unpublish';
  at: string;
}

/**
 * Turn one probed asset into HLS (job name `transcode`), or join the parts of a long recording and publish them
 * (job name `join`, the parent of a flow). `run` is the asset's transcode run when the job was queued: a job of an
 * older run (processing was cancelled or started again since) does nothing.
 */
export interface TranscodeJob {
  assetId: string;
  run: number;
}

/** One part of a long recording, done in parallel with the others: a chunk of the video ladder, the audio, or the thumbnails. */
export interface TranscodePartJob {
  assetId: string;
  run: number;
  part: 'chunk' | 'audio' | 'thumbnails';
  /** The chunk's number (chunks only). */
  index?: number;
}

/**
 * Render an asset's poster again at the moment its row names (`poster_at_s`) and publish it in place of the old
 * one. The choice lives in the row, not the payload, so a job that waited reads the latest choice.
 */
export interface PosterJob {
  assetId: string;
}
