import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { CalendarTime, expandSeries, isValidZone, occurrenceKey, RecurrenceError, toInstant, UnsupportedRecurrence } from '@app/domain';
import { CalendarActivity, CalendarRead, FileProblem, MAX_REPORTED_ERRORS, ReadOptions, Skipped } from './calendar-file';

/**
 * Reads an iCalendar file (RFC 5545) as library calendars export it. ical.js reads each content line (parameters,
 * escaping, TEXT, DATE, DATE-TIME, DURATION and UTC-OFFSET values); lines are unfolded and components nested here,
 * so every problem is reported with its line number. Time zones are resolved to IANA zones with luxon and
 * recurrences expanded by `expandSeries` (rrule) in the domain library, DST-correct in the library's zone.
 *
 * Besides the standard properties, these are read when present: X-AUDIENCE (comma-separated),
 * X-CAPACITY, X-REGISTRATIONS, X-WAITLIST (whole numbers) and X-PRESENTER.
 */

class LineError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** A malformed value, kept in place of the parsed one: refused, with its line, only where the reader uses it. */
class BadValue {
  constructor(readonly message: string) {}
}

const ical = ICAL.design.icalendar;

/** DATE and DATE-TIME exactly as RFC 5545 writes them, on real days (a leap second reads as :59). */
const strictTime = (dateOnly: boolean) => (raw: string) => {
  const v = raw.trim();
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(v);
  if (!m || (dateOnly && m[4])) return new BadValue(`"${v}" is not an iCalendar date or date-time (like 20260310T100000)`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((n) => Number(n ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > ICAL.Time.daysInMonth(month, year) || hour > 23 || minute > 59) return new BadValue(`"${v}" is not a real date`);
  return m[4] ? ical.value['date-time'].fromICAL(second > 59 ? `${v.slice(0, 13)}59${v.slice(15)}` : v) : ical.value.date.fromICAL(v);
};
const DURATION = /^[+-]?P(?=\d|T\d)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** ical.js's iCalendar design, strict where ical.js is lenient (DATE, DATE-TIME, DURATION, UTC-OFFSET), plus the custom TEXT properties. */
const DESIGN = {
  ...ical,
  value: {
    ...ical.value,
    date: { ...ical.value.date, fromICAL: strictTime(true) },
    'date-time': { ...ical.value['date-time'], fromICAL: strictTime(false) },
    duration: { ...ical.value.duration, fromICAL: (v: string) => (DURATION.test(v.trim()) ? v.trim() : new BadValue(`"${v}" is not an iCalendar duration (like PT1H30M)`)) },
    'utc-offset': { ...ical.value['utc-offset'], fromICAL: (v: string) => (/^[+-]\d{4}(\d{2})?$/.test(v.trim()) ? ical.value['utc-offset'].fromICAL(v.trim()) : new BadValue(`"${v}" is not a UTC offset`)) },
    // RRULE stays text: the domain's parseRule checks it strictly (ical.js keeps unknown parts) and rrule.js expands it.
    recur: { ...ical.value.recur, fromICAL: (v: string) => v },
  },
  property: {
    ...ical.property,
    // RDATE's type follows VALUE, as for the other date properties (ical.js guesses it from the value).
    rdate: { defaultType: 'date-time', multiValue: ',' },
    // UID stays as written: it identifies an activity from one import to the next.
    uid: { defaultType: 'unknown' },
    'x-audience': { defaultType: 'text', multiValue: ',' },
    'x-presenter': { defaultType: 'text' },
  },
};

/**
 * RFC 5545's content line grammar (name, parameters, colon), which ical.js applies leniently: a line must match it
 * before ical.js reads it. A parameter value never holds a comma outside quotes, so a hostile line cannot make the
 * pattern backtrack exponentially.
 */
const CONTENT_LINE = /^[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*:/;

/** jCal, ical.js's parsed form: [name, properties, subcomponents]. */
type JCal = [string, unknown[][], JCal[]];
const LINES = new WeakMap<object, number>();
const lineOf = (x: ICAL.Component | ICAL.Property): number => LINES.get(x.jCal)!;

/** Unfolds the text, has ical.js read each content line, and nests the components; problems are collected with their line. */
function parseCalendar(text: string, errors: FileProblem[]): ICAL.Component | null {
  const logical: { text: string; line: number }[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && logical.length) logical[logical.length - 1].text += raw.slice(1);
    else if (raw.trim() !== '') logical.push({ text: raw, line: i + 1 });
  });

  const root: JCal = ['', [], []];
  const stack = [root];
  for (const { text: l, line } of logical) {
    const top = stack[stack.length - 1];
    const head = CONTENT_LINE.exec(l)?.[0] ?? '';
    const keyword = head.split(/[;:]/)[0].toUpperCase();
    const value = l.slice(head.length);
    let prop: unknown[] = [];
    try {
      if (!head) throw new Error('not name;param=value:value');
      if (keyword !== 'BEGIN' && keyword !== 'END') prop = ICAL.parse.property(l, DESIGN);
    } catch {
      errors.push({ line, message: `Not an iCalendar line: "${l.slice(0, 60)}"` });
      continue;
    }
    if (keyword === 'BEGIN') {
      const child: JCal = [value.trim().toLowerCase(), [], []];
      LINES.set(child, line);
      top[2].push(child);
      stack.push(child);
    } else if (keyword === 'END') {
      if (top !== root && top[0] === value.trim().toLowerCase()) stack.pop();
      else errors.push({ line, message: top === root ? `END:${value} without BEGIN` : `END:${value} closes BEGIN:${top[0].toUpperCase()} of line ${LINES.get(top)}` });
    } else if (top === root) {
      errors.push({ line, message: `${keyword} outside BEGIN:VCALENDAR … END:VCALENDAR` });
    } else {
      LINES.set(prop, line);
      top[1].push(prop);
    }
  }
  for (const open of stack.slice(1).reverse()) errors.push({ line: LINES.get(open)!, message: `BEGIN:${open[0].toUpperCase()} is never closed with END:${open[0].toUpperCase()}` });
  const calendar = root[2].find((c) => c[0] === 'vcalendar');
  if (!calendar && !errors.length) errors.push({ line: 1, message: 'The file has no BEGIN:VCALENDAR' });
  return calendar ? new ICAL.Component(calendar) : null;
}

/** A property's values as ical.js read them (TEXT unescaped, lists split), when its VALUE type is one the reader expects. */
function valuesOf(p: ICAL.Property, types: string[]): string[] {
  if (!types.includes(p.type)) throw new LineError(lineOf(p), `${p.name.toUpperCase()} with VALUE=${p.type.toUpperCase()} is not supported`);
  return p.jCal.slice(3).map((v: unknown) => {
    if (v instanceof BadValue) throw new LineError(lineOf(p), `${p.name.toUpperCase()} ${v.message}`);
    return String(v);
  });
}
const TEXT = ['text', 'unknown'];
function textOf(c: ICAL.Component, name: string, types = TEXT): string {
  const p = c.getFirstProperty(name);
  return p ? (valuesOf(p, types)[0] ?? '').trim() : '';
}
const listOf = (c: ICAL.Component, name: string) => c.getAllProperties(name).flatMap((p) => valuesOf(p, TEXT).map((s) => s.trim())).filter(Boolean);

/** Resolves TZIDs: IANA names, prefixed ones (/mozilla.org/…/Europe/Amsterdam), and VTIMEZONEs with the library's offsets. */
function zoneResolver(calendar: ICAL.Component, libraryZone: string) {
  const sorted = (minutes: number[]) => [...new Set(minutes)].sort((a, b) => a - b).join(',');
  const libraryOffsets = sorted(['01-15', '07-15'].map((d) => DateTime.fromISO(`2026-${d}T12:00`, { zone: libraryZone }).offset));
  const resolve = (tzid: string): string | null => {
    const parts = tzid.split('/');
    const iana = [tzid, parts.slice(-3).join('/'), parts.slice(-2).join('/')].find(isValidZone);
    if (iana) return iana;
    const vtimezone = calendar.getAllSubcomponents('vtimezone').find((tz) => textOf(tz, 'tzid') === tzid);
    const offsets = (vtimezone?.getAllSubcomponents() ?? []).flatMap((c) => c.getAllProperties('tzoffsetto').slice(0, 1));
    const minutes = offsets.map((p) => (p.type === 'utc-offset' && typeof p.jCal[3] === 'string' ? ICAL.UtcOffset.fromString(p.jCal[3]).toSeconds() / 60 : NaN));
    return minutes.length && sorted(minutes) === libraryOffsets ? libraryZone : null;
  };
  const cache = new Map<string, string | null>();
  return (tzid: string): string | null => {
    if (!cache.has(tzid)) cache.set(tzid, resolve(tzid));
    return cache.get(tzid)!;
  };
}

/** Reads DATE or DATE-TIME values (a list for EXDATE/RDATE). */
function readTimes(p: ICAL.Property, resolveZone: (tzid: string) => string | null): CalendarTime[] {
  const tzid = p.getFirstParameter('tzid');
  const zone = tzid ? resolveZone(tzid) : null;
  if (tzid && !zone) throw new LineError(lineOf(p), `${p.name.toUpperCase()} uses time zone "${tzid}", which is not known; use an IANA name such as Europe/Amsterdam`);
  return valuesOf(p, ['date', 'date-time']).map((v) => {
    const t = ICAL.Time.fromString(v, undefined);
    return { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second, zone: t.isDate ? null : t.zone === ICAL.Timezone.utcTimezone ? 'UTC' : zone, dateOnly: t.isDate };
  });
}

/** DURATION as whole days (kept as calendar days across DST) plus milliseconds. */
function readDuration(p: ICAL.Property): { days: number; ms: number } {
  const d = ICAL.Duration.fromString(valuesOf(p, ['duration'])[0]);
  if (d.isNegative) throw new LineError(lineOf(p), 'DURATION must not be negative');
  return { days: d.weeks * 7 + d.days, ms: ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000 };
}

function readCount(c: ICAL.Component, name: string): number | null {
  const v = textOf(c, name, [...TEXT, 'integer']);
  if (v && !/^\d{1,7}$/.test(v)) throw new LineError(lineOf(c.getFirstProperty(name)!), `${name.toUpperCase()} "${v}" must be a whole number`);
  return v ? Number(v) : null;
}

/** What an event says about its activity. */
type Details = Pick<CalendarActivity, 'title' | 'description' | 'location' | 'categories' | 'audience' | 'capacity' | 'registrations' | 'waitlist' | 'presenter' | 'visibility' | 'status'>;

interface EventFacts {
  uid: string;
  line: number;
  start: CalendarTime;
  /** How long it lasts: whole days (kept as calendar days across DST) plus milliseconds. */
  length: { days: number; ms: number };
  details: Details;
  rrule: { value: string; line: number } | null;
  rdates: CalendarTime[];
  exdates: CalendarTime[];
  recurrenceId: CalendarTime | null;
}

function readEvent(e: ICAL.Component, resolveZone: (tzid: string) => string | null, libraryZone: string): EventFacts {
  const uid = textOf(e, 'uid');
  if (!uid) throw new LineError(lineOf(e), 'The event has no UID');
  const dtstart = e.getFirstProperty('dtstart');
  if (!dtstart) throw new LineError(lineOf(e), `Event ${uid} has no DTSTART`);
  const [start] = readTimes(dtstart, resolveZone);
  const dtend = e.getFirstProperty('dtend');
  const duration = e.getFirstProperty('duration');
  let length = { days: start.dateOnly ? 1 : 0, ms: 0 };
  if (dtend && duration) throw new LineError(lineOf(duration), `Event ${uid} has both DTEND and DURATION`);
  if (dtend) {
    const [end] = readTimes(dtend, resolveZone);
    if (end.dateOnly !== start.dateOnly) throw new LineError(lineOf(dtend), 'DTEND must be a date when DTSTART is a date, and a date-time when DTSTART is one');
    const ms = toInstant(end, libraryZone).getTime() - toInstant(start, libraryZone).getTime();
    if (ms < 0) throw new LineError(lineOf(dtend), `Event ${uid} ends before it starts`);
    length = start.dateOnly ? { days: Math.round(ms / 86_400_000), ms: 0 } : { days: 0, ms };
  } else if (duration) length = readDuration(duration);

  const status = textOf(e, 'status').toUpperCase();
  const klass = textOf(e, 'class').toUpperCase();
  const rrule = e.getFirstProperty('rrule');
  const recurrenceId = e.getFirstProperty('recurrence-id');
  return {
    uid,
    line: lineOf(e),
    start,
    length,
    details: {
      title: textOf(e, 'summary'),
      description: textOf(e, 'description'),
      location: textOf(e, 'location'),
      categories: listOf(e, 'categories'),
      audience: listOf(e, 'x-audience'),
      capacity: readCount(e, 'x-capacity'),
      registrations: readCount(e, 'x-registrations'),
      waitlist: readCount(e, 'x-waitlist'),
      presenter: textOf(e, 'x-presenter'),
      visibility: klass === 'PRIVATE' || klass === 'CONFIDENTIAL' ? 'private' : 'public',
      status: status === 'CANCELLED' ? 'cancelled' : status === 'TENTATIVE' ? 'tentative' : 'confirmed',
    },
    rrule: rrule && { value: valuesOf(rrule, ['recur'])[0] ?? '', line: lineOf(rrule) },
    rdates: e.getAllProperties('rdate').flatMap((p) => readTimes(p, resolveZone)),
    exdates: e.getAllProperties('exdate').flatMap((p) => readTimes(p, resolveZone)),
    recurrenceId: recurrenceId ? readTimes(recurrenceId, resolveZone)[0] : null,
  };
}

function activityOf(f: EventFacts, occurrence: string, startsAt: Date, length: { days: number; ms: number }, zone: string): CalendarActivity {
  const endsAt = length.days ? DateTime.fromJSDate(startsAt, { zone }).plus({ days: length.days }).toJSDate() : new Date(startsAt.getTime() + length.ms);
  const ref = `UID ${f.uid}${occurrence ? ` on ${occurrence.slice(0, 10)}` : ''} (line ${f.line})`;
  return { ref, sourceUid: f.uid, occurrence, startsAt, endsAt, allDay: f.start.dateOnly, ...f.details };
}

/** An override (RECURRENCE-ID) replaces the occurrence; properties it leaves out come from the series. */
function mergeOverride(series: EventFacts, o: EventFacts): EventFacts {
  const [s, d] = [series.details, o.details];
  const details: Details = {
    title: d.title || s.title,
    description: d.description || s.description,
    location: d.location || s.location,
    categories: d.categories.length ? d.categories : s.categories,
    audience: d.audience.length ? d.audience : s.audience,
    capacity: d.capacity ?? s.capacity,
    registrations: d.registrations ?? s.registrations,
    waitlist: d.waitlist ?? s.waitlist,
    presenter: d.presenter || s.presenter,
    visibility: s.visibility === 'private' ? 'private' : d.visibility,
    status: s.status === 'cancelled' ? 'cancelled' : d.status,
  };
  return { ...o, details };
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

  const calendar = parseCalendar(text, errors);
  if (!calendar || errors.length) return result();
  const resolveZone = zoneResolver(calendar, zone);

  const series = new Map<string, EventFacts>();
  const overrides = new Map<string, EventFacts[]>();
  for (const e of calendar.getAllSubcomponents('vevent')) {
    try {
      const f = readEvent(e, resolveZone, zone);
      if (f.recurrenceId) overrides.set(f.uid, [...(overrides.get(f.uid) ?? []), f]);
      else if (series.has(f.uid)) errors.push({ line: f.line, message: `UID ${f.uid} is used by two events (lines ${series.get(f.uid)!.line} and ${f.line})` });
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
