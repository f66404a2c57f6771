import { DateTime } from 'luxon';
import { Interval } from './booking';

/** How a broadcast repeats: every `interval` days or weeks, `count` times or until a date. */
export interface RepeatRule {
  frequency: 'daily' | 'weekly';
  interval?: number;
  count?: number;
  until?: Date;
}

export const MAX_OCCURRENCES = 104;

export type RepeatResult = { ok: true; occurrences: Interval[] } | { ok: false; reason: string };

/**
 * The occurrences of a repeating slot. They repeat on the wall clock of `zone`, so a weekly 10:00–11:00
 * stays at 10:00–11:00 local time across a daylight-saving change. The first occurrence is the slot itself.
 */
export function expandRepeat(first: Interval, rule: RepeatRule, zone: string): RepeatResult {
  const interval = rule.interval ?? 1;
  if (!Number.isInteger(interval) || interval < 1) return { ok: false, reason: 'The repeat interval must be a whole number of at least 1.' };
  if ((rule.count === undefined) === (rule.until === undefined)) return { ok: false, reason: 'A repeat needs either a number of times (count) or an end date (until), not both.' };
  if (rule.count !== undefined && (!Number.isInteger(rule.count) || rule.count < 1)) return { ok: false, reason: 'The repeat count must be at least 1.' };
  if (rule.count !== undefined && rule.count > MAX_OCCURRENCES) return { ok: false, reason: `A repeat can create at most ${MAX_OCCURRENCES} broadcasts.` };
  if (rule.until && rule.until < first.from) return { ok: false, reason: 'The repeat end date is before the first broadcast.' };

  const start = DateTime.fromJSDate(first.from, { zone });
  const end = DateTime.fromJSDate(first.to, { zone });
  if (!start.isValid) return { ok: false, reason: `Unknown time zone: ${zone}.` };
  const step = rule.frequency === 'daily' ? { days: interval } : { weeks: interval };
  const occurrences: Interval[] = [];
  for (let i = 0; ; i++) {
    if (rule.count !== undefined && i >= rule.count) break;
    const offset = { days: (step.days ?? 0) * i, weeks: (step.weeks ?? 0) * i };
    const from = start.plus(offset);
    if (rule.until && from.toJSDate() > rule.until) break;
    if (occurrences.length >= MAX_OCCURRENCES) return { ok: false, reason: `A repeat can create at most ${MAX_OCCURRENCES} broadcasts; choose an earlier end date.` };
    occurrences.push({ from: from.toJSDate(), to: end.plus(offset).toJSDate() });
  }
  return { ok: true, occurrences };
}
