import { BROADCAST_STATUSES, BroadcastStatus, checkTransition, isBooking, isEditable } from './broadcast-status';

const allSet = { openRequiredItems: [], hasStreamKey: true };

describe('broadcast lifecycle', () => {
  const allowed: [BroadcastStatus, BroadcastStatus][] = [
    ['draft', 'scheduled'],
    ['draft', 'cancelled'],
    ['scheduled', 'draft'],
    ['scheduled', 'ready'],
    ['scheduled', 'cancelled'],
    ['ready', 'scheduled'],
    ['ready', 'live'],
    ['ready', 'cancelled'],
    ['live', 'ended'],
    ['live', 'failed'],
    ['ended', 'published'],
  ];

  it.each(allowed)('%s → %s is allowed', (from, to) => {
    expect(checkTransition(from, to, allSet)).toEqual({ ok: true });
  });

  const refused = BROADCAST_STATUSES.flatMap((from) => BROADCAST_STATUSES.map((to) => [from, to] as [BroadcastStatus, BroadcastStatus])).filter(
    ([from, to]) => !allowed.some(([f, t]) => f === from && t === to),
  );

  it.each(refused)('%s → %s is refused with a reason', (from, to) => {
    const verdict = checkTransition(from, to, allSet);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(from === to ? /already/ : /cannot become/);
  });

  it('has 64 pairs of statuses, 11 of them allowed', () => {
    expect(refused.length + allowed.length).toBe(64);
  });

  it.each([
    [{ openRequiredItems: ['Sound check'], hasStreamKey: true }, 'Not ready yet: tick the required checklist items (Sound check).'],
    [{ openRequiredItems: [], hasStreamKey: false }, 'Not ready yet: create a stream key.'],
    [
      { openRequiredItems: ['Sound check', 'Stream test'], hasStreamKey: false },
      'Not ready yet: tick the required checklist items (Sound check, Stream test) and create a stream key.',
    ],
  ])('ready needs the checklist done and a stream key: %j', (facts, reason) => {
    expect(checkTransition('scheduled', 'ready', facts)).toEqual({ ok: false, reason });
  });

  it('only gates ready on the checklist and key', () => {
    expect(checkTransition('draft', 'scheduled', { openRequiredItems: ['x'], hasStreamKey: false })).toEqual({ ok: true });
    expect(checkTransition('ready', 'cancelled', { openRequiredItems: ['x'], hasStreamKey: false })).toEqual({ ok: true });
  });

  it('names the way out of a final status', () => {
    expect(checkTransition('published', 'draft', allSet)).toEqual({ ok: false, reason: 'A published broadcast cannot become draft. published is a final status.' });
    expect(checkTransition('draft', 'live', allSet)).toEqual({ ok: false, reason: 'A draft broadcast cannot become live. From draft it can go to: scheduled, cancelled.' });
  });

  it.each([
    ['draft', true, true],
    ['scheduled', true, true],
    ['ready', true, true],
    ['live', true, false],
    ['ended', true, false],
    ['published', true, false],
    ['cancelled', false, false],
    ['failed', false, false],
  ] as const)('%s: holds its resources %s, editable %s', (status, booking, editable) => {
    expect(isBooking(status)).toBe(booking);
    expect(isEditable(status)).toBe(editable);
  });
});
