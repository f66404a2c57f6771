import { checkPublish, instantToZoned, zonedToInstant } from './publish-form';

describe('library time', () => {
  it.each([
    ['2026-01-15T10:00', '2026-01-15T09:00:00.000Z'], // winter, UTC+1
    ['2026-07-01T10:00', '2026-07-01T08:00:00.000Z'], // summer, UTC+2
    ['2026-03-29T03:30', '2026-03-29T01:30:00.000Z'], // just after the clocks went forward
    ['2026-10-25T01:59:30', '2026-10-24T23:59:30.000Z'],
    ['2026-10-25T04:00', '2026-10-25T03:00:00.000Z'], // after the clocks went back
  ])('%s in Amsterdam is %s', (local, iso) => {
    expect(zonedToInstant(local)!.toISOString()).toBe(iso);
  });

  it.each(['', '2026-02-30T10:00', '2026-01-01', '2026-01-01T25:00', 'morgen'])('%j is no time', (text) => {
    expect(zonedToInstant(text)).toBeNull();
  });

  it('writes an instant as Amsterdam wall-clock time, and reads it back', () => {
    expect(instantToZoned(new Date('2026-07-01T08:00:05.300Z'))).toBe('2026-07-01T10:00:05');
    expect(zonedToInstant(instantToZoned(new Date('2026-12-31T23:30:00Z')))!.toISOString()).toBe('2026-12-31T23:30:00.000Z');
  });
});

describe('checkPublish', () => {
  const now = new Date('2026-05-01T10:00:00Z'); // 12:00 in Amsterdam

  it('publishes now with a visibility', () => {
    expect(checkPublish({ visibility: 'public', when: 'now', at: '' }, now, null)).toEqual({ errors: {}, request: { visibility: 'public' } });
  });

  it('schedules at an Amsterdam time, sent as an instant', () => {
    const r = checkPublish({ visibility: 'unlisted', when: 'later', at: '2026-05-01T12:00:10' }, now, null);
    expect(r.request).toEqual({ visibility: 'unlisted', publishAt: '2026-05-01T10:00:10.000Z' });
  });

  it.each([
    [{ visibility: '', when: 'now', at: '' }, null, { visibility: 'publish.visibilityRequired' }],
    [{ visibility: 'public', when: 'later', at: '' }, null, { at: 'publish.atRequired' }],
    [{ visibility: 'public', when: 'later', at: '2026-05-01T25:00' }, null, { at: 'publish.atInvalid' }],
    [{ visibility: 'public', when: 'later', at: '2026-05-01T12:00' }, null, { at: 'publish.atPast' }],
    [{ visibility: 'public', when: 'later', at: '2026-06-01T12:00' }, '2026-05-20T10:00:00Z', { at: 'publish.atAfterUnpublish' }],
    [{ visibility: '', when: 'later', at: '2020-01-01T00:00' }, null, { visibility: 'publish.visibilityRequired', at: 'publish.atPast' }],
  ] as const)('%j is refused before sending', (input, unpublishAt, errors) => {
    const r = checkPublish({ ...input }, now, unpublishAt);
    expect(r).toEqual({ errors, request: null });
  });
});
