import { DateTime } from 'luxon';
import { CalendarTime, expandSeries, isValidZone, occurrenceKey, RecurrenceError, toInstant, UnsupportedRecurrence } from '@app/domain';
import type { ActivityStatus, Visibility } from '@app/domain';
import { CalendarActivity, CalendarRead, FileProblem, MAX_REPORTED_ERRORS, ReadOptions, Skipped } from './calendar-file';

/**
 * Reads an iCalendar file (RFC 5545) as library calendars export it. Content lines are read here, so every
 * problem is reported with its line number; time zones are resolved with luxon and recurrences expanded by
 * `expandSeries` (rrule) in the domain library.
 *
 * Besides the standard properties, these are read when present: X-AUDIENCE (comma-separated),
 * X-CAPACITY, X-REGISTRATIONS, X-WAITLIST (whole numbers) and X-PRESENTER.
 */

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
  line: number;
}

interface Component {
  name: string;
  line: number;
  props: Property[];
  children: Component[];
}

class LineError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const CONTENT_LINE = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/;
const PARAM = /;([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:]*)(?:,(?:"[^"]*"|[^";:,]*))*)/g;

/** Unfolds and parses content lines into components; syntax problems are collected with their line. */
function parseComponents(text: string, errors: FileProblem[]): Component | null {
  const physical = text.split(/\r\n|\n|\r/);
  const logical: { text: string; line: number }[] = [];
  physical.forEach((raw, i) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && logical.length) logical[logical.length - 1].text += raw.slice(1);
    else if (raw.trim() !== '') logical.push({ text: raw, line: i + 1 });
  });

  const root: Component = { name: '', line: 0, props: [], children: [] };
  const stack: Component[] = [root];
  for (const { text: l, line } of logical) {
    const m = CONTENT_LINE.exec(l);
    if (!m) {
      errors.push({ line, message: `Not an iCalendar line: "${l.slice(0, 60)}"` });
      continue;
    }
    const name = m[1].toUpperCase();
    const value = m[3];
    const top = stack[stack.length - 1];
    if (name === 'BEGIN') {
      const child: Component = { name: value.toUpperCase().trim(), line, props: [], children: [] };
      top.children.push(child);
      stack.push(child);
    } else if (name === 'END') {
      if (top === root || top.name !== value.toUpperCase().trim()) {
        errors.push({ line, message: top === root ? `END:${value} without BEGIN` : `END:${value} closes BEGIN:${top.name} of line ${top.line}` });
        continue;
      }
      stack.pop();
    } else if (top === root) {
      errors.push({ line, message: `${name} outside BEGIN:VCALENDAR … END:VCALENDAR` });
    } else {
      const params: Record<string, string> = {};
      for (const p of m[2].matchAll(PARAM)) params[p[1].toUpperCase()] = p[2].replace(/^"|"$/g, '');
      top.props.push({ name, params, value, line });
    }
  }
  for (const open of stack.slice(1).reverse()) errors.push({ line: open.line, message: `BEGIN:${open.name} is never closed with END:${open.name}` });
  const calendar = root.children.find((c) => c.name === 'VCALENDAR');
  if (!calendar && !errors.length) errors.push({ line: 1, message: 'The file has no BEGIN:VCALENDAR' });
  return calendar ?? null;
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits a comma-separated TEXT list, honouring escaped commas. */
function textList(v: string): string[] {
  return v
    .split(/(?<!\\),/)
    .map((s) => unescapeText(s).trim())
    .filter(Boolean);
}

const first = (c: Component, name: string) => c.props.find((p) => p.name === name);
const all = (c: Component, name: string) => c.props.filter((p) => p.name === name);

/** Resolves TZIDs: IANA names, prefixed ones (/mozilla.org/…/Europe/Amsterdam), and VTIMEZONEs with the library's offsets. */
function zoneResolver(calendar: Component, libraryZone: string) {
  const defined = new Map<string, Component>();
  for (const tz of calendar.children.filter((c) => c.name === 'VTIMEZONE')) {
    const id = first(tz, 'TZID')?.value;
    if (id) defined.set(id, tz);
  }
  const libraryOffsets = ['01-15', '07-15'].map((d) => DateTime.fromISO(`2026-${d}T12:00`, { zone: libraryZone }).offset).sort((a, b) => a - b).join(',');
  const cache = new Map<string, string | null>();
  return (tzid: string): string | null => {
    if (cache.has(tzid)) return cache.get(tzid)!;
    let zone: string | null = null;
    if (isValidZone(tzid)) zone = tzid;
    else {
      const suffix = /([A-Za-z_]+\/[A-Za-z_+-]+(?:\/[A-Za-z_+-]+)?)$/.exec(tzid)?.[1];
      if (suffix && isValidZone(suffix)) zone = suffix;
      else {
        const vt = defined.get(tzid);
        const offsets = vt?.children
          .map((c) => first(c, 'TZOFFSETTO')?.value)
          .filter((o): o is string => !!o)
          .map((o) => (o.startsWith('-') ? -1 : 1) * (Number(o.slice(1, 3)) * 60 + Number(o.slice(3, 5))));
        if (offsets?.length && [...new Set(offsets)].sort((a, b) => a - b).join(',') === libraryOffsets) zone = libraryZone;
      }
    }
    cache.set(tzid, zone);
    return zone;
  };
}

/** Reads DATE or DATE-TIME values (a list for EXDATE/RDATE). */
function readTimes(p: Property, resolveZone: (tzid: string) => string | null): CalendarTime[] {
  let zone: string | null = null;
  if (p.params.TZID) {
    zone = resolveZone(p.params.TZID);
    if (!zone) throw new LineError(p.line, `${p.name} uses time zone "${p.params.TZID}", which is not known; use an IANA name such as Europe/Amsterdam`);
  }
  if (p.params.VALUE === 'PERIOD') throw new LineError(p.line, `${p.name} with VALUE=PERIOD is not supported`);
  return p.value.split(',').map((v) => {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(v.trim());
    if (!m || (p.params.VALUE === 'DATE' && m[4] !== undefined)) throw new LineError(p.line, `${p.name} "${v}" is not an iCalendar date or date-time (like 20260310T100000)`);
    const dateOnly = m[4] === undefined;
    const t: CalendarTime = {
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      hour: dateOnly ? 0 : Number(m[4]),
      minute: dateOnly ? 0 : Number(m[5]),
      second: dateOnly ? 0 : Math.min(59, Number(m[6])),
      zone: dateOnly ? null : m[7] ? 'UTC' : zone,
      dateOnly,
    };
    if (!DateTime.fromObject({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second }, { zone: 'UTC' }).isValid) {
      throw new LineError(p.line, `${p.name} "${v}" is not a real date`);
    }
    return t;
  });
}

/** ISO 8601 duration as used by DURATION (P1D, PT1H30M, P1W). */
function readDuration(p: Property): { days: number; ms: number } {
  const m = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(p.value.trim());
  if (!m || p.value.trim() === 'P' || p.value.trim().endsWith('T')) throw new LineError(p.line, `DURATION "${p.value}" is not an iCalendar duration (like PT1H30M)`);
  if (m[1] === '-') throw new LineError(p.line, 'DURATION must not be negative');
  return { days: Number(m[2] ?? 0) * 7 + Number(m[3] ?? 0), ms: ((Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0)) * 60 + Number(m[6] ?? 0)) * 1000 };
}

function readCount(c: Component, name: string): number | null {
  const p = first(c, name);
  if (!p || p.value.trim() === '') return null;
  if (!/^\d{1,7}$/.test(p.value.trim())) throw new LineError(p.line, `${name} "${p.value}" must be a whole number`);
  return Number(p.value.trim());
}

interface EventFacts {
  uid: string;
  line: number;
  start: CalendarTime;
  /** How long it lasts: whole days (kept as calendar days across DST) plus milliseconds. */
  length: { days: number; ms: number };
  title: string;
  description: string;
  location: string;
  categories: string[];
  audience: string[];
  capacity: number | null;
  registrations: number | null;
  waitlist: number | null;
  presenter: string;
  visibility: Visibility;
  status: ActivityStatus;
  rrule: Property | undefined;
  rdates: CalendarTime[];
  exdates: CalendarTime[];
  recurrenceId: CalendarTime | null;
}

function readEvent(e: Component, resolveZone: (tzid: string) => string | null, libraryZone: string): EventFacts {
  const uid = first(e, 'UID')?.value.trim();
  if (!uid) throw new LineError(e.line, 'The event has no UID');
  const dtstart = first(e, 'DTSTART');
  if (!dtstart) throw new LineError(e.line, `Event ${uid} has no DTSTART`);
  const [start] = readTimes(dtstart, resolveZone);
  const dtend = first(e, 'DTEND');
  const duration = first(e, 'DURATION');
  let length = { days: start.dateOnly ? 1 : 0, ms: 0 };
  if (dtend && duration) throw new LineError(duration.line, `Event ${uid} has both DTEND and DURATION`);
  if (dtend) {
    const [end] = readTimes(dtend, resolveZone);
    if (end.dateOnly !== start.dateOnly) throw new LineError(dtend.line, 'DTEND must be a date when DTSTART is a date, and a date-time when DTSTART is one');
    const ms = toInstant(end, libraryZone).getTime() - toInstant(start, libraryZone).getTime();
    if (ms < 0) throw new LineError(dtend.line, `Event ${uid} ends before it starts`);
    length = start.dateOnly ? { days: Math.round(ms / 86_400_000), ms: 0 } : { days: 0, ms };
  } else if (duration) length = readDuration(duration);

  const status = first(e, 'STATUS')?.value.trim().toUpperCase();
  const klass = first(e, 'CLASS')?.value.trim().toUpperCase();
  const recurrenceId = first(e, 'RECURRENCE-ID');
  return {
    uid,
    line: e.line,
    start,
    length,
    title: unescapeText(first(e, 'SUMMARY')?.value ?? '').trim(),
    description: unescapeText(first(e, 'DESCRIPTION')?.value ?? '').trim(),
    location: unescapeText(first(e, 'LOCATION')?.value ?? '').trim(),
    categories: all(e, 'CATEGORIES').flatMap((p) => textList(p.value)),
    audience: all(e, 'X-AUDIENCE').flatMap((p) => textList(p.value)),
    capacity: readCount(e, 'X-CAPACITY'),
    registrations: readCount(e, 'X-REGISTRATIONS'),
    waitlist: readCount(e, 'X-WAITLIST'),
    presenter: unescapeText(first(e, 'X-PRESENTER')?.value ?? '').trim(),
    visibility: klass === 'PRIVATE' || klass === 'CONFIDENTIAL' ? 'private' : 'public',
    status: status === 'CANCELLED' ? 'cancelled' : status === 'TENTATIVE' ? 'tentative' : 'confirmed',
    rrule: first(e, 'RRULE'),
    rdates: all(e, 'RDATE').flatMap((p) => readTimes(p, resolveZone)),
    exdates: all(e, 'EXDATE').flatMap((p) => readTimes(p, resolveZone)),
    recurrenceId: recurrenceId ? readTimes(recurrenceId, resolveZone)[0] : null,
  };
}

function activityOf(f: EventFacts, occurrence: string, startsAt: Date, length: { days: number; ms: number }, zone: string): CalendarActivity {
  const endsAt = length.days ? DateTime.fromJSDate(startsAt, { zone }).plus({ days: length.days }).toJSDate() : new Date(startsAt.getTime() + length.ms);
  return {
    ref: `UID ${f.uid}${occurrence ? ` on ${occurrence.slice(0, 10)}` : ''} (line ${f.line})`,
    sourceUid: f.uid,
    occurrence,
    title: f.title,
    description: f.description,
    startsAt,
    endsAt,
    allDay: f.start.dateOnly,
    location: f.location,
    categories: f.categories,
    audience: f.audience,
    capacity: f.capacity,
    registrations: f.registrations,
    waitlist: f.waitlist,
    presenter: f.presenter,
    visibility: f.visibility,
    status: f.status,
  };
}

/** An override (RECURRENCE-ID) replaces the occurrence; properties it leaves out come from the series. */
function mergeOverride(series: EventFacts, o: EventFacts): EventFacts {
  return {
    ...o,
    title: o.title || series.title,
    description: o.description || series.description,
    location: o.location || series.location,
    categories: o.categories.length ? o.categories : series.categories,
    audience: o.audience.length ? o.audience : series.audience,
    capacity: o.capacity ?? series.capacity,
    registrations: o.registrations ?? series.registrations,
    waitlist: o.waitlist ?? series.waitlist,
    presenter: o.presenter || series.presenter,
    visibility: series.visibility === 'private' ? 'private' : o.visibility,
    status: series.status === 'cancelled' ? 'cancelled' : o.status,
  };
}

/** Expanding recurrences stops (and the import fails) after this long, so a hostile rule cannot hold the server. */
const EXPANSION_BUDGET_MS = 10_000;

export function readIcs(text: string, options: ReadOptions): CalendarRead {
  const { window, zone } = options;
  const errors: FileProblem[] = [];
  const skipped: Skipped[] = [];
  const activities: CalendarActivity[] = [];
  const recurringUids: string[] = [];
  const result = (): CalendarRead => ({ format: 'ics', activities, skipped, errors: errors.slice(0, MAX_REPORTED_ERRORS), recurringUids });

  const calendar = parseComponents(text, errors);
  if (!calendar || errors.length) return result();
  const resolveZone = zoneResolver(calendar, zone);

  const series = new Map<string, EventFacts>();
  const overrides = new Map<string, EventFacts[]>();
  for (const e of calendar.children.filter((c) => c.name === 'VEVENT')) {
    try {
      const f = readEvent(e, resolveZone, zone);
      if (f.recurrenceId) overrides.set(f.uid, [...(overrides.get(f.uid) ?? []), f]);
      else if (series.has(f.uid)) errors.push({ line: e.line, message: `UID ${f.uid} is used by two events (lines ${series.get(f.uid)!.line} and ${e.line})` });
      else series.set(f.uid, f);
    } catch (err) {
      if (!(err instanceof LineError)) throw err;
      errors.push({ line: err.line, message: err.message });
    }
  }

  const inWindow = (d: Date) => d >= window.from && d < window.to;
  const add = (a: CalendarActivity) => {
    if (!a.title) skipped.push({ ref: a.ref, reason: 'has no title (SUMMARY)' });
    else activities.push(a);
  };

  const began = Date.now();
  for (const f of series.values()) {
    if (Date.now() - began > EXPANSION_BUDGET_MS) {
      errors.push({ line: f.line, message: 'The recurrence rules in this file take too long to expand; nothing was imported. Check the RRULEs from this event on.' });
      break;
    }
    if (!f.rrule && !f.rdates.length) {
      const startsAt = toInstant(f.start, zone);
      if (inWindow(startsAt)) add(activityOf(f, '', startsAt, f.length, zone));
      else skipped.push({ ref: `UID ${f.uid} (line ${f.line})`, reason: `falls outside ${options.year}` });
      continue;
    }
    let expansion;
    try {
      expansion = expandSeries({ start: f.start, rrule: f.rrule?.value ?? `FREQ=YEARLY;COUNT=1`, rdates: f.rdates, exdates: f.exdates }, window, zone, options.maxOccurrencesPerEvent);
    } catch (err) {
      if (err instanceof UnsupportedRecurrence) {
        skipped.push({ ref: `UID ${f.uid} (line ${f.line})`, reason: err.message });
        continue;
      }
      if (err instanceof RecurrenceError) {
        errors.push({ line: f.rrule?.line ?? f.line, message: err.message });
        continue;
      }
      throw err;
    }
    recurringUids.push(f.uid);
    if (expansion.capped) skipped.push({ ref: `UID ${f.uid} (line ${f.line})`, reason: `repeats more than ${options.maxOccurrencesPerEvent} times in the year: only the first ${options.maxOccurrencesPerEvent} were imported` });
    const moved = new Map((overrides.get(f.uid) ?? []).map((o) => [occurrenceKey(o.recurrenceId!, zone), o]));
    for (const occ of expansion.occurrences) {
      const o = moved.get(occ.key);
      moved.delete(occ.key);
      if (o) {
        const startsAt = toInstant(o.start, zone);
        if (inWindow(startsAt)) add(activityOf(mergeOverride(f, o), occ.key, startsAt, o.length, zone));
      } else add(activityOf(f, occ.key, occ.start, f.length, zone));
    }
    // Overrides that move an occurrence from outside the year into it.
    for (const [key, o] of moved) {
      const startsAt = toInstant(o.start, zone);
      if (inWindow(startsAt) && !f.exdates.some((x) => occurrenceKey(x, zone) === key)) add(activityOf(mergeOverride(f, o), key, startsAt, o.length, zone));
    }
    overrides.delete(f.uid);
  }
  // Overrides whose series is not in the file: each is one occurrence of its own.
  for (const list of overrides.values()) {
    for (const o of list) {
      const startsAt = toInstant(o.start, zone);
      if (inWindow(startsAt)) add(activityOf(o, occurrenceKey(o.recurrenceId!, zone), startsAt, o.length, zone));
    }
  }
  if (activities.length > options.maxActivities) {
    errors.push({ line: 1, message: `The file holds ${activities.length} activities in the year; at most ${options.maxActivities} can be imported at once. Split the file.` });
  }
  return result();
}
