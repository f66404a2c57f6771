import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { ACTIVITY_STATUSES, ActivityStatus, Visibility, VISIBILITIES } from '@app/domain';
import { CalendarActivity, CalendarRead, FileProblem, MAX_REPORTED_ERRORS, ReadOptions, Skipped } from './calendar-file';

/**
 * The CSV calendar format. The first row names the columns (any order, case-insensitive; `,` or `;` as the
 * separator). `title` and `start` are required. Lists (category, audience) are separated by `;` or `|`.
 *
 * - start, end: `2026-03-10T10:00`, `2026-03-10 10:00`, `10-03-2026 10:00`, with an optional offset
 *   (`+01:00`, `Z`); without one they are read in the library's zone. A date alone is an all-day activity.
 *   Without `end` a timed activity lasts one hour.
 * - capacity, registrations, waitlist: whole numbers or empty.
 * - visibility: public (default), internal or private. status: confirmed (default), tentative or cancelled.
 * - uid: the activity's id in the source system; re-imports match on it. Without it, title + start + location
 *   identify the row, so editing one of those creates a new activity.
 */
export const CSV_COLUMNS = [
  'title',
  'description',
  'start',
  'end',
  'location',
  'category',
  'audience',
  'capacity',
  'registrations',
  'waitlist',
  'presenter',
  'visibility',
  'status',
  'uid',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const ALIASES: Record<string, Column> = { room: 'location', categories: 'category' };

class RowError extends Error {}

function readTime(value: string, column: string, zone: string): { at: DateTime; dateOnly: boolean } {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return { at: DateTime.fromISO(v, { zone }), dateOnly: true };
  if (/^\d{1,2}-\d{1,2}-\d{4}$/.test(v)) return { at: DateTime.fromFormat(v, 'd-M-yyyy', { zone }), dateOnly: true };
  let at = DateTime.fromISO(v.replace(' ', 'T'), { zone, setZone: true });
  if (!at.isValid) at = DateTime.fromFormat(v, 'd-M-yyyy H:mm', { zone });
  if (!at.isValid) throw new RowError(`${column} "${v}" is not a date and time like 2026-03-10 10:00`);
  return { at, dateOnly: false };
}

function readCount(value: string, column: string): number | null {
  const v = value.trim();
  if (v === '') return null;
  if (!/^\d{1,7}$/.test(v)) throw new RowError(`${column} "${v}" must be a whole number`);
  return Number(v);
}

function readChoice<T extends string>(value: string, column: string, choices: readonly T[], fallback: T): T {
  const v = value.trim().toLowerCase();
  if (v === '') return fallback;
  if (!(choices as readonly string[]).includes(v)) throw new RowError(`${column} "${value}" must be one of: ${choices.join(', ')}`);
  return v as T;
}

const listOf = (v: string) =>
  v
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function readCsv(text: string, options: ReadOptions): CalendarRead {
  const errors: FileProblem[] = [];
  const skipped: Skipped[] = [];
  const activities: CalendarActivity[] = [];
  const result = (): CalendarRead => ({ format: 'csv', activities, skipped, errors: errors.slice(0, MAX_REPORTED_ERRORS), recurringUids: [] });

  const headerLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (headerLine.match(/;/g)?.length ?? 0) > (headerLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { delimiter, info: true, skip_empty_lines: true, relax_column_count: false }) as unknown as typeof rows;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    errors.push({ line: e.lines ?? 1, message: `The CSV file cannot be read: ${e.message}` });
    return result();
  }
  if (!rows.length) {
    errors.push({ line: 1, message: 'The file is empty' });
    return result();
  }

  const header = rows[0].record.map((h) => h.trim().toLowerCase());
  const columns: Column[] = [];
  for (const h of header) {
    const c: Column | null = ALIASES[h] ?? ((CSV_COLUMNS as readonly string[]).includes(h) ? (h as Column) : null);
    if (!c) errors.push({ line: 1, message: `Unknown column "${h.slice(0, 40)}". The columns are: ${CSV_COLUMNS.join(', ')}` });
    else if (columns.includes(c)) errors.push({ line: 1, message: `Column "${c}" appears twice` });
    else columns.push(c);
  }
  for (const required of ['title', 'start'] as const) {
    if (!columns.includes(required)) errors.push({ line: 1, message: `Column "${required}" is missing. The columns are: ${CSV_COLUMNS.join(', ')}` });
  }
  if (errors.length) return result();

  const seen = new Map<string, number>();
  let previousEnd = rows[0].info.lines;
  for (const { record, info } of rows.slice(1)) {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    const row = Object.fromEntries(columns.map((c, i) => [c, record[i] ?? ''])) as Record<Column, string>;
    try {
      const title = (row.title ?? '').trim();
      if (!title) throw new RowError('title is empty');
      if (!row.start?.trim()) throw new RowError('start is empty');
      const start = readTime(row.start, 'start', options.zone);
      let end = row.end?.trim() ? readTime(row.end, 'end', options.zone) : null;
      if (end && end.dateOnly !== start.dateOnly) throw new RowError('start and end must both be dates, or both dates with a time');
      if (!end) end = { at: start.dateOnly ? start.at.plus({ days: 1 }) : start.at.plus({ hours: 1 }), dateOnly: start.dateOnly };
      else if (end.dateOnly) end = { at: end.at.plus({ days: 1 }), dateOnly: true };
      if (end.at < start.at) throw new RowError('end is before start');
      const location = (row.location ?? '').trim();
      const uid = (row.uid ?? '').trim() || `csv-${createHash('sha256').update(`${title}\n${start.at.toISO()}\n${location}`).digest('hex').slice(0, 24)}`;
      if (seen.has(uid)) throw new RowError(`uid ${uid} was already used on line ${seen.get(uid)}`);
      seen.set(uid, line);
      const activity: CalendarActivity = {
        ref: `row on line ${line} (${title.slice(0, 60)})`,
        sourceUid: uid,
        occurrence: '',
        title,
        description: (row.description ?? '').trim(),
        startsAt: start.at.toJSDate(),
        endsAt: end.at.toJSDate(),
        allDay: start.dateOnly,
        location,
        categories: listOf(row.category ?? ''),
        audience: listOf(row.audience ?? ''),
        capacity: readCount(row.capacity ?? '', 'capacity'),
        registrations: readCount(row.registrations ?? '', 'registrations'),
        waitlist: readCount(row.waitlist ?? '', 'waitlist'),
        presenter: (row.presenter ?? '').trim(),
        visibility: readChoice<Visibility>(row.visibility ?? '', 'visibility', VISIBILITIES, 'public'),
        status: readChoice<ActivityStatus>(row.status ?? '', 'status', ACTIVITY_STATUSES, 'confirmed'),
      };
      if (activity.startsAt >= options.window.from && activity.startsAt < options.window.to) activities.push(activity);
      else skipped.push({ ref: activity.ref, reason: `falls outside ${options.year}` });
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      errors.push({ line, message: err.message });
    }
  }
  if (activities.length > options.maxActivities) {
    errors.push({ line: 1, message: `The file holds ${activities.length} activities in the year; at most ${options.maxActivities} can be imported at once. Split the file.` });
  }
  return result();
}
