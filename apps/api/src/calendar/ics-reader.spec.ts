import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CalendarRead, ReadOptions } from './calendar-file';
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
const read = (text: string, o: Partial<ReadOptions> = {}): CalendarRead => readCalendarFile(Buffer.from(text), { ...options, ...o });
const ics = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR'].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'];

describe('readIcs: a realistic library year', () => {
  const result = read(readFileSync(path.join(__dirname, 'fixtures/library-2026.ics'), 'utf8'));
  const byUid = (uid: string) => result.activities.filter((a) => a.sourceUid.startsWith(uid));

  it('reads without errors and skips the event of another year', () => {
    expect(result.errors).toEqual([]);
    expect(result.format).toBe('ics');
    expect(result.skipped).toEqual([{ ref: 'UID oud-2025@centrum.bibliotheek.example (line 108)', reason: 'falls outside 2026' }]);
  });

  it('expands the weekly story time at 10:00 local all year, minus EXDATEs, with overrides applied', () => {
    const story = byUid('storytime');
    expect(story).toHaveLength(50);
    const times = new Set(story.filter((a) => !a.title.includes('Paas')).map((a) => local(a.startsAt).slice(11)));
    expect(times).toEqual(new Set(['10:00:00']));
    expect(story.map((a) => local(a.startsAt).slice(0, 10))).not.toContain('2026-04-29');
    const easter = story.find((a) => a.occurrence === '2026-04-01T08:00:00.000Z')!;
    expect(local(easter.startsAt)).toBe('2026-04-01 14:00:00');
    expect(easter.title).toBe('Voorlezen voor peuters (Paasspecial)');
    expect(easter.location).toBe('Kinderhoek');
    expect(story.find((a) => a.occurrence === '2026-07-08T08:00:00.000Z')!.status).toBe('cancelled');
    expect(story[0].description).toBe('Elke woensdag lezen we voor uit een prentenboek.\nVoor kinderen van 2 tot 4 jaar en hun ouders.');
    expect(story[0]).toMatchObject({ categories: ['Voorlezen', 'Kinderen'], audience: ['Peuters (2-4 jaar)'], capacity: 20, allDay: false });
    expect(story[0].endsAt.getTime() - story[0].startsAt.getTime()).toBe(45 * 60_000);
    expect(result.recurringUids).toContain('storytime-2026@centrum.bibliotheek.example');
  });

  it('moves a series given in UTC to the library zone: 14:00 local in winter and summer', () => {
    const digid = byUid('digid');
    expect(digid).toHaveLength(10);
    expect(new Set(digid.map((a) => local(a.startsAt).slice(11)))).toEqual(new Set(['14:00:00']));
    expect(digid[0]).toMatchObject({ capacity: 30, registrations: 30, waitlist: 14, presenter: 'Digisterker', location: 'Zaal 1' });
  });

  it('keeps private and cancelled events, marked as such', () => {
    expect(byUid('team-overleg')[0].visibility).toBe('private');
    expect(byUid('concert')[0].status).toBe('cancelled');
  });

  it('reads an all-day event over several days', () => {
    const [week] = byUid('boekenweek');
    expect(week.allDay).toBe(true);
    expect(local(week.startsAt)).toBe('2026-03-07 00:00:00');
    expect(local(week.endsAt)).toBe('2026-03-16 00:00:00');
  });

  it('unescapes text', () => {
    expect(byUid('auteur')[0].title).toBe('Auteur in gesprek: Hella Haasse, herlezen');
  });
});

describe('readIcs: time zones', () => {
  it.each([
    ['an IANA TZID', 'DTSTART;TZID=Europe/Amsterdam:20260601T193000', '2026-06-01 19:30:00'],
    ['a prefixed TZID', 'DTSTART;TZID=/mozilla.org/20050126_1/Europe/Amsterdam:20260601T193000', '2026-06-01 19:30:00'],
    ['UTC', 'DTSTART:20260601T173000Z', '2026-06-01 19:30:00'],
    ['floating time (read in the library zone)', 'DTSTART:20260601T193000', '2026-06-01 19:30:00'],
    ['another zone', 'DTSTART;TZID=Europe/London:20260601T183000', '2026-06-01 19:30:00'],
  ])('reads %s', (_name, dtstart) => {
    const r = read(ics(...event('UID:a', 'SUMMARY:Lezing', dtstart)));
    expect(r.errors).toEqual([]);
    expect(local(r.activities[0].startsAt)).toBe('2026-06-01 19:30:00');
  });

  it('maps a Windows zone name defined by a VTIMEZONE with the library offsets', () => {
    const r = read(
      ics(
        'BEGIN:VTIMEZONE',
        'TZID:W. Europe Standard Time',
        'BEGIN:STANDARD',
        'DTSTART:16010101T030000',
        'TZOFFSETFROM:+0200',
        'TZOFFSETTO:+0100',
        'END:STANDARD',
        'BEGIN:DAYLIGHT',
        'DTSTART:16010101T020000',
        'TZOFFSETFROM:+0100',
        'TZOFFSETTO:+0200',
        'END:DAYLIGHT',
        'END:VTIMEZONE',
        ...event('UID:a', 'SUMMARY:Lezing', 'DTSTART;TZID="W. Europe Standard Time":20260601T193000'),
      ),
    );
    expect(r.errors).toEqual([]);
    expect(local(r.activities[0].startsAt)).toBe('2026-06-01 19:30:00');
  });
});

describe('readIcs: broken files are refused with line numbers', () => {
  it.each<[string, string, { line: number; message: RegExp }]>([
    ['a line that is not a content line', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260601T100000', 'this is not ical')), { line: 8, message: /Not an iCalendar line/ }],
    ['an unclosed event', ics('BEGIN:VEVENT', 'UID:a', 'DTSTART:20260601T100000'), { line: 6, message: /END:VCALENDAR closes BEGIN:VEVENT of line 3/ }],
    ['a bad date', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:2026-06-01')), { line: 7, message: /DTSTART "2026-06-01" is not an iCalendar date/ }],
    ['an impossible date', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260231T100000')), { line: 7, message: /not a real date/ }],
    ['end before start', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260601T100000', 'DTEND:20260601T090000')), { line: 8, message: /ends before it starts/ }],
    ['no DTSTART', ics(...event('UID:a', 'SUMMARY:x')), { line: 3, message: /has no DTSTART/ }],
    ['no UID', ics(...event('SUMMARY:x', 'DTSTART:20260601T100000')), { line: 3, message: /no UID/ }],
    ['an unknown zone', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART;TZID=Mars/Olympus:20260601T100000')), { line: 7, message: /time zone "Mars\/Olympus", which is not known/ }],
    ['a broken RRULE', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260601T100000', 'RRULE:FREQ=WEEKLY;BYDAY=XX')), { line: 8, message: /BYDAY=XX is not valid/ }],
    ['a rule that never occurs', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260601T100000', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31')), { line: 8, message: /never occurs/ }],
    ['a bad number', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260601T100000', 'X-CAPACITY:lots')), { line: 8, message: /X-CAPACITY "lots" must be a whole number/ }],
    ['a reused UID', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260601T100000'), ...event('UID:a', 'SUMMARY:y', 'DTSTART:20260602T100000')), { line: 9, message: /UID a is used by two events \(lines 3 and 9\)/ }],
    ['text that is not a calendar', 'BEGIN:VCARD\r\nEND:VCARD', { line: 1, message: /must start with BEGIN:VCALENDAR/ }],
  ])('%s', (_name, text, expected) => {
    const r = read(text);
    expect(r.errors[0]).toEqual({ line: expected.line, message: expect.stringMatching(expected.message) });
  });
});

describe('readIcs: limits', () => {
  it('skips a rule that repeats every second instead of expanding it', () => {
    const r = read(ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260601T100000', 'RRULE:FREQ=SECONDLY')));
    expect(r.errors).toEqual([]);
    expect(r.activities).toEqual([]);
    expect(r.skipped).toEqual([{ ref: 'UID a (line 3)', reason: expect.stringMatching(/repeats secondly/) }]);
  });

  it('caps an endless daily rule and says so', () => {
    const r = read(ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260101T100000', 'RRULE:FREQ=DAILY')), { maxOccurrencesPerEvent: 100 });
    expect(r.activities).toHaveLength(100);
    expect(r.skipped[0].reason).toMatch(/only the first 100 were imported/);
  });

  it('refuses a file with more activities than allowed', () => {
    const r = read(ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260101T100000', 'RRULE:FREQ=DAILY')), { maxActivities: 50 });
    expect(r.errors[0].message).toMatch(/365 activities in the year; at most 50/);
  });
});
