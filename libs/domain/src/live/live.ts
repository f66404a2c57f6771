import type { BroadcastStatus } from '../broadcasts/broadcast-status';
import { slugify } from '../series/slug';

/** Why a live session ended. */
export const LIVE_END_REASONS = ['publisher_left', 'stopped', 'max_duration', 'disk_full', 'interrupted'] as const;
export type LiveEndReason = (typeof LIVE_END_REASONS)[number];

/** The ingest takes a stream only for a broadcast that is ready to go on air or already on air (a reconnect). */
export const canIngest = (status: BroadcastStatus): boolean => status === 'ready' || status === 'live';

/** Waiting time before the n-th retry (1-based) of a restream: doubling from `baseMs`, at most `maxMs`. */
export function retryDelayMs(attempt: number, baseMs = 1000, maxMs = 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
}

const SLUG_ID = /-([0-9a-f]{8})$/;

/** The web address of a live broadcast on the portal: its title, then the first 8 hex digits of its id. */
export const liveSlug = (title: string, id: string): string => `${slugify(title) || 'live'}-${id.slice(0, 8).toLowerCase()}`;

/** The range of ids a live slug can stand for (the title part may be outdated), or null when it is no live slug. */
export function liveSlugIdRange(slug: string): { from: string; to: string } | null {
  const m = SLUG_ID.exec(slug.toLowerCase());
  if (!m || slug.length > 100) return null;
  return { from: `${m[1]}-0000-0000-0000-000000000000`, to: `${m[1]}-ffff-ffff-ffff-ffffffffffff` };
}

/** Patrons see a broadcast when it was planned stand-alone or its calendar activity is public. */
export const isPublicBroadcast = (activityVisibility: string | null): boolean => activityVisibility === null || activityVisibility === 'public';

/** What is known about the episode a broadcast's recording became. */
export interface RecordingFacts {
  /** null while the recording is still being saved. */
  assetStatus: string | null;
  publicationState: string | null;
  publishAt: Date | null;
  publishedAt: Date | null;
  publicSlug: string | null;
}

export type RecordingNotice =
  | { state: 'none'; availableAt: null; episodeSlug: null; message: string }
  | { state: 'processing' | 'in_review' | 'scheduled' | 'published'; availableAt: Date | null; episodeSlug: string | null; message: string };

/** What the watch page says after a broadcast ended: whether, when and where the recording can be watched. */
export function recordingNotice(facts: RecordingFacts | null, timeZone: string): RecordingNotice {
  const when = (d: Date) => d.toLocaleString('en-GB', { timeZone, dateStyle: 'long', timeStyle: 'short' });
  if (!facts || facts.assetStatus === 'rejected' || facts.assetStatus === 'failed') {
    return { state: 'none', availableAt: null, episodeSlug: null, message: 'This broadcast has ended. There is no recording to watch.' };
  }
  if (facts.publicationState === 'published' && facts.publicSlug) {
    return { state: 'published', availableAt: facts.publishedAt, episodeSlug: facts.publicSlug, message: 'This broadcast has ended. Its recording can be watched now.' };
  }
  if (facts.publishAt && facts.publicSlug && facts.publicationState === 'approved') {
    return { state: 'scheduled', availableAt: facts.publishAt, episodeSlug: facts.publicSlug, message: `This broadcast has ended. Its recording will be available from ${when(facts.publishAt)}.` };
  }
  if (facts.assetStatus !== 'ready') {
    return { state: 'processing', availableAt: null, episodeSlug: null, message: 'This broadcast has ended. Its recording is being prepared and will be available once our staff have reviewed it.' };
  }
  return { state: 'in_review', availableAt: null, episodeSlug: null, message: 'This broadcast has ended. Its recording will be available once our staff have reviewed it.' };
}
