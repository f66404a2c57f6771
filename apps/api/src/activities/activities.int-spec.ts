import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { startTestApi, TestApi } from '../testing/test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const fixture = (name: string) => readFileSync(path.join(__dirname, '../calendar/fixtures', name), 'utf8');

describe('activities and their livestream qualification (real API, PostgreSQL)', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};

  const call = async (method: string, url: string, role = 'planner', body?: unknown) => {
    const res = await fetch(`${api.url}/api${url}`, {
      method,
      headers: { authorization: `Bearer ${tokens[role]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null) as Json };
  };
  const list = async (query: string) => {
    const res = await call('GET', `/activities?limit=500&${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: Json[]; total: number };
  };
  const importFile = async (content: string, filename: string) => {
    const form = new FormData();
    form.append('file', new Blob([content]), filename);
    form.append('year', '2026');
    const res = await fetch(`${api.url}/api/calendar/imports`, { method: 'POST', headers: { authorization: `Bearer ${tokens.planner}` }, body: form });
    expect(res.status).toBe(201);
  };
  const digidJan = async () => (await list('from=2026-01-13&to=2026-01-14')).items[0];

  beforeAll(async () => {
    api = await startTestApi();
    for (const role of ['admin', 'planner', 'producer', 'editor'] as const) tokens[role] = await api.tokenFor(role);
    await importFile(fixture('library-2026.ics'), 'agenda.ics');
    await importFile(fixture('library-2026.csv'), 'agenda.csv');
  });
  afterAll(() => api?.close());

  it('lists the qualifying activities with a reason for every gate and criterion', async () => {
    const { items, total } = await list('qualifies=true&from=2026-01-01&to=2027-01-01');
    expect(new Set(items.map((i) => i.title))).toEqual(new Set(['Lezing: zo werkt DigiD', 'Auteur in gesprek: Hella Haasse, herlezen', 'Webinar: e-books lenen met de app']));
    expect(total).toBe(12);

    const digid = items[0];
    expect(digid).toMatchObject({ title: 'Lezing: zo werkt DigiD', start: '2026-01-13T13:00:00.000Z', room: { name: 'Zaal 1', streamingEquipped: false }, audience: ['Senioren'], category: ['Lezing', 'Digitale vaardigheden'] });
    const q = digid.qualification;
    expect(q).toMatchObject({ eligible: true, qualifies: true, score: 89, threshold: 50, needsConfirmation: ['rights'], overridden: false });
    expect(q.gates.map((g: Json) => [g.name, g.status])).toEqual([
      ['public', 'passed'],
      ['notCancelled', 'passed'],
      ['rights', 'needs_confirmation'],
      ['attendeePrivacy', 'passed'],
    ]);
    expect(q.criteria).toEqual([
      { name: 'demand', weight: 25, value: 1, reason: '44 registrations (14 on the waiting list) for 30 seats: 147%' },
      { name: 'remoteAccess', weight: 20, value: 1, reason: expect.stringContaining('senior') },
      { name: 'roomEquipped', weight: 15, value: 0.25, reason: 'The room has no streaming kit: a mobile kit is needed' },
      { name: 'crewAvailable', weight: 15, value: 1, reason: '1 crew free at that time, 1 needed' },
      { name: 'reuseValue', weight: 10, value: 1, reason: expect.stringContaining('digid') },
      { name: 'remoteSuitability', weight: 15, value: 1, reason: expect.stringContaining('lezing') },
    ]);
  });

  it('lists the ones that do not qualify, with the failing gate', async () => {
    const { items } = await list('qualifies=false');
    const reasons = (title: string) => items.find((i) => i.title === title)!.qualification.gates.filter((g: Json) => !g.passed).map((g: Json) => g.reason);
    expect(reasons('Voorlezen voor peuters')).toEqual(['An activity for children: needs a camera plan that keeps attendees out of frame, or recorded consent']);
    expect(reasons('Teamoverleg')).toEqual(['Private activity: not for streaming']);
    expect(reasons('Koningsdag (gesloten)')).toEqual(['Internal activity (staff only): not for streaming']);
    expect(reasons('Knutselmiddag')[0]).toMatch(/children/);
    const bookWeek = items.find((i) => i.title === 'Boekenweek');
    expect(bookWeek.qualification).toMatchObject({ eligible: true, qualifies: false, score: 47 });
  });

  it('filters by category and room (id or name), pages, and counts the total before paging', async () => {
    expect((await list('category=lezing')).total).toBe(11);
    const byName = await list('room=zaal%201');
    const roomId = byName.items[0].room.id;
    expect((await list(`room=${roomId}`)).total).toBe(byName.total);
    expect(byName.total).toBe(12);
    const page = await call('GET', '/activities?limit=5&offset=5');
    expect(page.body.items).toHaveLength(5);
    expect(page.body.total).toBe((await list('')).total);
    expect((await call('GET', '/activities?qualifies=maybe')).status).toBe(400);
    expect((await call('GET', '/activities?from=yesterday')).status).toBe(400);
  });

  it('scores with the room kit and the crew free at that time', async () => {
    const { items } = await list('room=Zaal%201');
    expect((await call('PATCH', `/rooms/${items[0].room.id}`, 'planner', { streamingEquipped: true })).status).toBe(200);
    expect((await digidJan()).qualification.score).toBe(100);

    // The only producer is booked as crew on another broadcast at that time.
    const ds = api.app.get(DataSource);
    const [producer] = await ds.query(`SELECT id FROM users WHERE email = 'producer@demo.library'`);
    const [b] = await ds.query(
      `INSERT INTO broadcasts (title, starts_at, ends_at, busy, status) VALUES ('Ander programma', '2026-01-13T12:30Z', '2026-01-13T14:00Z', tstzrange('2026-01-13T12:30Z', '2026-01-13T14:00Z', '[)'), 'scheduled') RETURNING id`,
    );
    await ds.query(`INSERT INTO broadcast_crew (broadcast_id, user_id, role) VALUES ($1, $2, 'producer')`, [b.id, producer.id]);
    const crew = (await digidJan()).qualification.criteria.find((c: Json) => c.name === 'crewAvailable');
    expect(crew).toMatchObject({ value: 0, reason: '0 crew free at that time, 1 needed' });
    expect((await digidJan()).qualification.score).toBe(85);
  });

  it('lets a planner record consent and a camera plan, which open the gates', async () => {
    const story = (await list('category=Voorlezen')).items[0];
    const res = await call('PATCH', `/activities/${story.id}`, 'planner', { rightsConsent: 'confirmed', cameraPlan: 'attendees_out_of_frame' });
    expect(res.status).toBe(200);
    expect(res.body.qualification.gates.find((g: Json) => g.name === 'attendeePrivacy')).toMatchObject({ passed: true, reason: expect.stringMatching(/out of frame/) });
    expect(res.body.qualification.needsConfirmation).toEqual([]);
    expect((await call('PATCH', `/activities/${story.id}`, 'planner', { cameraPlan: 'hope for the best' })).status).toBe(400);
    expect((await call('PATCH', `/activities/${story.id}`, 'planner', { title: 'renamed' })).status).toBe(400);
    expect((await call('PATCH', `/activities/${story.id}`, 'editor', { rightsConsent: 'confirmed' })).status).toBe(403);
  });

  it('lets a planner override a verdict with a note, kept in the audit log, and remove it', async () => {
    const meeting = (await list('qualifies=false')).items.find((i) => i.title === 'Teamoverleg');
    expect((await call('PUT', `/activities/${meeting.id}/verdict`, 'planner', { qualifies: true })).status).toBe(400);
    expect((await call('PUT', `/activities/${meeting.id}/verdict`, 'producer', { qualifies: true, note: 'Directie wil dit' })).status).toBe(403);

    const set = await call('PUT', `/activities/${meeting.id}/verdict`, 'planner', { qualifies: true, note: 'Jaarlijkse openbare vergadering dit keer' });
    expect(set.status).toBe(200);
    expect(set.body.qualification).toMatchObject({ eligible: false, qualifies: true, overridden: true });
    expect(set.body.override).toMatchObject({ qualifies: true, note: 'Jaarlijkse openbare vergadering dit keer', by: expect.any(String), at: expect.any(String) });
    expect((await list('qualifies=true')).items.map((i) => i.id)).toContain(meeting.id);

    const audit = await call('GET', `/audit?entityType=activity&entityId=${meeting.id}`);
    expect(audit.body.items[0]).toMatchObject({
      action: 'activity.verdict',
      before: { verdictOverride: null, qualifies: false },
      after: { verdictOverride: true, verdictNote: 'Jaarlijkse openbare vergadering dit keer', qualifies: true },
    });

    const cleared = await call('DELETE', `/activities/${meeting.id}/verdict`);
    expect(cleared.status).toBe(200);
    expect(cleared.body.qualification.qualifies).toBe(false);
    expect(cleared.body.override).toBeNull();
    expect((await call('DELETE', `/activities/${meeting.id}/verdict`)).status).toBe(404);
  });

  it('lets an admin change the weights and threshold, which every verdict then uses', async () => {
    const defaults = await call('GET', '/qualification/settings', 'editor');
    expect(defaults.body).toEqual({ weights: { demand: 25, remoteAccess: 20, roomEquipped: 15, crewAvailable: 15, reuseValue: 10, remoteSuitability: 15 }, threshold: 50, crewNeeded: 1 });
    const settings = { weights: { demand: 0, remoteAccess: 0, roomEquipped: 0, crewAvailable: 0, reuseValue: 0, remoteSuitability: 1 }, threshold: 90, crewNeeded: 2 };
    expect((await call('PUT', '/qualification/settings', 'planner', settings)).status).toBe(403);
    const zero = await call('PUT', '/qualification/settings', 'admin', { ...settings, weights: { ...settings.weights, remoteSuitability: 0 } });
    expect(zero.status).toBe(400);
    expect((await call('PUT', '/qualification/settings', 'admin', { ...settings, weights: { ...settings.weights, colour: 5 } })).status).toBe(400);

    expect((await call('PUT', '/qualification/settings', 'admin', settings)).status).toBe(200);
    const q = (await digidJan()).qualification;
    expect(q.score).toBe(100);
    expect(q.criteria.find((c: Json) => c.name === 'demand').weight).toBe(0);
    expect((await list('qualifies=true')).items.map((i) => i.title)).not.toContain('Boekenweek');
    const [audit] = await api.app.get(DataSource).query(`SELECT before, after FROM audit_events WHERE action = 'qualification.settings'`);
    expect(audit.before.threshold).toBe(50);
    expect(audit.after.threshold).toBe(90);
    await call('PUT', '/qualification/settings', 'admin', defaults.body);
  });

  it('exports the same report as CSV, with formulas neutralised', async () => {
    await importFile('title,start,uid\n"=HYPERLINK(""http://evil.example"")",2026-06-01 10:00,evil\n', 'x.csv');
    const res = await call('GET', '/activities/export?from=2026-01-01&to=2027-01-01');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,title,start,end,room,category,audience,status,eligible,qualifies,score,needs_confirmation,failed_gates,override_note,demand_value,remoteAccess_value,roomEquipped_value,crewAvailable_value,reuseValue_value,remoteSuitability_value',
    );
    expect(lines).toHaveLength((await list('from=2026-01-01&to=2027-01-01')).total + 1);
    expect(lines.find((l) => l.includes('HYPERLINK'))).toContain(`,"'=HYPERLINK(""http://evil.example"")",`);
    expect(lines.find((l) => l.includes('Lezing: zo werkt DigiD'))).toMatch(/,true,true,\d+,rights,,/);
  });

  it('answers unknown and malformed ids, and anonymous callers', async () => {
    expect((await call('GET', '/activities/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await call('GET', '/activities/nope')).status).toBe(400);
    expect((await fetch(`${api.url}/api/activities`)).status).toBe(401);
  });

  describe('rooms', () => {
    it('creates, lists and updates rooms; names are unique ignoring case', async () => {
      const created = await call('POST', '/rooms', 'planner', { name: ' Studio ', capacity: 12, streamingEquipped: true });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: expect.any(String), name: 'Studio', capacity: 12, streamingEquipped: true, notes: '' });
      const dup = await call('POST', '/rooms', 'planner', { name: 'studio' });
      expect(dup.status).toBe(409);
      expect(dup.body.message).toBe('A room called "studio" already exists.');
      expect((await call('POST', '/rooms', 'editor', { name: 'Kelder' })).status).toBe(403);
      const bad = await call('POST', '/rooms', 'planner', { name: '', capacity: -1 });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.fields).sort()).toEqual(['capacity', 'name']);

      const patched = await call('PATCH', `/rooms/${created.body.id}`, 'planner', { notes: 'Greenscreen' });
      expect(patched.body).toMatchObject({ name: 'Studio', notes: 'Greenscreen' });
      expect((await call('PATCH', `/rooms/${created.body.id}`, 'planner', { name: 'ZAAL 1' })).status).toBe(409);
      const rooms = await call('GET', '/rooms', 'editor');
      expect(rooms.body.items.map((r: Json) => r.name)).toEqual(['Kinderhoek', 'Studio', 'Zaal 1', 'Zaal 2']);
      expect((await call('GET', '/rooms/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });
  });
});
