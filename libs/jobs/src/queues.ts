/** Queue names and their payloads. Payloads carry ids only: never file bytes, paths or secrets. */
export const QUEUES = {
  probe: 'media-probe',
  publication: 'publication-schedule',
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
