import { CalendarRead, ReadOptions } from './calendar-file';
import { readCsv } from './csv-reader';
import { readIcs } from './ics-reader';

/** Reads an iCalendar or CSV file; which one is told by its first line, not its name. */
export function readCalendarFile(bytes: Buffer, options: ReadOptions): CalendarRead {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*BEGIN:VCALENDAR/i.test(text)) return readIcs(text, options);
  if (/^\s*BEGIN:/i.test(text)) return { format: 'ics', activities: [], skipped: [], errors: [{ line: 1, message: 'An iCalendar file must start with BEGIN:VCALENDAR' }], recurringUids: [] };
  return readCsv(text, options);
}
