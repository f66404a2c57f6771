import { Activity } from './year-plan.api';
import { filterActivities, monthWeeks, optionsOf, step, verdictOf, weekDays } from './calendar-views';

const activity = (over: Partial<Activity> & { qualifies?: boolean; confirm?: string[]; overridden?: boolean } = {}): Activity =>
  ({
    id: over.id ?? 'a',
    title: over.title ?? 'Lezing',
    start: over.start ?? '2027-02-09T13:00:00.000Z',
    end: '2027-02-09T14:30:00.000Z',
    allDay: false,
    room: over.room ?? { id: 'r1', name: 'Zaal 1', streamingEquipped: false },
    audience: over.audience ?? ['Senioren'],
    category: over.category ?? ['Lezing'],
    qualification: {
      qualifies: over.qualifies ?? true,
      needsConfirmation: over.confirm ?? [],
      overridden: over.overridden ?? false,
    },
  }) as unknown as Activity;

describe('year plan views', () => {
  it.each([
    ['qualifies', activity(), 'qualifies'],
    ['qualifies once consent is confirmed', activity({ confirm: ['rights'] }), 'confirm'],
    ['a team decision settles what was to confirm', activity({ confirm: ['rights'], overridden: true }), 'qualifies'],
    ['does not qualify', activity({ qualifies: false, confirm: ['rights'] }), 'not'],
  ])('verdict: %s', (_name, a, verdict) => {
    expect(verdictOf(a)).toBe(verdict);
  });

  it('filters by verdict, room, category and audience (case-insensitive)', () => {
    const items = [
      activity({ id: '1' }),
      activity({ id: '2', confirm: ['rights'], room: { id: 'r2', name: 'Zaal 2', streamingEquipped: true } }),
      activity({ id: '3', qualifies: false, audience: ['Peuters'], category: ['Voorlezen'] }),
    ];
    const ids = (f: Partial<Parameters<typeof filterActivities>[1]>) =>
      filterActivities(items, { verdict: '', room: '', category: '', audience: '', ...f }).map((a) => a.id);
    expect(ids({})).toEqual(['1', '2', '3']);
    expect(ids({ verdict: 'qualifies' })).toEqual(['1', '2']);
    expect(ids({ verdict: 'confirm' })).toEqual(['2']);
    expect(ids({ verdict: 'not' })).toEqual(['3']);
    expect(ids({ room: 'r2' })).toEqual(['2']);
    expect(ids({ category: 'voorlezen' })).toEqual(['3']);
    expect(ids({ audience: 'SENIOREN' })).toEqual(['1', '2']);
    expect(optionsOf(items, 'audience')).toEqual(['Peuters', 'Senioren']);
  });

  it('lays out a month in Monday-to-Sunday weeks, with each activity on its local day', () => {
    const weeks = monthWeeks('2027-02-09', [activity({ start: new Date(2027, 1, 9, 14).toISOString() })]);
    expect(weeks).toHaveLength(4); // February 2027 starts on a Monday and has 28 days
    expect(weeks[0][0].key).toBe('2027-02-01');
    expect(weeks[3][6].key).toBe('2027-02-28');
    expect(weeks[1][1].items.map((a) => a.title)).toEqual(['Lezing']);

    const april = monthWeeks('2027-04-01', []);
    expect(april[0][0]).toMatchObject({ key: '2027-03-29', inMonth: false });
    expect(april.at(-1)!.at(-1)).toMatchObject({ key: '2027-05-02', inMonth: false });
  });

  it('gives the week of a day and steps by weeks and months', () => {
    expect(weekDays('2027-02-11', []).map((d) => d.key)).toEqual(['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13', '2027-02-14']);
    expect(step('2027-02-11', 'week', 1)).toBe('2027-02-18');
    expect(step('2027-01-31', 'month', 1)).toBe('2027-02-01');
    expect(step('2027-01-15', 'month', -1)).toBe('2026-12-01');
  });
});
