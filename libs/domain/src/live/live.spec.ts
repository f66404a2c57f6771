import { BROADCAST_STATUSES } from '../broadcasts/broadcast-status';
import { canIngest, isPublicBroadcast, liveSlug, liveSlugIdRange, RecordingFacts, recordingNotice, retryDelayMs } from './live';

describe('canIngest', () => {
  it.each(BROADCAST_STATUSES.map((s) => [s, s === 'ready' || s === 'live']))('%s → %s', (status, ok) => {
    expect(canIngest(status)).toBe(ok);
  });
});

describe('retryDelayMs', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [6, 32_000],
    [7, 60_000],
    [100, 60_000],
    [0, 1000],
  ])('attempt %i waits %i ms', (attempt, ms) => {
    expect(retryDelayMs(attempt)).toBe(ms);
  });

  it('takes another base and ceiling', () => {
    expect(retryDelayMs(3, 250, 800)).toBe(800);
    expect(retryDelayMs(2, 250, 800)).toBe(500);
  });
});

describe('live slugs', () => {
  const id = '3F2504E0-4F89-11D3-9A0C-0305E82C3301';
  it('joins the title and the start of the id', () => {
    expect(liveSlug('Lezing: de geschiedenis van onze stad', id)).toBe('lezing-de-geschiedenis-van-onze-stad-3f2504e0');
    expect(liveSlug('!!!', id)).toBe('live-3f2504e0');
  });

  it.each([
    ['lezing-3f2504e0', { from: '3f2504e0-0000-0000-0000-000000000000', to: '3f2504e0-ffff-ffff-ffff-ffffffffffff' }],
    ['old-title-3F2504E0', { from: '3f2504e0-0000-0000-0000-000000000000', to: '3f2504e0-ffff-ffff-ffff-ffffffffffff' }],
    ['lezing', null],
    ['lezing-3f2504e', null],
    ['lezing-3f2504g0', null],
    [`${'a'.repeat(100)}-3f2504e0`, null],
  ])('%s → %j', (slug, range) => {
    expect(liveSlugIdRange(slug)).toEqual(range);
  });

  it('finds the id it was made from', () => {
    const range = liveSlugIdRange(liveSlug('Lezing', id))!;
    expect(id.toLowerCase() >= range.from && id.toLowerCase() <= range.to).toBe(true);
  });
});

describe('isPublicBroadcast', () => {
  it.each([
    [null, true],
    ['public', true],
    ['internal', false],
    ['private', false],
  ])('activity visibility %s → %s', (visibility, ok) => {
    expect(isPublicBroadcast(visibility)).toBe(ok);
  });
});

describe('recordingNotice', () => {
  const base: RecordingFacts = { assetStatus: 'ready', publicationState: 'draft', publishAt: null, publishedAt: null, publicSlug: null };
  const tz = 'Europe/Amsterdam';

  it.each([
    [null, 'none'],
    [{ ...base, assetStatus: 'rejected' }, 'none'],
    [{ ...base, assetStatus: 'failed' }, 'none'],
    [{ ...base, assetStatus: null }, 'processing'],
    [{ ...base, assetStatus: 'processing' }, 'processing'],
    [{ ...base, publicationState: 'in_review' }, 'in_review'],
    [{ ...base, publicationState: 'approved', publishAt: new Date('2026-03-12T09:00:00Z'), publicSlug: 'lezing' }, 'scheduled'],
    [{ ...base, publicationState: 'published', publishedAt: new Date('2026-03-11T09:00:00Z'), publicSlug: 'lezing' }, 'published'],
  ] as [RecordingFacts | null, string][])('%j → %s', (facts, state) => {
    expect(recordingNotice(facts, tz).state).toBe(state);
  });

  it('names the date in the library’s time zone', () => {
    const notice = recordingNotice({ ...base, publicationState: 'approved', publishAt: new Date('2026-03-12T09:00:00Z'), publicSlug: 'lezing' }, tz);
    expect(notice).toEqual({
      state: 'scheduled',
      availableAt: new Date('2026-03-12T09:00:00Z'),
      episodeSlug: 'lezing',
      message: 'This broadcast has ended. Its recording will be available from 12 March 2026 at 10:00.',
    });
  });
});
