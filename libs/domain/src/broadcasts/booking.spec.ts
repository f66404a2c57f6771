import { anyOverlap, Booking, bookedInterval, findConflicts, overlaps } from './booking';

const t = (hhmm: string) => new Date(`2026-03-10T${hhmm}:00Z`);
const iv = (a: string, b: string) => ({ from: t(a), to: t(b) });
const booking = (kind: Booking['kind'], resourceId: string, broadcastId: string, a: string, b: string): Booking => ({ kind, resourceId, broadcastId, ...iv(a, b) });

describe('booking intervals with buffers', () => {
  it.each([
    ['10:00', '11:00', 30, 15, '09:30', '11:15'],
    ['10:00', '11:00', 0, 0, '10:00', '11:00'],
    ['23:50', '23:55', 0, 10, '23:50', '00:05'],
  ])('%s–%s with %i min set-up and %i min tear-down takes %s–%s', (start, end, setup, teardown, from, to) => {
    const got = bookedInterval(t(start), t(end), setup, teardown);
    expect(got.from.toISOString().slice(11, 16)).toBe(from);
    expect(got.to.toISOString().slice(11, 16)).toBe(to);
  });

  it.each([
    [iv('10:00', '11:00'), iv('10:30', '11:30'), true],
    [iv('10:00', '11:00'), iv('11:00', '12:00'), false],
    [iv('10:00', '11:00'), iv('09:00', '10:00'), false],
    [iv('10:00', '11:00'), iv('10:15', '10:45'), true],
    [iv('10:00', '11:00'), iv('09:00', '12:00'), true],
    [iv('10:00', '11:00'), iv('10:59', '11:01'), true],
  ])('%j and %j overlap: %s', (a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });

  it('back-to-back slots clash once buffers are added', () => {
    const first = bookedInterval(t('10:00'), t('11:00'), 30, 15);
    const second = bookedInterval(t('11:00'), t('12:00'), 30, 15);
    expect(overlaps(iv('10:00', '11:00'), iv('11:00', '12:00'))).toBe(false);
    expect(overlaps(first, second)).toBe(true);
  });
});

describe('findConflicts', () => {
  const existing = [
    booking('room', 'zaal', 'b1', '09:30', '11:15'),
    booking('crew', 'anna', 'b1', '09:30', '11:15'),
    booking('equipment', 'cam1', 'b2', '13:00', '15:00'),
    booking('room', 'studio', 'b3', '10:00', '11:00'),
  ];

  it.each([
    ['another room at the same time', [booking('room', 'foyer', 'new', '10:00', '11:00')], []],
    ['the same room later the same day', [booking('room', 'zaal', 'new', '11:15', '12:00')], []],
    ['the same room, overlapping', [booking('room', 'zaal', 'new', '11:00', '12:00')], [['room', 'zaal', 'b1']]],
    ['the same person as crew', [booking('crew', 'anna', 'new', '08:00', '09:31')], [['crew', 'anna', 'b1']]],
    ['a person who is free', [booking('crew', 'bram', 'new', '10:00', '11:00')], []],
    ['the same camera', [booking('equipment', 'cam1', 'new', '14:59', '16:00')], [['equipment', 'cam1', 'b2']]],
    ['a resource id shared across kinds is not a clash', [booking('equipment', 'zaal', 'new', '10:00', '11:00')], []],
    ['its own current booking (an update)', [booking('room', 'zaal', 'b1', '10:00', '12:00')], []],
    [
      'room and crew at once',
      [booking('room', 'zaal', 'new', '10:00', '11:00'), booking('crew', 'anna', 'new', '10:00', '11:00')],
      [['crew', 'anna', 'b1'], ['room', 'zaal', 'b1']],
    ],
  ] as [string, Booking[], string[][]][])('%s', (_, wanted, expected) => {
    expect(findConflicts(wanted, existing).map((c) => [c.kind, c.resourceId, c.withBroadcastId])).toEqual(expected);
  });

  it('reports each clash once, with the interval the other broadcast holds', () => {
    const weekly = [booking('room', 'zaal', 'new', '09:00', '10:00'), booking('room', 'zaal', 'new', '11:00', '12:00')];
    expect(findConflicts(weekly, existing)).toEqual([{ kind: 'room', resourceId: 'zaal', withBroadcastId: 'b1', from: t('09:30'), to: t('11:15') }]);
  });
});

describe('anyOverlap', () => {
  it.each([
    [[iv('10:00', '11:00'), iv('11:00', '12:00')], false],
    [[iv('12:00', '13:00'), iv('10:00', '12:30')], true],
    [[iv('10:00', '11:00')], false],
    [[], false],
  ])('%j → %s', (intervals, expected) => {
    expect(anyOverlap(intervals)).toBe(expected);
  });
});
