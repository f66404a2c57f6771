import { CalendarTime, expandSeries, occurrenceKey, parseRule, RecurrenceError, UnsupportedRecurrence } from './recurrence';

const AMS = 'Europe/Amsterdam';
const YEAR_2026 = { from: new Date('2026-01-01T00:00:00+01:00'), to: new Date('2027-01-01T00:00:00+01:00') };

function at(s: string, zone: string | null = AMS): CalendarTime {
  const [d, t = ''] = s.split('T');
  const [year, month, day] = d.split('-').map(Number);
  const [hour = 0, minute = 0, second = 0] = t ? t.split(':').map(Number) : [];
  return { year, month, day, hour, minute, second, zone, dateOnly: !t };
}

const local = (d: Date, zone = AMS) => d.toLocaleString('sv-SE', { timeZone: zone });

describe('expandSeries', () => {
  it.each([
    ['TZID Amsterdam', at('2026-03-17T10:00'), AMS],
    ['UTC start (moved to the library zone)', at('2026-03-17T09:00', 'UTC'), AMS],
    ['floating start', at('2026-03-17T10:00', null), AMS],
  ])('keeps a weekly 10:00 story time at 10:00 local across the March DST change: %s', (_name, start) => {
    const { occurrences, capped } = expandSeries({ start, rrule: 'FREQ=WEEKLY;COUNT=4', rdates: [], exdates: [] }, YEAR_2026, AMS, 100);
    expect(capped).toBe(false);
    expect(occurrences.map((o) => local(o.start))).toEqual(['2026-03-17 10:00:00', '2026-03-24 10:00:00', '2026-03-31 10:00:00', '2026-04-07 10:00:00']);
    expect(occurrences.map((o) => o.start.toISOString())).toEqual([
      '2026-03-17T09:00:00.000Z',
      '2026-03-24T09:00:00.000Z',
      '2026-03-31T08:00:00.000Z',
      '2026-04-07T08:00:00.000Z',
    ]);
  });

  it('keeps 10:00 across the October change too, and a zone other than the library zone keeps its own wall time', () => {
    const ams = expandSeries({ start: at('2026-10-20T10:00'), rrule: 'FREQ=WEEKLY;COUNT=2', rdates: [], exdates: [] }, YEAR_2026, AMS, 10);
    expect(ams.occurrences.map((o) => local(o.start))).toEqual(['2026-10-20 10:00:00', '2026-10-27 10:00:00']);
    const ny = expandSeries({ start: at('2026-03-03T18:00', 'America/New_York'), rrule: 'FREQ=WEEKLY;COUNT=2', rdates: [], exdates: [] }, YEAR_2026, AMS, 10);
    expect(ny.occurrences.map((o) => local(o.start, 'America/New_York'))).toEqual(['2026-03-03 18:00:00', '2026-03-10 18:00:00']);
  });

  it.each([
    ['an EXDATE in the same zone', at('2026-03-24T10:00')],
    ['an EXDATE given in UTC', at('2026-03-24T09:00', 'UTC')],
  ])('leaves out %s', (_name, exdate) => {
    const { occurrences } = expandSeries({ start: at('2026-03-17T10:00'), rrule: 'FREQ=WEEKLY;COUNT=3', rdates: [], exdates: [exdate] }, YEAR_2026, AMS, 10);
    expect(occurrences.map((o) => local(o.start))).toEqual(['2026-03-17 10:00:00', '2026-03-31 10:00:00']);
  });

  it('matches an EXDATE of a UTC series by the original UTC occurrence after moving it to local time', () => {
    const start = at('2026-06-02T08:00', 'UTC');
    const { occurrences } = expandSeries({ start, rrule: 'FREQ=WEEKLY;COUNT=3', rdates: [], exdates: [at('2026-06-09T08:00', 'UTC')] }, YEAR_2026, AMS, 10);
    expect(occurrences.map((o) => o.key)).toEqual(['2026-06-02T08:00:00.000Z', '2026-06-16T08:00:00.000Z']);
  });

  it('expands all-day series by date, keyed by date, with RDATE additions', () => {
    const { occurrences } = expandSeries(
      { start: at('2026-01-05', null), rrule: 'FREQ=MONTHLY;BYDAY=1MO;COUNT=3', rdates: [at('2026-02-14', null)], exdates: [] },
      YEAR_2026,
      AMS,
      10,
    );
    expect(occurrences.map((o) => o.key)).toEqual(['2026-01-05', '2026-02-02', '2026-02-14', '2026-03-02']);
    expect(local(occurrences[0].start)).toBe('2026-01-05 00:00:00');
  });

  it('returns only occurrences in the window, also for a series that began years ago', () => {
    const { occurrences } = expandSeries({ start: at('2015-01-06T10:00'), rrule: 'FREQ=WEEKLY;BYDAY=TU', rdates: [], exdates: [] }, YEAR_2026, AMS, 1000);
    expect(occurrences).toHaveLength(52);
    expect(local(occurrences[0].start)).toBe('2026-01-06 10:00:00');
    expect(local(occurrences[51].start)).toBe('2026-12-29 10:00:00');
  });

  it('honours UNTIL in UTC and as a date', () => {
    const utc = expandSeries({ start: at('2026-03-17T10:00'), rrule: 'FREQ=WEEKLY;UNTIL=20260331T080000Z', rdates: [], exdates: [] }, YEAR_2026, AMS, 10);
    expect(utc.occurrences).toHaveLength(3);
    const date = expandSeries({ start: at('2026-03-17T10:00'), rrule: 'FREQ=DAILY;UNTIL=20260319', rdates: [], exdates: [] }, YEAR_2026, AMS, 10);
    expect(date.occurrences).toHaveLength(3);
  });

  it('caps an endless daily rule at max and says so', () => {
    const { occurrences, capped } = expandSeries({ start: at('2026-01-01T09:00'), rrule: 'FREQ=DAILY', rdates: [], exdates: [] }, YEAR_2026, AMS, 100);
    expect(capped).toBe(true);
    expect(occurrences).toHaveLength(100);
  });

  it('keys an occurrence as RECURRENCE-ID does', () => {
    expect(occurrenceKey(at('2026-03-31T10:00'), AMS)).toBe('2026-03-31T08:00:00.000Z');
    expect(occurrenceKey(at('2026-03-31T10:00', null), AMS)).toBe('2026-03-31T08:00:00.000Z');
    expect(occurrenceKey(at('2026-03-31', null), AMS)).toBe('2026-03-31');
  });
});

describe('parseRule', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=TU,TH;INTERVAL=2'],
    ['FREQ=MONTHLY;BYDAY=-1FR'],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29'],
    ['RRULE:FREQ=DAILY;COUNT=5'],
  ])('accepts %s', (rule) => {
    expect(() => parseRule(rule)).not.toThrow();
  });

  it.each([
    ['', /no FREQ|not KEY=VALUE/],
    ['FREQ=FORTNIGHTLY', /FREQ=FORTNIGHTLY is not valid/],
    ['FREQ=WEEKLY;BYDAY=XX', /BYDAY=XX is not valid/],
    ['FREQ=DAILY;BYHOUR=25', /out of range/],
    ['FREQ=WEEKLY;COUNT=3;UNTIL=20260101', /both UNTIL and COUNT/],
    ['FREQ=WEEKLY;INTERVAL=0', /INTERVAL must be at least 1/],
    ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', /never occurs/],
    ['FREQ=WEEKLY;COLOR=red', /COLOR is not known/],
    ['FREQ=WEEKLY;FREQ=DAILY', /twice/],
  ])('refuses %j', (rule, message) => {
    expect(() => parseRule(rule)).toThrow(RecurrenceError);
    expect(() => parseRule(rule)).toThrow(message);
  });

  it.each(['FREQ=SECONDLY', 'FREQ=MINUTELY;COUNT=5', 'FREQ=HOURLY'])('calls %s unsupported rather than expanding it', (rule) => {
    expect(() => parseRule(rule)).toThrow(UnsupportedRecurrence);
  });
});
