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
    ['a TZID prefixed with a path', 'DTSTART;TZID=/softwarestudio.org/Tzfile/Europe/London:20260601T183000', '2026-06-01 19:30:00'],
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
    ['a parameter quote that is never closed', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART;TZID="Europe/Amsterdam:20260601T100000')), { line: 7, message: /Not an iCalendar line/ }],
    ['a date-time where VALUE=DATE is said', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART;VALUE=DATE:20260601T100000')), { line: 7, message: /DTSTART "20260601T100000" is not an iCalendar date/ }],
    ['an unknown zone in a folded line', ics(...event('UID:a', 'DESCRIPTION:Een lang', '  verhaal', 'DTSTART;TZID=Mars/', ' Olympus:20260601T100000')), { line: 8, message: /"Mars\/Olympus", which is not known/ }],
    ['an unknown zone on an EXDATE', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260601T100000', 'RRULE:FREQ=DAILY', 'EXDATE;TZID=Mars/Olympus:20260602T100000')), { line: 9, message: /EXDATE uses time zone "Mars\/Olympus"/ }],
    ['a bad duration', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260601T100000', 'DURATION:90 minutes')), { line: 8, message: /DURATION "90 minutes" is not an iCalendar duration/ }],
    ['a negative duration', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260601T100000', 'DURATION:-PT1H')), { line: 8, message: /DURATION must not be negative/ }],
    ['an RDATE period', ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260601T100000', 'RDATE;VALUE=PERIOD:20260608T080000Z/PT1H')), { line: 8, message: /RDATE with VALUE=PERIOD is not supported/ }],
    ['a VALUE type the reader cannot use', ics(...event('UID:a', 'SUMMARY;VALUE=INTEGER:Lezing', 'DTSTART:20260601T100000')), { line: 6, message: /SUMMARY with VALUE=INTEGER is not supported/ }],
    ['END without BEGIN', `${ics()}\r\nEND:VEVENT`, { line: 4, message: /END:VEVENT without BEGIN/ }],
  ])('%s', (_name, text, expected) => {
    const r = read(text);
    expect(r.errors[0]).toEqual({ line: expected.line, message: expect.stringMatching(expected.message) });
  });
});

describe('readIcs: values', () => {
  it('unescapes text, splits lists and reads the custom properties', () => {
    const r = read(
      ics(
        ...event(
          'UID:a',
          'SUMMARY:Voorlezen\\; met muziek\\, en zang',
          'DESCRIPTION:Regel een\\nRegel twee',
          'DTSTART;TZID=Europe/Amsterdam:20260601T100000',
          'DURATION:PT1H30M',
          'CATEGORIES:Voorlezen,Muziek',
          'CATEGORIES:Kinderen',
          'X-AUDIENCE:Ouders\\, verzorgers,Peuters',
          'X-PRESENTER:Jan\\, de verteller',
          'X-WAITLIST:',
        ),
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.activities[0]).toMatchObject({
      title: 'Voorlezen; met muziek, en zang',
      description: 'Regel een\nRegel twee',
      categories: ['Voorlezen', 'Muziek', 'Kinderen'],
      audience: ['Ouders, verzorgers', 'Peuters'],
      presenter: 'Jan, de verteller',
      waitlist: null,
    });
    expect(r.activities[0].endsAt.getTime() - r.activities[0].startsAt.getTime()).toBe(90 * 60_000);
  });

  it('expands an all-day series by date, leaving out a date-only EXDATE', () => {
    const r = read(ics(...event('UID:a', 'SUMMARY:Boekenmarkt', 'DTSTART;VALUE=DATE:20260105', 'RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE:20260112')));
    expect(r.errors).toEqual([]);
    expect(r.activities.map((a) => [local(a.startsAt), local(a.endsAt), a.allDay])).toEqual([
      ['2026-01-05 00:00:00', '2026-01-06 00:00:00', true],
      ['2026-01-19 00:00:00', '2026-01-20 00:00:00', true],
    ]);
  });

  it('adds RDATEs to a series and applies an override that moves an occurrence', () => {
    const r = read(
      ics(
        ...event('UID:a', 'SUMMARY:Taalcafé', 'DTSTART;TZID=Europe/Amsterdam:20260302T190000', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=2', 'RDATE;TZID=Europe/Amsterdam:20260401T190000'),
        ...event('UID:a', 'RECURRENCE-ID;TZID=Europe/Amsterdam:20260309T190000', 'DTSTART;TZID=Europe/Amsterdam:20260310T200000', 'DURATION:PT2H', 'LOCATION:Zaal 2'),
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.activities.map((a) => [local(a.startsAt), local(a.endsAt), a.title, a.location])).toEqual([
      ['2026-03-02 19:00:00', '2026-03-02 20:00:00', 'Taalcafé', ''],
      ['2026-03-10 20:00:00', '2026-03-10 22:00:00', 'Taalcafé', 'Zaal 2'],
      ['2026-04-01 19:00:00', '2026-04-01 20:00:00', 'Taalcafé', ''],
    ]);
  });

  it('keeps a UID exactly as written, since it identifies the activity in the next import', () => {
    const r = read(ics(...event('UID:040000008200E00074C5B7101A82E008\\,1', 'SUMMARY:x', 'DTSTART:20260601T100000')));
    expect(r.activities[0].sourceUid).toBe('040000008200E00074C5B7101A82E008\\,1');
  });

  it('does not refuse a file for a malformed value in a property it does not read', () => {
    const r = read(ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260601T100000', 'LAST-MODIFIED:gisteren', 'BEGIN:VALARM', 'TRIGGER:-PT15M', 'ACTION:DISPLAY', 'END:VALARM')));
    expect(r.errors).toEqual([]);
    expect(r.activities).toHaveLength(1);
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

  it('refuses a hostile parameter list at once instead of backtracking over it', () => {
    const started = Date.now();
    const r = read(ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260601T100000', `X-FOO${';A=a,'.repeat(40)}"`)));
    expect(r.errors).toEqual([{ line: 8, message: expect.stringMatching(/Not an iCalendar line/) }]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a very long unknown TZID at once', () => {
    const started = Date.now();
    const r = read(ics(...event('UID:a', 'SUMMARY:x', `DTSTART;TZID=${'a'.repeat(50_000)}:20260601T100000`)));
    expect(r.errors).toEqual([{ line: 7, message: expect.stringMatching(/which is not known/) }]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a file with more activities than allowed', () => {
    const r = read(ics(...event('UID:a', 'SUMMARY:x', 'DTSTART:20260101T100000', 'RRULE:FREQ=DAILY')), { maxActivities: 50 });
    expect(r.errors[0].message).toMatch(/365 activities in the year; at most 50/);
  });
});
