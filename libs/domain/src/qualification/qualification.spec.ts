import { DEFAULT_QUALIFICATION_SETTINGS, QualificationInput, qualify } from './qualification';

const lecture: QualificationInput = {
  title: 'Lezing: zo werkt DigiD',
  description: '',
  categories: ['Lezing'],
  audience: ['Senioren'],
  visibility: 'public',
  status: 'confirmed',
  rightsConsent: 'confirmed',
  audienceParticipation: null,
  cameraPlan: null,
  capacity: 40,
  registrations: 40,
  waitlist: 12,
  roomStreamingEquipped: true,
  crewFree: 1,
  override: null,
};

const gate = (input: Partial<QualificationInput>, name: string) => qualify({ ...lecture, ...input }).gates.find((g) => g.name === name)!;
const criterion = (input: Partial<QualificationInput>, name: string) => qualify({ ...lecture, ...input }).criteria.find((c) => c.name === name)!;

describe('qualify: hard gates', () => {
  it.each<[string, Partial<QualificationInput>, string, string, RegExp]>([
    ['public activity', {}, 'public', 'passed', /Public/],
    ['private activity', { visibility: 'private' }, 'public', 'failed', /Private/],
    ['internal activity', { visibility: 'internal' }, 'public', 'failed', /Internal/],
    ['cancelled', { status: 'cancelled' }, 'notCancelled', 'failed', /cancelled/],
    ['tentative', { status: 'tentative' }, 'notCancelled', 'passed', /tentative/],
    ['consent confirmed', {}, 'rights', 'passed', /confirmed/],
    ['consent unknown', { rightsConsent: 'unknown' }, 'rights', 'needs_confirmation', /Needs confirmation/],
    ['consent refused', { rightsConsent: 'refused' }, 'rights', 'failed', /did not agree/],
    ['adults, no participation', {}, 'attendeePrivacy', 'passed', /not on camera/],
    ['children, no camera plan', { audience: ['Peuters (2-4)'] }, 'attendeePrivacy', 'failed', /children.*camera plan/],
    ['children, attendees out of frame', { audience: ['Kinderen 6-9'], cameraPlan: 'attendees_out_of_frame' }, 'attendeePrivacy', 'passed', /out of frame/],
    ['children, recorded consent', { audience: ['Kids'], cameraPlan: 'recorded_consent' }, 'attendeePrivacy', 'passed', /consent is recorded/],
    ['workshop judged as participation', { title: 'Workshop smartphone', categories: [] }, 'attendeePrivacy', 'failed', /Looks like audience participation \(workshop\)/],
    ['workshop, staff says no participation', { title: 'Workshop smartphone', audienceParticipation: false }, 'attendeePrivacy', 'passed', /not on camera/],
    ['participation set by staff', { audienceParticipation: true }, 'attendeePrivacy', 'failed', /^Audience participation/],
  ])('%s', (_name, input, name, status, reason) => {
    const g = gate(input, name);
    expect(g.status).toBe(status);
    expect(g.passed).toBe(status !== 'failed');
    expect(g.reason).toMatch(reason);
  });

  it('makes an activity ineligible when any gate fails, whatever its score', () => {
    const q = qualify({ ...lecture, visibility: 'private' });
    expect(q.score).toBeGreaterThan(80);
    expect(q.eligible).toBe(false);
    expect(q.qualifies).toBe(false);
  });

  it('keeps an activity whose consent is unknown eligible but lists what needs confirming', () => {
    const q = qualify({ ...lecture, rightsConsent: 'unknown' });
    expect(q.eligible).toBe(true);
    expect(q.qualifies).toBe(true);
    expect(q.needsConfirmation).toEqual(['rights']);
  });
});

describe('qualify: criteria', () => {
  it.each<[string, Partial<QualificationInput>, string, number, RegExp]>([
    ['demand over capacity', {}, 'demand', 1, /52 registrations \(12 on the waiting list\) for 40 seats: 130%/],
    ['half full', { registrations: 20, waitlist: 0 }, 'demand', 0.5, /20 registrations for 40 seats: 50%/],
    ['no figures', { registrations: null, waitlist: null }, 'demand', 0.5, /No registration figures/],
    ['no capacity', { capacity: null }, 'demand', 0.5, /Capacity unknown/],
    ['seniors', {}, 'remoteAccess', 1, /senior/],
    ['parents of young children', { audience: ['Ouders van jonge kinderen'] }, 'remoteAccess', 1, /ouders/],
    ['homebound', { audience: ['Homebound readers'] }, 'remoteAccess', 1, /homebound/],
    ['children', { audience: ['Kinderen'] }, 'remoteAccess', 0.2, /Children/],
    ['adults', { audience: ['Volwassenen'] }, 'remoteAccess', 0.5, /General audience/],
    ['no audience', { audience: [] }, 'remoteAccess', 0.5, /No audience given/],
    ['equipped room', {}, 'roomEquipped', 1, /streaming kit/],
    ['room without kit', { roomStreamingEquipped: false }, 'roomEquipped', 0.25, /mobile kit/],
    ['no room', { roomStreamingEquipped: null }, 'roomEquipped', 0, /No room/],
    ['crew free', {}, 'crewAvailable', 1, /1 crew free at that time, 1 needed/],
    ['no crew free', { crewFree: 0 }, 'crewAvailable', 0, /0 crew free/],
    ['crew unknown', { crewFree: null }, 'crewAvailable', 0.5, /unknown/],
    ['self-help topic', {}, 'reuseValue', 1, /self-help recording \(digid\)/],
    ['a talk', { title: 'Lezing over Multatuli', categories: [] }, 'reuseValue', 0.6, /talk people may watch later/],
    ['a party', { title: 'Zomerfeest', categories: [] }, 'reuseValue', 0.2, /on the day/],
    ['does not read "app" into "appeltaart"', { title: 'Appeltaart bakken', categories: [] }, 'reuseValue', 0.2, /on the day/],
    ['lecture on screen', {}, 'remoteSuitability', 1, /talk or webinar: follows well on screen \(lezing\)/],
    ['webinar', { title: 'Webinar: e-books lenen', categories: [] }, 'remoteSuitability', 1, /webinar/],
    ['hands-on workshop', { title: 'Knutselmiddag', categories: [] }, 'remoteSuitability', 0.1, /Hands-on/],
    ['performance', { title: 'Concert in de bieb', categories: [] }, 'remoteSuitability', 0.6, /performance/],
    ['social', { title: 'Taalcafé', categories: [] }, 'remoteSuitability', 0.3, /social/],
    ['unknown format', { title: 'Bijeenkomst', categories: [] }, 'remoteSuitability', 0.5, /not recognised/],
  ])('%s', (_name, input, name, value, reason) => {
    const c = criterion(input, name);
    expect(c.value).toBe(value);
    expect(c.reason).toMatch(reason);
  });

  it('scores 0–100 as the weighted mean of the criteria', () => {
    expect(qualify(lecture).score).toBe(100);
    // demand 0.5·25 + remote 1·20 + room 0.25·15 + crew 0·15 + reuse 1·10 + suitability 1·15 = 61.25
    expect(qualify({ ...lecture, registrations: 20, waitlist: 0, roomStreamingEquipped: false, crewFree: 0 }).score).toBe(61);
  });

  it('applies the weights and threshold the admin set', () => {
    const input = { ...lecture, roomStreamingEquipped: null, crewFree: 0 };
    expect(qualify(input).score).toBe(70);
    const onlyRooms = { ...DEFAULT_QUALIFICATION_SETTINGS, weights: { demand: 0, remoteAccess: 0, roomEquipped: 1, crewAvailable: 0, reuseValue: 0, remoteSuitability: 0 } };
    const q = qualify(input, onlyRooms);
    expect(q.score).toBe(0);
    expect(q.qualifies).toBe(false);
    expect(q.criteria.find((c) => c.name === 'roomEquipped')!.weight).toBe(1);
    expect(qualify(input, { ...DEFAULT_QUALIFICATION_SETTINGS, threshold: 71 }).qualifies).toBe(false);
    expect(qualify(input, { ...DEFAULT_QUALIFICATION_SETTINGS, threshold: 70 }).qualifies).toBe(true);
  });

  it('counts no crew as half available when two are needed and one is free', () => {
    expect(qualify({ ...lecture, crewFree: 1 }, { ...DEFAULT_QUALIFICATION_SETTINGS, crewNeeded: 2 }).criteria.find((c) => c.name === 'crewAvailable')!.value).toBe(0.5);
  });
});

describe('qualify: staff override', () => {
  it.each([
    ['overrules a qualifying activity', lecture, false],
    ['overrules an ineligible one', { ...lecture, visibility: 'internal' as const }, true],
  ])('%s, keeping the computed facts', (_name, input, qualifies) => {
    const q = qualify({ ...input, override: { qualifies, note: 'Decided in the team meeting' } });
    expect(q.qualifies).toBe(qualifies);
    expect(q.overridden).toBe(true);
    expect(q.eligible).toBe(input.visibility === 'public');
  });
});
