import { expandRepeat, MAX_OCCURRENCES } from './repeat';

const AMS = 'Europe/Amsterdam';
const local = (iso: Date, zone = AMS) => iso.toLocaleString('sv-SE', { timeZone: zone }).slice(0, 16);

describe('expandRepeat', () => {
  it('keeps a weekly 10:00 slot at 10:00 Amsterdam time across the March and October DST changes', () => {
    // Saturday 21 March 2026 10:00 CET = 09:00Z; clocks go forward on 29 March.
    const first = { from: new Date('2026-03-21T09:00:00Z'), to: new Date('2026-03-21T10:00:00Z') };
    const r = expandRepeat(first, { frequency: 'weekly', count: 3 }, AMS);
    expect(r.ok && r.occurrences.map((o) => [o.from.toISOString(), local(o.from), local(o.to)])).toEqual([
      ['2026-03-21T09:00:00.000Z', '2026-03-21 10:00', '2026-03-21 11:00'],
      ['2026-03-28T09:00:00.000Z', '2026-03-28 10:00', '2026-03-28 11:00'],
      ['2026-04-04T08:00:00.000Z', '2026-04-04 10:00', '2026-04-04 11:00'],
    ]);
    const autumn = { from: new Date('2026-10-17T08:00:00Z'), to: new Date('2026-10-17T09:30:00Z') };
    const a = expandRepeat(autumn, { frequency: 'weekly', count: 2 }, AMS);
    expect(a.ok && a.occurrences.map((o) => [o.from.toISOString(), local(o.from), local(o.to)])).toEqual([
      ['2026-10-17T08:00:00.000Z', '2026-10-17 10:00', '2026-10-17 11:30'],
      ['2026-10-24T08:00:00.000Z', '2026-10-24 10:00', '2026-10-24 11:30'],
    ]);
  });

  it.each([
    ['weekly, count 4', { frequency: 'weekly', count: 4 }, ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']],
    ['every 2 weeks, count 3', { frequency: 'weekly', interval: 2, count: 3 }, ['2026-01-05', '2026-01-19', '2026-02-02']],
    ['daily until the 8th at midnight', { frequency: 'daily', until: new Date('2026-01-08T00:00:00Z') }, ['2026-01-05', '2026-01-06', '2026-01-07']],
    ['weekly until the exact start of the third', { frequency: 'weekly', until: new Date('2026-01-19T18:00:00Z') }, ['2026-01-05', '2026-01-12', '2026-01-19']],
    ['once', { frequency: 'weekly', count: 1 }, ['2026-01-05']],
  ] as const)('%s', (_, rule, days) => {
    const first = { from: new Date('2026-01-05T18:00:00Z'), to: new Date('2026-01-05T19:30:00Z') };
    const r = expandRepeat(first, { ...rule }, AMS);
    expect(r.ok && r.occurrences.map((o) => o.from.toISOString().slice(0, 10))).toEqual(days);
    expect(r.ok && r.occurrences.every((o) => o.to.getTime() - o.from.getTime() === 90 * 60_000)).toBe(true);
  });

  const first = { from: new Date('2026-01-05T18:00:00Z'), to: new Date('2026-01-05T19:00:00Z') };
  it.each([
    [{ frequency: 'weekly' }, /either a number of times/],
    [{ frequency: 'weekly', count: 2, until: new Date('2026-02-01') }, /either a number of times/],
    [{ frequency: 'weekly', count: 0 }, /at least 1/],
    [{ frequency: 'weekly', count: MAX_OCCURRENCES + 1 }, /at most 104/],
    [{ frequency: 'daily', until: new Date('2027-01-01') }, /at most 104 broadcasts; choose an earlier end date/],
    [{ frequency: 'weekly', until: new Date('2025-12-01') }, /before the first/],
    [{ frequency: 'weekly', interval: 0, count: 2 }, /interval/],
  ] as const)('refuses %j with a reason', (rule, reason) => {
    const r = expandRepeat(first, { ...rule }, AMS);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });

  it('refuses an unknown time zone', () => {
    expect(expandRepeat(first, { frequency: 'weekly', count: 2 }, 'Mars/Olympus')).toEqual({ ok: false, reason: 'Unknown time zone: Mars/Olympus.' });
  });
});
