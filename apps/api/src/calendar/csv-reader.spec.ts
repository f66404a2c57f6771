import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ReadOptions } from './calendar-file';
import { readCalendarFile } from './read-calendar';

const AMS = 'Europe/Amsterdam';
const options: ReadOptions = {
  year: 2026,
  window: { from: new Date('2025-12-31T23:00:00Z'), to: new Date('2026-12-31T23:00:00Z') },
  zone: AMS,
  maxActivities: 5000,
  maxOccurrencesPerEvent: 400,
};
const local = (d: Date) => d.toLocaleString('sv-SE', { timeZone: AMS });
const read = (text: string) => readCalendarFile(Buffer.from(text), options);

describe('readCsv', () => {
  it('reads the documented columns (semicolon-separated, Dutch dates, lists)', () => {
    const r = read(readFileSync(path.join(__dirname, 'fixtures/library-2026.csv'), 'utf8'));
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('csv');
    const [webinar, craft, kingsDay] = r.activities;
    expect(webinar).toMatchObject({
      sourceUid: 'csv-ebooks-0210',
      occurrence: '',
      title: 'Webinar: e-books lenen met de app',
      location: 'Zaal 2',
      categories: ['Webinar'],
      audience: ['Senioren'],
      capacity: 25,
      registrations: 31,
      waitlist: 6,
      presenter: 'Mediacoach',
      visibility: 'public',
      status: 'confirmed',
    });
    expect(local(webinar.startsAt)).toBe('2026-02-10 14:00:00');
    expect(local(craft.startsAt)).toBe('2026-03-18 14:00:00');
    expect(craft.categories).toEqual(['Workshop', 'Kinderen']);
    expect(craft.waitlist).toBeNull();
    expect(kingsDay).toMatchObject({ allDay: true, visibility: 'internal' });
    expect(local(kingsDay.endsAt)).toBe('2026-04-28 00:00:00');
  });

  it('reads comma-separated files, offsets, a default one-hour length and a derived uid', () => {
    const r = read('Title,Start,Room\n"Lezing, met vragen",2026-06-01T17:30:00Z,Zaal 1\n');
    expect(r.errors).toEqual([]);
    const [a] = r.activities;
    expect(local(a.startsAt)).toBe('2026-06-01 19:30:00');
    expect(a.endsAt.getTime() - a.startsAt.getTime()).toBe(3_600_000);
    expect(a.title).toBe('Lezing, met vragen');
    expect(a.sourceUid).toMatch(/^csv-[0-9a-f]{24}$/);
    expect(read('Title,Start,Room\n"Lezing, met vragen",2026-06-01T17:30:00Z,Zaal 1\n').activities[0].sourceUid).toBe(a.sourceUid);
  });

  it('skips rows outside the year', () => {
    const r = read('title,start\nOud,2025-05-01 10:00\n');
    expect(r.activities).toEqual([]);
    expect(r.skipped).toEqual([{ ref: 'row on line 2 (Oud)', reason: 'falls outside 2026' }]);
  });

  it.each<[string, string, { line: number; message: RegExp }]>([
    ['a missing required column', 'title,end\nx,2026-01-01 10:00\n', { line: 1, message: /Column "start" is missing/ }],
    ['an unknown column', 'title,start,colour\nx,2026-01-01 10:00,red\n', { line: 1, message: /Unknown column "colour"/ }],
    ['a bad date', 'title,start\nok,2026-01-01 10:00\nx,next tuesday\n', { line: 3, message: /start "next tuesday" is not a date/ }],
    ['end before start', 'title,start,end\nx,2026-01-01 10:00,2026-01-01 09:00\n', { line: 2, message: /end is before start/ }],
    ['a bad number', 'title,start,capacity\nx,2026-01-01 10:00,many\n', { line: 2, message: /capacity "many" must be a whole number/ }],
    ['a bad visibility', 'title,start,visibility\nx,2026-01-01 10:00,secret\n', { line: 2, message: /visibility "secret" must be one of: public, internal, private/ }],
    ['an empty title', 'title,start\n ,2026-01-01 10:00\n', { line: 2, message: /title is empty/ }],
    ['a reused uid', 'title,start,uid\na,2026-01-01 10:00,u1\nb,2026-01-02 10:00,u1\n', { line: 3, message: /uid u1 was already used on line 2/ }],
    ['a row with too many fields', 'title,start\na,2026-01-01 10:00,extra\n', { line: 2, message: /cannot be read/ }],
    ['an unclosed quote', 'title,start\n"a,2026-01-01 10:00\n', { line: 2, message: /cannot be read: Quote Not Closed/ }],
    ['a line counted after a multi-line field', 'title,description,start\na,"two\nlines",2026-01-01 10:00\nb,,never\n', { line: 4, message: /start "never"/ }],
    ['an empty file', '', { line: 1, message: /empty/ }],
  ])('refuses %s with its line number', (_name, text, expected) => {
    expect(read(text).errors[0]).toEqual({ line: expected.line, message: expect.stringMatching(expected.message) });
  });
});
