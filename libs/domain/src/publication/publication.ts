import { hasAnyRole, Role } from '../auth/roles';
import type { AssetStatus } from '../media/asset-status';
import type { EpisodeStage } from '../series/episode-stage';

/**
 * Publishing a screencast to patrons: draft → in_review → approved → published, and unpublished or retired.
 * Producers submit, editors approve or send back with a comment, only editors (and admins) publish,
 * unpublish and retire. A publish or unpublish can be scheduled for later; the episode keeps its state
 * until the scheduled job runs.
 */
export const PUBLICATION_STATES = ['draft', 'in_review', 'approved', 'published', 'unpublished', 'retired'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** public: listed and searchable; unlisted: anyone with the link; internal: staff only. */
export const VIDEO_VISIBILITIES = ['public', 'unlisted', 'internal'] as const;
export type VideoVisibility = (typeof VIDEO_VISIBILITIES)[number];

export const PUBLICATION_ACTIONS = ['submit', 'approve', 'reject', 'publish', 'unpublish', 'retire', 'cancel_schedule'] as const;
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number];

export type PublicationRequest =
  | { action: 'submit' }
  | { action: 'approve' }
  | { action: 'reject'; comment: string }
  | { action: 'publish'; visibility: VideoVisibility; publishAt?: Date }
  | { action: 'unpublish'; at?: Date }
  | { action: 'retire' }
  | { action: 'cancel_schedule' };

/** What the rules need to know about an episode. `assetStatus` is its newest recording's status, if any. */
export interface PublicationFacts {
  state: PublicationState;
  visibility: VideoVisibility | null;
  publishAt: Date | null;
  unpublishAt: Date | null;
  assetStatus: AssetStatus | null;
}

/** Who asks: a staff member with roles, or the scheduler carrying out a time an editor chose earlier. */
export type PublicationActor = { roles: readonly Role[] } | 'scheduler';

/** The episode after the change. `publishedNow` means it goes live at this moment; `stage` moves the board card. */
export interface PublicationChange {
  state: PublicationState;
  visibility: VideoVisibility | null;
  publishAt: Date | null;
  unpublishAt: Date | null;
  publishedNow: boolean;
  stage: EpisodeStage | null;
  reviewComment: string | null | undefined;
}

export type PublicationDecision =
  | { ok: true; change: PublicationChange }
  | { ok: false; kind: 'forbidden' | 'conflict' | 'invalid'; reason: string };

const RULES: Record<PublicationAction, { from: readonly PublicationState[]; roles: readonly Role[] }> = {
  submit: { from: ['draft', 'unpublished'], roles: ['producer'] },
  approve: { from: ['in_review'], roles: ['editor'] },
  reject: { from: ['in_review', 'approved'], roles: ['editor'] },
  publish: { from: ['approved', 'unpublished', 'published'], roles: ['editor'] },
  unpublish: { from: ['approved', 'published'], roles: ['editor'] },
  retire: { from: ['draft', 'in_review', 'approved', 'published', 'unpublished'], roles: ['editor'] },
  cancel_schedule: { from: ['approved', 'published', 'unpublished'], roles: ['editor'] },
};

const STATE_WORDS: Record<PublicationState, string> = {
  draft: 'a draft',
  in_review: 'waiting for review',
  approved: 'approved',
  published: 'published',
  unpublished: 'taken offline',
  retired: 'retired',
};

const ACTION_WORDS: Record<PublicationAction, string> = {
  submit: 'submitted for review',
  approve: 'approved',
  reject: 'sent back',
  publish: 'published',
  unpublish: 'taken offline',
  retire: 'retired',
  cancel_schedule: 'have its schedule cancelled',
};

/** Why the recording cannot be published (or reviewed) yet, in words a librarian understands; null when it is ready. */
export function assetNotReadyReason(status: AssetStatus | null): string | null {
  if (status === 'ready') return null;
  if (status === null) return 'This episode has no recording yet. Upload the video first.';
  if (status === 'rejected' || status === 'failed') return `The recording could not be used (${status}). Upload a new recording first.`;
  return `The recording is still being processed (${status}). Try again when it is ready.`;
}

const deny = (kind: 'forbidden' | 'conflict' | 'invalid', reason: string): PublicationDecision => ({ ok: false, kind, reason });

/** Decides whether a publication request is allowed, and what the episode becomes. Pure: `now` is passed in. */
export function decidePublication(req: PublicationRequest, facts: PublicationFacts, actor: PublicationActor, now: Date): PublicationDecision {
  const rule = RULES[req.action];
  if (actor !== 'scheduler' && !hasAnyRole(actor.roles, rule.roles)) {
    return deny('forbidden', `Only ${rule.roles.map((r) => `${r}s`).join(' or ')} (or an admin) may do this.`);
  }
  if (!rule.from.includes(facts.state)) {
    return deny('conflict', `This episode is ${STATE_WORDS[facts.state]}, so it cannot be ${ACTION_WORDS[req.action]}.`);
  }
  const same: PublicationChange = {
    state: facts.state,
    visibility: facts.visibility,
    publishAt: facts.publishAt,
    unpublishAt: facts.unpublishAt,
    publishedNow: false,
    stage: null,
    reviewComment: undefined,
  };
  const unscheduled = { publishAt: null, unpublishAt: null };

  switch (req.action) {
    case 'submit': {
      if (facts.assetStatus === null || facts.assetStatus === 'rejected' || facts.assetStatus === 'failed') {
        return deny('conflict', assetNotReadyReason(facts.assetStatus)!);
      }
      return { ok: true, change: { ...same, ...unscheduled, state: 'in_review', stage: 'review', reviewComment: null } };
    }
    case 'approve': {
      const notReady = assetNotReadyReason(facts.assetStatus);
      if (notReady) return deny('conflict', notReady);
      return { ok: true, change: { ...same, state: 'approved' } };
    }
    case 'reject': {
      const comment = req.comment.trim();
      if (!comment) return deny('invalid', 'Say what needs to change: a comment is required when sending an episode back.');
      return { ok: true, change: { ...same, ...unscheduled, state: 'draft', stage: 'editing', reviewComment: comment } };
    }
    case 'publish': {
      const notReady = assetNotReadyReason(facts.assetStatus);
      if (notReady) return deny('conflict', notReady);
      if (req.publishAt) {
        if (facts.state === 'published') return deny('conflict', 'This episode is already published; change its visibility without a date.');
        if (req.publishAt.getTime() <= now.getTime()) return deny('invalid', 'The publication time has passed. Choose a time in the future, or leave it out to publish now.');
        if (facts.unpublishAt && facts.unpublishAt.getTime() <= req.publishAt.getTime()) {
          return deny('invalid', 'The episode is set to go offline before this publication time. Cancel or change that first.');
        }
        return { ok: true, change: { ...same, visibility: req.visibility, publishAt: req.publishAt } };
      }
      return { ok: true, change: { ...same, state: 'published', visibility: req.visibility, publishAt: null, publishedNow: facts.state !== 'published', stage: 'published' } };
    }
    case 'unpublish': {
      if (req.at) {
        if (req.at.getTime() <= now.getTime()) return deny('invalid', 'The time to take it offline has passed. Choose a time in the future, or leave it out to do it now.');
        if (facts.state === 'approved' && !facts.publishAt) return deny('conflict', 'This episode is not published or scheduled, so there is nothing to take offline.');
        if (facts.publishAt && req.at.getTime() <= facts.publishAt.getTime()) {
          return deny('invalid', 'The time to take it offline must come after the scheduled publication.');
        }
        return { ok: true, change: { ...same, unpublishAt: req.at } };
      }
      if (facts.state !== 'published') return deny('conflict', 'This episode is not published, so it cannot be taken offline now.');
      return { ok: true, change: { ...same, state: 'unpublished', unpublishAt: null } };
    }
    case 'retire':
      return { ok: true, change: { ...same, ...unscheduled, state: 'retired' } };
    case 'cancel_schedule':
      if (!facts.publishAt && !facts.unpublishAt) return deny('conflict', 'Nothing is scheduled for this episode.');
      return { ok: true, change: { ...same, ...unscheduled } };
  }
}

/** The actions this user may take now (for buttons); a reason-free summary of `decidePublication`. */
export function allowedPublicationActions(facts: PublicationFacts, roles: readonly Role[]): PublicationAction[] {
  return PUBLICATION_ACTIONS.filter((action) => {
    const rule = RULES[action];
    if (!hasAnyRole(roles, rule.roles) || !rule.from.includes(facts.state)) return false;
    if (action === 'submit') return facts.assetStatus !== null && facts.assetStatus !== 'rejected' && facts.assetStatus !== 'failed';
    if (action === 'approve' || action === 'publish') return facts.assetStatus === 'ready';
    if (action === 'unpublish') return facts.state === 'published' || facts.publishAt !== null;
    if (action === 'cancel_schedule') return facts.publishAt !== null || facts.unpublishAt !== null;
    return true;
  });
}

/** A scheduled publish or unpublish: one delayed job each, identified by episode, action and time. */
export interface ScheduledPublication {
  action: 'publish' | 'unpublish';
  at: Date;
}

/** Which scheduled jobs a change makes stale (to remove) and which it needs (to add). */
export function scheduleChanges(
  before: Pick<PublicationFacts, 'publishAt' | 'unpublishAt'>,
  after: Pick<PublicationChange, 'publishAt' | 'unpublishAt'>,
): { cancel: ScheduledPublication[]; add: ScheduledPublication[] } {
  const cancel: ScheduledPublication[] = [];
  const add: ScheduledPublication[] = [];
  for (const [action, was, will] of [
    ['publish', before.publishAt, after.publishAt],
    ['unpublish', before.unpublishAt, after.unpublishAt],
  ] as const) {
    if (was?.getTime() === will?.getTime()) continue;
    if (was) cancel.push({ action, at: was });
    if (will) add.push({ action, at: will });
  }
  return { cancel, add };
}

/** Whether patrons may see the episode without logging in: listed (`public`) or by link (`unlisted`). */
export const isOnPublicSite = (state: PublicationState, visibility: VideoVisibility | null): boolean =>
  state === 'published' && (visibility === 'public' || visibility === 'unlisted');
