import type { Role } from '../auth/roles';
import type { AssetStatus } from '../media/asset-status';
import {
  allowedPublicationActions,
  assetNotReadyReason,
  decidePublication,
  isOnPublicSite,
  PUBLICATION_STATES,
  PublicationFacts,
  PublicationRequest,
  PublicationState,
  scheduleChanges,
} from './publication';

const now = new Date('2026-03-02T09:00:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const facts = (state: PublicationState, more: Partial<PublicationFacts> = {}): PublicationFacts => ({
  state,
  visibility: null,
  publishAt: null,
  unpublishAt: null,
  assetStatus: 'ready',
  ...more,
});
const producer = { roles: ['producer'] as Role[] };
const editor = { roles: ['editor'] as Role[] };
const admin = { roles: ['admin'] as Role[] };
const planner = { roles: ['planner'] as Role[] };

describe('publication: who may do what', () => {
  it.each<[string, PublicationRequest, PublicationState, { roles: Role[] }, boolean]>([
    ['producer submits a draft', { action: 'submit' }, 'draft', producer, true],
    ['editor cannot submit', { action: 'submit' }, 'draft', editor, false],
    ['planner cannot submit', { action: 'submit' }, 'draft', planner, false],
    ['admin may submit', { action: 'submit' }, 'draft', admin, true],
    ['editor approves', { action: 'approve' }, 'in_review', editor, true],
    ['producer cannot approve', { action: 'approve' }, 'in_review', producer, false],
    ['editor rejects', { action: 'reject', comment: 'Geluid te zacht' }, 'in_review', editor, true],
    ['producer cannot reject', { action: 'reject', comment: 'x' }, 'in_review', producer, false],
    ['editor publishes', { action: 'publish', visibility: 'public' }, 'approved', editor, true],
    ['admin publishes', { action: 'publish', visibility: 'public' }, 'approved', admin, true],
    ['producer cannot publish', { action: 'publish', visibility: 'public' }, 'approved', producer, false],
    ['planner cannot publish', { action: 'publish', visibility: 'public' }, 'approved', planner, false],
    ['editor unpublishes', { action: 'unpublish' }, 'published', editor, true],
    ['producer cannot unpublish', { action: 'unpublish' }, 'published', producer, false],
    ['editor retires', { action: 'retire' }, 'published', editor, true],
    ['producer cannot retire', { action: 'retire' }, 'draft', producer, false],
  ])('%s', (_, req, state, actor, allowed) => {
    const d = decidePublication(req, facts(state), actor, now);
    expect(d.ok).toBe(allowed);
    if (!d.ok) expect(d).toMatchObject({ kind: 'forbidden', reason: expect.stringMatching(/^Only (producers|editors) \(or an admin\) may do this\.$/) });
  });
});

describe('publication: transitions', () => {
  const allowed: Array<[PublicationRequest['action'], PublicationState, PublicationState]> = [
    ['submit', 'draft', 'in_review'],
    ['submit', 'unpublished', 'in_review'],
    ['approve', 'in_review', 'approved'],
    ['reject', 'in_review', 'draft'],
    ['reject', 'approved', 'draft'],
    ['publish', 'approved', 'published'],
    ['publish', 'unpublished', 'published'],
    ['publish', 'published', 'published'],
    ['unpublish', 'published', 'unpublished'],
    ['retire', 'draft', 'retired'],
    ['retire', 'in_review', 'retired'],
    ['retire', 'approved', 'retired'],
    ['retire', 'published', 'retired'],
    ['retire', 'unpublished', 'retired'],
  ];
  const request = (action: PublicationRequest['action']): PublicationRequest =>
    action === 'reject' ? { action, comment: 'Ondertiteling ontbreekt' } : action === 'publish' ? { action, visibility: 'public' } : ({ action } as PublicationRequest);

  it.each(allowed)('%s: %s → %s', (action, from, to) => {
    const d = decidePublication(request(action), facts(from, { visibility: from === 'published' ? 'unlisted' : null }), admin, now);
    expect(d).toMatchObject({ ok: true, change: { state: to } });
  });

  const refused = (['submit', 'approve', 'reject', 'publish', 'unpublish', 'retire'] as const).flatMap((action) =>
    PUBLICATION_STATES.filter((from) => !allowed.some(([a, f]) => a === action && f === from)).map((from) => [action, from] as const),
  );
  it.each(refused)('%s from %s is refused with the state named', (action, from) => {
    const d = decidePublication(request(action), facts(from), admin, now);
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.kind).toBe('conflict');
      expect(d.reason).toMatch(/^This episode is (a draft|waiting for review|approved|published|taken offline|retired)|not published/);
    }
  });

  it('retired is final', () => {
    expect(allowedPublicationActions(facts('retired'), ['admin'])).toEqual([]);
  });

  it.each<[PublicationRequest['action'], string | null]>([
    ['submit', 'review'],
    ['reject', 'editing'],
    ['publish', 'published'],
    ['approve', null],
    ['retire', null],
  ])('%s moves the production stage to %s', (action, stage) => {
    const from: PublicationState = action === 'submit' ? 'draft' : action === 'publish' ? 'approved' : 'in_review';
    expect(decidePublication(request(action), facts(from), admin, now)).toMatchObject({ ok: true, change: { stage } });
  });

  it('a reject needs a comment and keeps it; a new submit clears it', () => {
    expect(decidePublication({ action: 'reject', comment: '   ' }, facts('in_review'), editor, now)).toMatchObject({ ok: false, kind: 'invalid', reason: expect.stringMatching(/comment is required/) });
    expect(decidePublication({ action: 'reject', comment: ' Beeld schokt bij 1:20 ' }, facts('in_review'), editor, now)).toMatchObject({
      ok: true,
      change: { reviewComment: 'Beeld schokt bij 1:20' },
    });
    expect(decidePublication({ action: 'submit' }, facts('draft'), producer, now)).toMatchObject({ ok: true, change: { reviewComment: null } });
  });

  it('publishing marks the moment it goes live only the first time, not on a visibility change', () => {
    expect(decidePublication({ action: 'publish', visibility: 'unlisted' }, facts('approved'), editor, now)).toMatchObject({ ok: true, change: { publishedNow: true, visibility: 'unlisted' } });
    expect(decidePublication({ action: 'publish', visibility: 'public' }, facts('published', { visibility: 'unlisted' }), editor, now)).toMatchObject({
      ok: true,
      change: { publishedNow: false, visibility: 'public', state: 'published' },
    });
  });
});

describe('publication: the recording must be ready', () => {
  it.each<[AssetStatus | null, RegExp | null]>([
    ['ready', null],
    [null, /no recording yet/],
    ['uploading', /still being processed \(uploading\)/],
    ['processing', /still being processed \(processing\)/],
    ['queued', /still being processed/],
    ['rejected', /could not be used \(rejected\)/],
    ['failed', /could not be used \(failed\)/],
  ])('asset %s → %s', (status, reason) => {
    const publish = decidePublication({ action: 'publish', visibility: 'public' }, facts('approved', { assetStatus: status }), editor, now);
    const scheduled = decidePublication({ action: 'publish', visibility: 'public', publishAt: later(60) }, facts('approved', { assetStatus: status }), editor, now);
    const approve = decidePublication({ action: 'approve' }, facts('in_review', { assetStatus: status }), editor, now);
    for (const d of [publish, scheduled, approve]) {
      if (reason) expect(d).toMatchObject({ ok: false, kind: 'conflict', reason: expect.stringMatching(reason) });
      else expect(d.ok).toBe(true);
    }
    expect(assetNotReadyReason(status) === null).toBe(reason === null);
  });

  it.each<[AssetStatus | null, boolean]>([
    ['processing', true],
    ['ready', true],
    [null, false],
    ['rejected', false],
  ])('submitting with a recording that is %s: allowed %s', (status, ok) => {
    expect(decidePublication({ action: 'submit' }, facts('draft', { assetStatus: status }), producer, now).ok).toBe(ok);
  });
});

describe('publication: schedules', () => {
  it('a publish with a future time keeps the state and sets the schedule and visibility', () => {
    expect(decidePublication({ action: 'publish', visibility: 'public', publishAt: later(90) }, facts('approved'), editor, now)).toEqual({
      ok: true,
      change: { state: 'approved', visibility: 'public', publishAt: later(90), unpublishAt: null, publishedNow: false, stage: null, reviewComment: undefined },
    });
  });

  it.each<[string, PublicationRequest, PublicationFacts, RegExp]>([
    ['publish in the past', { action: 'publish', visibility: 'public', publishAt: later(-1) }, facts('approved'), /has passed/],
    ['publish exactly now', { action: 'publish', visibility: 'public', publishAt: now }, facts('approved'), /has passed/],
    ['schedule a publish of a published episode', { action: 'publish', visibility: 'public', publishAt: later(5) }, facts('published', { visibility: 'public' }), /already published/],
    ['publish after the scheduled unpublish', { action: 'publish', visibility: 'public', publishAt: later(60) }, facts('approved', { unpublishAt: later(30) }), /go offline before/],
    ['unpublish in the past', { action: 'unpublish', at: later(-5) }, facts('published'), /has passed/],
    ['unpublish before the scheduled publish', { action: 'unpublish', at: later(30) }, facts('approved', { publishAt: later(60) }), /must come after/],
    ['schedule an unpublish of an approved, unscheduled episode', { action: 'unpublish', at: later(30) }, facts('approved'), /nothing to take offline/],
    ['unpublish now while only scheduled', { action: 'unpublish' }, facts('approved', { publishAt: later(30) }), /not published/],
    ['cancel when nothing is scheduled', { action: 'cancel_schedule' }, facts('published'), /Nothing is scheduled/],
  ])('refuses to %s', (_, req, f, reason) => {
    expect(decidePublication(req, f, editor, now)).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('a time-limited publication: publish at 10:00, offline at 17:00', () => {
    const scheduled = decidePublication({ action: 'publish', visibility: 'public', publishAt: later(60) }, facts('approved'), editor, now);
    expect(scheduled.ok).toBe(true);
    const both = decidePublication({ action: 'unpublish', at: later(480) }, facts('approved', { visibility: 'public', publishAt: later(60) }), editor, now);
    expect(both).toMatchObject({ ok: true, change: { state: 'approved', publishAt: later(60), unpublishAt: later(480) } });
    const live = decidePublication({ action: 'publish', visibility: 'public' }, facts('approved', { visibility: 'public', publishAt: later(60), unpublishAt: later(480) }), 'scheduler', later(60));
    expect(live).toMatchObject({ ok: true, change: { state: 'published', publishAt: null, unpublishAt: later(480), publishedNow: true } });
  });

  it('the scheduler is not a role: it carries out what an editor scheduled, by the same state rules', () => {
    expect(decidePublication({ action: 'publish', visibility: 'public' }, facts('approved', { publishAt: now }), 'scheduler', now).ok).toBe(true);
    expect(decidePublication({ action: 'publish', visibility: 'public' }, facts('approved', { assetStatus: 'failed' }), 'scheduler', now)).toMatchObject({ ok: false, kind: 'conflict' });
    expect(decidePublication({ action: 'unpublish' }, facts('retired'), 'scheduler', now)).toMatchObject({ ok: false, kind: 'conflict' });
  });

  it.each<[string, PublicationRequest, PublicationFacts]>([
    ['reject', { action: 'reject', comment: 'nog niet' }, facts('approved', { publishAt: later(60), unpublishAt: later(90) })],
    ['retire', { action: 'retire' }, facts('published', { unpublishAt: later(60) })],
    ['cancel_schedule', { action: 'cancel_schedule' }, facts('approved', { publishAt: later(60) })],
    ['submit', { action: 'submit' }, facts('unpublished', { publishAt: later(60) })],
  ])('%s clears every schedule', (_, req, f) => {
    expect(decidePublication(req, f, admin, now)).toMatchObject({ ok: true, change: { publishAt: null, unpublishAt: null } });
  });

  it.each([
    ['nothing to nothing', { publishAt: null, unpublishAt: null }, { publishAt: null, unpublishAt: null }, [], []],
    ['new publish', { publishAt: null, unpublishAt: null }, { publishAt: later(5), unpublishAt: null }, [], ['publish@5']],
    ['moved publish', { publishAt: later(5), unpublishAt: null }, { publishAt: later(9), unpublishAt: null }, ['publish@5'], ['publish@9']],
    ['unchanged publish', { publishAt: later(5), unpublishAt: null }, { publishAt: later(5), unpublishAt: later(8) }, [], ['unpublish@8']],
    ['cancelled both', { publishAt: later(5), unpublishAt: later(8) }, { publishAt: null, unpublishAt: null }, ['publish@5', 'unpublish@8'], []],
  ] as const)('schedule changes: %s', (_, before, after, cancel, add) => {
    const label = (s: { action: string; at: Date }) => `${s.action}@${(s.at.getTime() - now.getTime()) / 60_000}`;
    const changes = scheduleChanges(before, after);
    expect(changes.cancel.map(label)).toEqual(cancel);
    expect(changes.add.map(label)).toEqual(add);
  });
});

describe('publication: buttons and the public site', () => {
  it.each<[PublicationState, Role[], Partial<PublicationFacts>, string[]]>([
    ['draft', ['producer'], {}, ['submit']],
    ['draft', ['producer'], { assetStatus: null }, []],
    ['draft', ['editor'], {}, ['retire']],
    ['in_review', ['editor'], {}, ['approve', 'reject', 'retire']],
    ['in_review', ['editor'], { assetStatus: 'processing' }, ['reject', 'retire']],
    ['approved', ['editor'], {}, ['reject', 'publish', 'retire']],
    ['approved', ['editor'], { publishAt: later(5) }, ['reject', 'publish', 'unpublish', 'retire', 'cancel_schedule']],
    ['published', ['editor'], {}, ['publish', 'unpublish', 'retire']],
    ['published', ['producer'], {}, []],
    ['unpublished', ['admin'], {}, ['submit', 'publish', 'retire']],
  ])('%s for %j %j → %j', (state, roles, more, actions) => {
    expect(allowedPublicationActions(facts(state, more), roles)).toEqual(actions);
  });

  it.each<[PublicationState, 'public' | 'unlisted' | 'internal' | null, boolean]>([
    ['published', 'public', true],
    ['published', 'unlisted', true],
    ['published', 'internal', false],
    ['approved', 'public', false],
    ['unpublished', 'public', false],
    ['retired', 'public', false],
  ])('%s + %s on the public site: %s', (state, visibility, shown) => {
    expect(isOnPublicSite(state, visibility)).toBe(shown);
  });
});
