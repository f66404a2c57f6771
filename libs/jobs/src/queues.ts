/** Queue names and their payloads. Payloads carry ids only: never file bytes, paths or secrets. */
export const QUEUES = {
  probe: 'media-probe',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Probe one uploaded media asset: check it is a recording we can process and store its facts. */
export interface ProbeJob {
  assetId: string;
}
