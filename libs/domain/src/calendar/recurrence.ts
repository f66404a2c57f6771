import { DateTime, IANAZone } from 'luxon';
import { Options, RRule } from 'rrule';

/** A calendar date-time as written: wall-clock fields and the zone they are in. */
export interface CalendarTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** An IANA zone, 'UTC', or null for floating time (read in the library's zone). */
  zone: string | null;
  dateOnly: boolean;
}

export interface RecurringSeries {
  start: CalendarTime;
  /** The RRULE value, e.g. `FREQ=WEEKLY;BYDAY=TU`. */
  rrule: string;
  rdates: CalendarTime[];
  exdates: CalendarTime[];
}

export interface Occurrence {
  /** Identifies the occurrence as RECURRENCE-ID and EXDATE do: the original start instant, or the date of an all-day one. */
  key: string;
  start: Date;
}

export interface Expansion {
  occurrences: Occurrence[];
  /** More occurrences fell in the window than `max`; only the first `max` are returned. */
  capped: boolean;
}

/** Why a rule cannot be expanded; the message is meant for a librarian. */
export class RecurrenceError extends Error {}

/** A rule that repeats more often than daily: valid iCalendar, but not a schedule of library activities. */
export class UnsupportedRecurrence extends RecurrenceError {}

const DAY_MS = 86_400_000;
const PARTS: Record<string, RegExp> = {
  FREQ: /^(YEARLY|MONTHLY|WEEKLY|DAILY|HOURLY|MINUTELY|SECONDLY)$/,
  UNTIL: /^\d{8}(T\d{6}Z?)?$/,
  COUNT: /^\d{1,6}$/,
  INTERVAL: /^\d{1,4}$/,
  BYSECOND: /^\d{1,2}(,\d{1,2})*$/,
  BYMINUTE: /^\d{1,2}(,\d{1,2})*$/,
  BYHOUR: /^\d{1,2}(,\d{1,2})*$/,
  BYDAY: /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)(,([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU))*$/,
  BYMONTHDAY: /^[+-]?\d{1,2}(,[+-]?\d{1,2})*$/,
  BYYEARDAY: /^[+-]?\d{1,3}(,[+-]?\d{1,3})*$/,
  BYWEEKNO: /^[+-]?\d{1,2}(,[+-]?\d{1,2})*$/,
  BYMONTH: /^\d{1,2}(,\d{1,2})*$/,
  BYSETPOS: /^[+-]?\d{1,3}(,[+-]?\d{1,3})*$/,
  WKST: /^(MO|TU|WE|TH|FR|SA|SU)$/,
};
const RANGES: Record<string, [number, number]> = {
  BYSECOND: [0, 60],
  BYMINUTE: [0, 59],
  BYHOUR: [0, 23],
  BYMONTHDAY: [1, 31],
  BYYEARDAY: [1, 366],
  BYWEEKNO: [1, 53],
  BYMONTH: [1, 12],
  BYSETPOS: [1, 366],
};
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Checks an RRULE value strictly (rrule.js itself accepts anything) and refuses rules that can never occur. */
export function parseRule(value: string): { options: Partial<Options>; until: string | null } {
  const seen = new Map<string, string>();
  for (const part of value.trim().replace(/^RRULE:/i, '').split(';')) {
    const [rawKey, v, extra] = part.split('=');
    const key = rawKey?.toUpperCase() ?? '';
    if (v === undefined || extra !== undefined) throw new RecurrenceError(`RRULE part "${part}" is not KEY=VALUE`);
    if (!PARTS[key]) throw new RecurrenceError(`RRULE part ${key} is not known`);
    if (!PARTS[key].test(v.toUpperCase())) throw new RecurrenceError(`RRULE ${key}=${v} is not valid`);
    if (seen.has(key)) throw new RecurrenceError(`RRULE names ${key} twice`);
    const range = RANGES[key];
    if (range) {
      for (const n of v.split(',').map((x) => Math.abs(Number(x.replace(/[A-Z]/gi, ''))))) {
        if (n < range[0] || n > range[1]) throw new RecurrenceError(`RRULE ${key}=${v} is out of range (${range[0]}–${range[1]})`);
      }
    }
    seen.set(key, v.toUpperCase());
  }
  const freq = seen.get('FREQ');
  if (!freq) throw new RecurrenceError('RRULE has no FREQ');
  if (seen.has('UNTIL') && seen.has('COUNT')) throw new RecurrenceError('RRULE has both UNTIL and COUNT');
  if (seen.get('INTERVAL') === '0') throw new RecurrenceError('RRULE INTERVAL must be at least 1');
  if (['HOURLY', 'MINUTELY', 'SECONDLY'].includes(freq)) {
    throw new UnsupportedRecurrence(`repeats ${freq.toLowerCase()}; import these sessions as separate events`);
  }
  const monthDays = seen.get('BYMONTHDAY')?.split(',').map(Number) ?? [];
  const months = seen.get('BYMONTH')?.split(',').map(Number) ?? [];
  if (monthDays.length && months.length && !monthDays.some((d) => months.some((m) => Math.abs(d) <= DAYS_IN_MONTH[m - 1]))) {
    throw new RecurrenceError(`RRULE BYMONTHDAY=${seen.get('BYMONTHDAY')} never occurs in BYMONTH=${seen.get('BYMONTH')}`);
  }
  const until = seen.get('UNTIL') ?? null;
  seen.delete('UNTIL');
  const options = RRule.parseString([...seen].map(([k, v]) => `${k}=${v}`).join(';'));
  return { options, until };
}

/** The instant a calendar time denotes; floating times are read in `libraryZone`, dates at midnight there. */
export function toInstant(t: CalendarTime, libraryZone: string): Date {
  const zone = t.zone === null ? libraryZone : t.zone;
  return DateTime.fromObject(wallOf(t), { zone }).toJSDate();
}

/** The key of an occurrence (see Occurrence.key) for a RECURRENCE-ID or EXDATE value. */
export function occurrenceKey(t: CalendarTime, libraryZone: string): string {
  if (t.dateOnly) return isoDate(t);
  return toInstant(t, libraryZone).toISOString();
}

export function isValidZone(zone: string): boolean {
  return zone === 'UTC' || IANAZone.isValidZone(zone);
}

/**
 * The occurrences of a recurring series that start in [from, to), in order, at most `max`.
 *
 * The rule is expanded on wall-clock time in the start's zone, so a weekly 10:00 stays at 10:00 across a
 * DST change. A start in UTC (or floating) is expanded in `libraryZone` instead: calendars that export UTC
 * still mean "10:00 here" for a weekly story time. EXDATE and RECURRENCE-ID keys refer to the occurrences
 * as the file's own zone would have produced them, so they still match after that move.
 */
export function expandSeries(series: RecurringSeries, window: { from: Date; to: Date }, libraryZone: string, max: number): Expansion {
  const { options, until } = parseRule(series.rrule);
  const start = series.start;
  const ruleZone = start.zone ?? libraryZone;
  const movedFromUtc = !start.dateOnly && start.zone === 'UTC' && libraryZone !== 'UTC';
  const dtstart = fakeUtc(wallOf(start));
  const rule = new RRule({ ...options, dtstart, until: until ? untilAsFake(until, ruleZone, start.dateOnly) : null });

  // The rule runs on fake-UTC wall times; widen the window by two days to cover every zone offset.
  const after = new Date(window.from.getTime() - 2 * DAY_MS);
  const before = new Date(window.to.getTime() + 2 * DAY_MS);
  const excluded = new Set(series.exdates.map((t) => occurrenceKey(t, libraryZone)));
  const anchorLocal = DateTime.fromJSDate(toInstant(start, libraryZone), { zone: libraryZone });
  const originalStart = toInstant(start, libraryZone).getTime();

  const candidates = new Map<string, Date>();
  const add = (original: Date, key: string) => {
    if (excluded.has(key)) return;
    let begins = original;
    if (movedFromUtc) {
      const offset = original.getTime() - originalStart;
      const days = Math.floor(offset / DAY_MS);
      begins = anchorLocal.plus({ days }).plus({ milliseconds: offset - days * DAY_MS }).toJSDate();
    }
    if (begins >= window.from && begins < window.to) candidates.set(key, begins);
  };

  let seen = 0;
  let capped = false;
  rule.between(after, before, true, (fake) => {
    if (seen >= max * 2 + 10) {
      capped = true;
      return false;
    }
    seen++;
    const wall = fromFake(fake);
    const t: CalendarTime = { ...wall, zone: ruleZone, dateOnly: start.dateOnly };
    add(toInstant(t, libraryZone), occurrenceKey(t, libraryZone));
    return true;
  });
  for (const r of series.rdates) {
    add(toInstant({ ...r, zone: r.zone ?? ruleZone }, libraryZone), occurrenceKey({ ...r, zone: r.zone ?? ruleZone }, libraryZone));
  }

  const occurrences = [...candidates].map(([key, s]) => ({ key, start: s })).sort((a, b) => a.start.getTime() - b.start.getTime());
  if (occurrences.length > max) return { occurrences: occurrences.slice(0, max), capped: true };
  return { occurrences, capped };
}

type Wall = Pick<CalendarTime, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'>;

function wallOf(t: CalendarTime): Wall {
  return { year: t.year, month: t.month, day: t.day, hour: t.dateOnly ? 0 : t.hour, minute: t.dateOnly ? 0 : t.minute, second: t.dateOnly ? 0 : t.second };
}

function fakeUtc(w: Wall): Date {
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

function fromFake(d: Date): Wall {
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

function isoDate(t: Pick<CalendarTime, 'year' | 'month' | 'day'>): string {
  return `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
}

/** UNTIL is UTC when it ends in Z, else wall time (a date means "through that day"). */
function untilAsFake(until: string, zone: string, dateOnly: boolean): Date {
  const y = Number(until.slice(0, 4));
  const mo = Number(until.slice(4, 6));
  const d = Number(until.slice(6, 8));
  if (until.length === 8) return fakeUtc({ year: y, month: mo, day: d, hour: 23, minute: 59, second: 59 });
  const wall = { year: y, month: mo, day: d, hour: Number(until.slice(9, 11)), minute: Number(until.slice(11, 13)), second: Number(until.slice(13, 15)) };
  if (!until.endsWith('Z') || dateOnly) return fakeUtc(wall);
  const local = DateTime.fromObject(wall, { zone: 'UTC' }).setZone(zone);
  return fakeUtc({ year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second });
}

