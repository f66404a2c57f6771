import { MessageKey } from '../i18n/messages';
import { Visibility, VISIBILITIES } from './review.api';

/** The library's clock: editors schedule in Dutch time, wherever their laptop thinks it is. */
export const LIBRARY_TIME_ZONE = 'Europe/Amsterdam';

/** Minutes `zone` is ahead of UTC at `instant`. */
function offsetMinutes(instant: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** A datetime-local value ("2026-03-10T10:00" or with seconds) read as wall-clock time in `zone`; null if it is none. */
export function zonedToInstant(local: string, zone = LIBRARY_TIME_ZONE): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  // Guess with the offset at the wall time, then correct with the offset at the guess (right across DST changes).
  const guess = wall - offsetMinutes(new Date(wall), zone) * 60_000;
  return new Date(wall - offsetMinutes(new Date(guess), zone) * 60_000);
}

/** An instant as a datetime-local value (to the second) on the wall clock of `zone`. */
export function instantToZoned(instant: Date, zone = LIBRARY_TIME_ZONE): string {
  const local = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offsetMinutes(instant, zone) * 60_000);
  return local.toISOString().slice(0, 19);
}

export interface PublishInput {
  visibility: Visibility | '';
  when: 'now' | 'later';
  /** datetime-local value in the library's time zone */
  at: string;
}
export interface PublishErrors {
  visibility?: MessageKey;
  at?: MessageKey;
}

/** Checks the publish form before sending; returns the errors, or the request for the API. */
export function checkPublish(
  input: PublishInput,
  now: Date,
  unpublishAt: string | null,
): { errors: PublishErrors; request: { visibility: Visibility; publishAt?: string } | null } {
  const errors: PublishErrors = {};
  if (!VISIBILITIES.includes(input.visibility as Visibility)) errors.visibility = 'publish.visibilityRequired';
  let publishAt: Date | null = null;
  if (input.when === 'later') {
    publishAt = input.at ? zonedToInstant(input.at) : null;
    if (!input.at) errors.at = 'publish.atRequired';
    else if (!publishAt) errors.at = 'publish.atInvalid';
    else if (publishAt.getTime() <= now.getTime()) errors.at = 'publish.atPast';
    else if (unpublishAt && publishAt.getTime() >= new Date(unpublishAt).getTime()) errors.at = 'publish.atAfterUnpublish';
  }
  if (errors.visibility || errors.at) return { errors, request: null };
  return { errors, request: { visibility: input.visibility as Visibility, ...(publishAt ? { publishAt: publishAt.toISOString() } : {}) } };
}
