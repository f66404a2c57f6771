/** Lifecycle of a livestream broadcast. */
export const BROADCAST_STATUSES = ['draft', 'scheduled', 'ready', 'live', 'ended', 'published', 'cancelled', 'failed'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

const NEXT: Record<BroadcastStatus, readonly BroadcastStatus[]> = {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['draft', 'ready', 'cancelled'],
  ready: ['scheduled', 'live', 'cancelled'],
  live: ['ended', 'failed'],
  ended: ['published'],
  published: [],
  cancelled: [],
  failed: [],
};

/** States in which a broadcast holds its room, crew and equipment. */
export const isBooking = (status: BroadcastStatus): boolean => status !== 'cancelled' && status !== 'failed';

/** States in which the schedule, room, crew and kit may still be changed. */
export const isEditable = (status: BroadcastStatus): boolean => status === 'draft' || status === 'scheduled' || status === 'ready';

export const allowedTransitions = (from: BroadcastStatus): readonly BroadcastStatus[] => NEXT[from];

/** What the state machine needs to know about a broadcast besides its status. */
export interface TransitionFacts {
  /** Labels of required checklist items not yet done. */
  openRequiredItems: string[];
  hasStreamKey: boolean;
}

export type TransitionVerdict = { ok: true } | { ok: false; reason: string };

/** Whether a broadcast may move from one status to another, with a reason a librarian understands if not. */
export function checkTransition(from: BroadcastStatus, to: BroadcastStatus, facts: TransitionFacts): TransitionVerdict {
  if (from === to) return { ok: false, reason: `The broadcast is already ${to}.` };
  if (!NEXT[from].includes(to)) {
    const options = NEXT[from].length ? `From ${from} it can go to: ${NEXT[from].join(', ')}.` : `${from} is a final status.`;
    return { ok: false, reason: `A ${from} broadcast cannot become ${to}. ${options}` };
  }
  if (to === 'ready') {
    const missing: string[] = [];
    if (facts.openRequiredItems.length) missing.push(`tick the required checklist items (${facts.openRequiredItems.join(', ')})`);
    if (!facts.hasStreamKey) missing.push('create a stream key');
    if (missing.length) return { ok: false, reason: `Not ready yet: ${missing.join(' and ')}.` };
  }
  return { ok: true };
}
