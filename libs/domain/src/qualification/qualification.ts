/**
 * Which calendar activities qualify for livestreaming, and why. Hard gates decide eligibility; a weighted
 * score (0–100) ranks the eligible ones. Every gate and criterion carries a reason a librarian can read.
 */

export const VISIBILITIES = ['public', 'internal', 'private'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const ACTIVITY_STATUSES = ['confirmed', 'tentative', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const RIGHTS_CONSENTS = ['unknown', 'confirmed', 'refused'] as const;
export type RightsConsent = (typeof RIGHTS_CONSENTS)[number];
/** How attendees are protected on camera; null means no plan yet. */
export const CAMERA_PLANS = ['attendees_out_of_frame', 'recorded_consent'] as const;
export type CameraPlan = (typeof CAMERA_PLANS)[number];

export const CRITERIA = ['demand', 'remoteAccess', 'roomEquipped', 'crewAvailable', 'reuseValue', 'remoteSuitability'] as const;
export type CriterionName = (typeof CRITERIA)[number];
export const GATES = ['public', 'notCancelled', 'rights', 'attendeePrivacy'] as const;
export type GateName = (typeof GATES)[number];

export interface QualificationSettings {
  /** Relative weights (any non-negative numbers); the score is their weighted mean × 100. */
  weights: Record<CriterionName, number>;
  /** Minimum score for an eligible activity to qualify. */
  threshold: number;
  /** Crew members a livestream needs (a producer, maybe a camera operator). */
  crewNeeded: number;
}

export const DEFAULT_QUALIFICATION_SETTINGS: QualificationSettings = {
  weights: { demand: 25, remoteAccess: 20, roomEquipped: 15, crewAvailable: 15, reuseValue: 10, remoteSuitability: 15 },
  threshold: 50,
  crewNeeded: 1,
};

export interface QualificationInput {
  title: string;
  description: string;
  categories: string[];
  audience: string[];
  visibility: Visibility;
  status: ActivityStatus;
  rightsConsent: RightsConsent;
  /** null: judged from the category and title. */
  audienceParticipation: boolean | null;
  cameraPlan: CameraPlan | null;
  /** The activity's own capacity, else the room's. */
  capacity: number | null;
  registrations: number | null;
  waitlist: number | null;
  /** null: the activity has no room. */
  roomStreamingEquipped: boolean | null;
  /** Crew members free at that time; null: unknown. */
  crewFree: number | null;
  override: { qualifies: boolean; note: string } | null;
}

export type GateStatus = 'passed' | 'failed' | 'needs_confirmation';

export interface GateResult {
  name: GateName;
  /** false only when the gate fails; a gate that needs confirmation does not block. */
  passed: boolean;
  status: GateStatus;
  reason: string;
}

export interface CriterionResult {
  name: CriterionName;
  weight: number;
  /** 0..1 */
  value: number;
  reason: string;
}

export interface Qualification {
  /** No gate failed. */
  eligible: boolean;
  score: number;
  threshold: number;
  /** The verdict: the staff override if there is one, else eligible and score ≥ threshold. */
  qualifies: boolean;
  /** Gates that pass only once someone confirms (e.g. the presenter's consent). */
  needsConfirmation: GateName[];
  overridden: boolean;
  gates: GateResult[];
  criteria: CriterionResult[];
}

type Keywords = readonly string[];

/** Audiences for whom watching from home matters most (Dutch and English; matched as word prefixes). */
const HIGH_REMOTE_AUDIENCES: Keywords = ['senior', 'ouderen', '65+', '55+', 'ouders', 'parent', 'opvoed', 'homebound', 'housebound', 'aan huis gebonden', 'mantelzorg', 'carer', 'caregiver', 'slechtziend', 'visually impaired', 'beperking', 'disab', 'chronisch'];
const MEDIUM_REMOTE_AUDIENCES: Keywords = ['volwassen', 'adult', 'iedereen', 'all ages', 'alle leeftijden', 'everyone', 'algemeen', 'general', 'student', 'werkzoek', 'jobseek', 'nieuwkomer', 'newcomer', 'anderstalig'];
export const CHILD_AUDIENCES: Keywords = ['kind', 'child', 'kids', 'jeugd', 'youth', 'peuter', 'toddler', 'kleuter', 'baby', "baby's", 'dreumes', 'tiener', 'teen', 'jongeren', 'scholier', 'pupil', 'gezin', 'famil'];
const PARTICIPATION: Keywords = ['workshop', 'hands-on', 'knutsel', 'craft', 'maker', 'spel', 'game', 'quiz', 'taalcafé', 'taalcafe', 'conversation', 'discussiegroep', 'leesclub', 'book club', 'bookclub', 'repair', 'reparatie', 'lego', 'coding', 'programmeer', 'oefen', 'practice', 'dans', 'dance', 'yoga', 'zing', 'sing'];
const LECTURE: Keywords = ['lezing', 'lecture', 'webinar', 'talk', 'presentatie', 'presentation', 'interview', 'debat', 'debate', 'voordracht', 'informatiebijeenkomst', 'information session', 'schrijver', 'author', 'auteur', 'boekpresentatie', 'book launch', 'gesprek', 'symposium', 'college', 'uitleg', 'spreekuur uitleg'];
const PERFORMANCE: Keywords = ['concert', 'voorstelling', 'performance', 'theater', 'theatre', 'voorlees', 'story', 'verhal', 'film', 'muziek', 'music', 'poëzie', 'poetry'];
const SOCIAL: Keywords = ['café', 'cafe', 'taalcafé', 'taalcafe', 'koffie', 'meetup', 'ontmoet', 'borrel', 'spreekuur', 'inloop', 'drop-in', 'feest', 'party'];
const HANDS_ON: Keywords = ['workshop', 'hands-on', 'knutsel', 'craft', 'maker', 'lego', 'repair', 'reparatie', 'spel', 'game', 'escape', 'dans', 'dance', 'yoga'];
/** Topics people look up again later: a recording is a self-help guide. */
const EVERGREEN: Keywords = ['digid', 'digitaal', 'digital', 'computer', 'smartphone', 'tablet', 'internet', 'e-book', 'ebook', 'luisterboek', 'audiobook', 'app', 'online', 'uitleg', 'how to', 'how-to', 'hoe werkt', 'cursus', 'course', 'tutorial', 'stappen', 'belasting', 'tax', 'formulier', 'geldzaken', 'money', 'pensioen', 'gezondheid', 'health', 'veilig', 'safety', 'phishing', 'solliciteren', 'job application', 'cv', 'stamboom', 'genealog', 'bibliotheek online'];

function normalise(s: string): string {
  return s.toLowerCase().normalize('NFKC');
}

const escapeRegExp = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patterns = new Map<string, RegExp>();

/** Keywords found in `text` at the start of a word (keywords under four letters only as whole words). */
function matches(text: string, keywords: Keywords): string[] {
  const t = normalise(text);
  return keywords.filter((k) => {
    let re = patterns.get(k);
    if (!re) {
      re = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(k)}${k.length < 4 ? '($|[^\\p{L}\\p{N}])' : ''}`, 'u');
      patterns.set(k, re);
    }
    return re.test(t);
  });
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const list = (xs: string[]) => xs.slice(0, 3).join(', ');

export function isForChildren(audience: string[], categories: string[]): boolean {
  return matches([...audience, ...categories].join(' | '), CHILD_AUDIENCES).length > 0;
}

export function qualify(a: QualificationInput, settings: QualificationSettings = DEFAULT_QUALIFICATION_SETTINGS): Qualification {
  const gates = [publicGate(a), cancelledGate(a), rightsGate(a), privacyGate(a)];
  const criteria = [demand(a), remoteAccess(a), roomEquipped(a), crewAvailable(a, settings.crewNeeded), reuseValue(a), remoteSuitability(a)].map(
    (c): CriterionResult => ({ ...c, weight: settings.weights[c.name] ?? 0, value: round2(c.value) }),
  );
  const totalWeight = criteria.reduce((s, c) => s + c.weight, 0);
  const score = totalWeight > 0 ? Math.round((criteria.reduce((s, c) => s + c.weight * c.value, 0) / totalWeight) * 100) : 0;
  const eligible = gates.every((g) => g.passed);
  const computed = eligible && score >= settings.threshold;
  return {
    eligible,
    score,
    threshold: settings.threshold,
    qualifies: a.override ? a.override.qualifies : computed,
    needsConfirmation: gates.filter((g) => g.status === 'needs_confirmation').map((g) => g.name),
    overridden: a.override !== null,
    gates,
    criteria,
  };
}

function gate(name: GateName, status: GateStatus, reason: string): GateResult {
  return { name, passed: status !== 'failed', status, reason };
}

function publicGate(a: QualificationInput): GateResult {
  if (a.visibility === 'public') return gate('public', 'passed', 'Public activity');
  return gate('public', 'failed', a.visibility === 'private' ? 'Private activity: not for streaming' : 'Internal activity (staff only): not for streaming');
}

function cancelledGate(a: QualificationInput): GateResult {
  return a.status === 'cancelled' ? gate('notCancelled', 'failed', 'The activity is cancelled') : gate('notCancelled', 'passed', a.status === 'tentative' ? 'Planned (tentative)' : 'Planned');
}

function rightsGate(a: QualificationInput): GateResult {
  if (a.rightsConsent === 'confirmed') return gate('rights', 'passed', 'Presenter consent and rights confirmed');
  if (a.rightsConsent === 'refused') return gate('rights', 'failed', 'The presenter or rights holder did not agree to streaming');
  return gate('rights', 'needs_confirmation', 'Needs confirmation: ask the presenter for consent and check the rights');
}

function privacyGate(a: QualificationInput): GateResult {
  const children = isForChildren(a.audience, a.categories);
  const inferred = matches([a.title, ...a.categories].join(' | '), PARTICIPATION);
  const participation = a.audienceParticipation ?? inferred.length > 0;
  if (!children && !participation) return gate('attendeePrivacy', 'passed', 'Attendees are not on camera: no children, no audience participation');
  const why = children ? 'An activity for children' : a.audienceParticipation === null ? `Looks like audience participation (${list(inferred)})` : 'Audience participation';
  if (a.cameraPlan === 'attendees_out_of_frame') return gate('attendeePrivacy', 'passed', `${why}: camera plan keeps attendees out of frame`);
  if (a.cameraPlan === 'recorded_consent') return gate('attendeePrivacy', 'passed', `${why}: attendees' consent is recorded`);
  return gate('attendeePrivacy', 'failed', `${why}: needs a camera plan that keeps attendees out of frame, or recorded consent`);
}

type Scored = { name: CriterionName; value: number; reason: string };

function demand(a: QualificationInput): Scored {
  if (a.registrations === null && a.waitlist === null) return { name: 'demand', value: 0.5, reason: 'No registration figures: counted as average' };
  if (!a.capacity) return { name: 'demand', value: 0.5, reason: 'Capacity unknown: counted as average' };
  const wanted = (a.registrations ?? 0) + (a.waitlist ?? 0);
  const ratio = wanted / a.capacity;
  const waiting = a.waitlist ? ` (${a.waitlist} on the waiting list)` : '';
  return { name: 'demand', value: Math.min(1, ratio), reason: `${wanted} registrations${waiting} for ${a.capacity} seats: ${pct(ratio)}` };
}

function remoteAccess(a: QualificationInput): Scored {
  const text = a.audience.join(' | ');
  const high = matches(text, HIGH_REMOTE_AUDIENCES);
  if (high.length) return { name: 'remoteAccess', value: 1, reason: `Audience that benefits most from watching at home (${list(high)})` };
  if (isForChildren(a.audience, a.categories)) return { name: 'remoteAccess', value: 0.2, reason: 'Children come to the library with someone: little remote value' };
  const medium = matches(text, MEDIUM_REMOTE_AUDIENCES);
  if (medium.length) return { name: 'remoteAccess', value: 0.5, reason: `General audience (${list(medium)})` };
  return { name: 'remoteAccess', value: 0.5, reason: a.audience.length ? `Audience "${list(a.audience)}": average remote value` : 'No audience given: average remote value' };
}

function roomEquipped(a: QualificationInput): Scored {
  if (a.roomStreamingEquipped === null) return { name: 'roomEquipped', value: 0, reason: 'No room known' };
  return a.roomStreamingEquipped
    ? { name: 'roomEquipped', value: 1, reason: 'The room has a streaming kit' }
    : { name: 'roomEquipped', value: 0.25, reason: 'The room has no streaming kit: a mobile kit is needed' };
}

function crewAvailable(a: QualificationInput, needed: number): Scored {
  if (a.crewFree === null) return { name: 'crewAvailable', value: 0.5, reason: 'Crew availability unknown' };
  return { name: 'crewAvailable', value: Math.min(1, a.crewFree / needed), reason: `${a.crewFree} crew free at that time, ${needed} needed` };
}

function reuseValue(a: QualificationInput): Scored {
  const text = [a.title, a.description, ...a.categories].join(' | ');
  const evergreen = matches(text, EVERGREEN);
  if (evergreen.length) return { name: 'reuseValue', value: 1, reason: `Useful to watch again as a self-help recording (${list(evergreen)})` };
  const lecture = matches([a.title, ...a.categories].join(' | '), LECTURE);
  if (lecture.length) return { name: 'reuseValue', value: 0.6, reason: `A talk people may watch later (${list(lecture)})` };
  return { name: 'reuseValue', value: 0.2, reason: 'Mostly of value on the day' };
}

function remoteSuitability(a: QualificationInput): Scored {
  const text = [a.title, ...a.categories].join(' | ');
  const table: [Keywords, number, string][] = [
    [HANDS_ON, 0.1, 'Hands-on: hard to follow remotely'],
    [LECTURE, 1, 'A talk or webinar: follows well on screen'],
    [PERFORMANCE, 0.6, 'A performance: watchable on screen'],
    [SOCIAL, 0.3, 'A social gathering: mostly about being there'],
  ];
  for (const [keywords, value, reason] of table) {
    const found = matches(text, keywords);
    if (found.length) return { name: 'remoteSuitability', value, reason: `${reason} (${list(found)})` };
  }
  return { name: 'remoteSuitability', value: 0.5, reason: 'Format not recognised: average' };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
