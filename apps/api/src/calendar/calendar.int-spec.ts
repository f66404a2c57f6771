import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { startTestApi, TestApi } from '../testing/test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const ICS = fixture('library-2026.ics');
const CSV = fixture('library-2026.csv');

describe('calendar import (real API, PostgreSQL)', () => {
  let api: TestApi;
  let planner: string;
  const auth = () => ({ authorization: `Bearer ${planner}` });

  const upload = async (content: string | Buffer, filename = 'agenda.ics', fields: Record<string, string> = { year: '2026' }, token = planner) => {
    const form = new FormData();
    form.append('file', new Blob([content]), filename);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const res = await fetch(`${api.url}/api/calendar/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const activities = async (query = '') => {
    const res = await fetch(`${api.url}/api/activities?limit=500${query}`, { headers: auth() });
    expect(res.status).toBe(200);
    return (await res.json()) as Json;
  };
  const query = async (sql: string, params: unknown[] = []): Promise<Json[]> => {
    const { DataSource } = await import('typeorm');
    return api.app.get(DataSource).query(sql, params);
  };

  beforeAll(async () => {
    api = await startTestApi({ CALENDAR_IMPORT_MAX_BYTES: String(256 * 1024), CALENDAR_MAX_OCCURRENCES_PER_EVENT: '400' });
    planner = await api.tokenFor('planner');
  });
  afterAll(() => api?.close());

  it('imports a library year: recurring story times across DST, cancelled and private events, new rooms', async () => {
    const { status, body } = await upload(ICS);
    expect(status).toBe(201);
    expect(body).toMatchObject({ format: 'ics', year: 2026, created: 62, updated: 0, unchanged: 0, errors: [] });
    expect(body.skipped).toEqual(
      expect.arrayContaining([
        { ref: expect.stringContaining('oud-2025'), reason: 'falls outside 2026' },
        { ref: expect.stringContaining('concert-0612'), reason: 'cancelled' },
        { ref: expect.stringMatching(/storytime.*2026-07-08/), reason: 'cancelled' },
      ]),
    );

    const { items, total } = await activities('&from=2026-01-01&to=2027-01-01');
    expect(total).toBe(62);
    const story = items.filter((a: Json) => a.title === 'Voorlezen voor peuters');
    expect(story).toHaveLength(48);
    const hours = new Set(story.map((a: Json) => new Date(a.start).toLocaleTimeString('sv-SE', { timeZone: 'Europe/Amsterdam' })));
    expect(hours).toEqual(new Set(['10:00:00']));
    expect(story.find((a: Json) => a.start.startsWith('2026-03-25'))!.start).toBe('2026-03-25T09:00:00.000Z');
    expect(story.find((a: Json) => a.start.startsWith('2026-04-08'))!.start).toBe('2026-04-08T08:00:00.000Z');
    expect(items.find((a: Json) => a.title === 'Teamoverleg').visibility).toBe('private');

    const rooms: Json = await (await fetch(`${api.url}/api/rooms`, { headers: auth() })).json();
    expect(rooms.items.map((r: Json) => r.name)).toEqual(['Kinderhoek', 'Zaal 1']);
    expect(story[0].room).toEqual({ id: expect.any(String), name: 'Kinderhoek', streamingEquipped: false });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await query(`SELECT id, updated_at FROM activities ORDER BY id`);
    const { status, body } = await upload(ICS);
    expect(status).toBe(201);
    expect(body).toMatchObject({ created: 0, updated: 0, unchanged: 62 });
    expect(await query(`SELECT id, updated_at FROM activities ORDER BY id`)).toEqual(before);
  });

  it('updates an edited event in place, keeping staff decisions, and cancels an occurrence the file now excludes', async () => {
    const { items } = await activities('&category=Lezing');
    const author = items.find((a: Json) => a.title.startsWith('Auteur in gesprek'));
    const patched = await fetch(`${api.url}/api/activities/${author.id}`, {
      method: 'PATCH',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ rightsConsent: 'confirmed' }),
    });
    expect(patched.status).toBe(200);
    const verdict = await fetch(`${api.url}/api/activities/${author.id}/verdict`, {
      method: 'PUT',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ qualifies: true, note: 'Publiekstrekker' }),
    });
    expect(verdict.status).toBe(200);

    const edited = ICS.replace('DTSTART;TZID=Europe/Amsterdam:20261015T193000', 'DTSTART;TZID=Europe/Amsterdam:20261015T200000')
      .replace('X-REGISTRATIONS:95', 'X-REGISTRATIONS:120')
      .replace('EXDATE;TZID=Europe/Amsterdam:20260429T100000,20261230T100000', 'EXDATE;TZID=Europe/Amsterdam:20260429T100000,20261230T100000,20260506T100000');
    const { status, body } = await upload(edited);
    expect(status).toBe(201);
    expect(body).toMatchObject({ created: 0, updated: 2, unchanged: 60 });

    const after: Json = await (await fetch(`${api.url}/api/activities/${author.id}`, { headers: auth() })).json();
    expect(after).toMatchObject({ id: author.id, start: '2026-10-15T18:00:00.000Z', registrations: 120, rightsConsent: 'confirmed' });
    expect(after.override).toMatchObject({ qualifies: true, note: 'Publiekstrekker' });
    const [may6] = await query(`SELECT status FROM activities WHERE source_uid LIKE 'storytime%' AND occurrence = '2026-05-06T08:00:00.000Z'`);
    expect(may6.status).toBe('cancelled');
    const [audit] = await query(`SELECT before, after FROM audit_events WHERE action = 'activity.import-update' AND entity_id = $1`, [author.id]);
    expect(audit.before).toMatchObject({ registrations: 95, startsAt: '2026-10-15T17:30:00.000Z' });
    expect(audit.after).toMatchObject({ registrations: 120, startsAt: '2026-10-15T18:00:00.000Z' });
  });

  it('lets two simultaneous imports of one file create each activity once', async () => {
    const file = CSV.replace(/csv-/g, 'parallel-').replace(/Zaal 2/g, 'Zaal 3');
    const [a, b] = await Promise.all([upload(file, 'a.csv'), upload(file, 'b.csv')]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.created, b.body.created].sort()).toEqual([0, 3]);
    expect([a.body.unchanged, b.body.unchanged].sort()).toEqual([0, 3]);
    expect(await query(`SELECT count(*)::int AS n FROM activities WHERE source_uid LIKE 'parallel-%'`)).toEqual([{ n: 3 }]);
    expect(await query(`SELECT count(*)::int AS n FROM rooms WHERE name = 'Zaal 3'`)).toEqual([{ n: 1 }]);
    await query(`DELETE FROM activities WHERE source_uid LIKE 'parallel-%'`);
  });

  it('imports a CSV with the documented header', async () => {
    const { status, body } = await upload(CSV, 'agenda.csv');
    expect(status).toBe(201);
    expect(body).toMatchObject({ format: 'csv', created: 3, updated: 0, skipped: [], errors: [] });
    const { items } = await activities('&room=Zaal%202');
    expect(items.map((a: Json) => a.title)).toEqual(['Webinar: e-books lenen met de app']);
    expect((await upload(CSV, 'agenda.csv')).body).toMatchObject({ created: 0, unchanged: 3 });
  });

  it('refuses a broken file with line numbers and imports none of it', async () => {
    const before = await query(`SELECT count(*)::int AS n FROM activities`);
    const rooms = await query(`SELECT count(*)::int AS n FROM rooms`);
    const broken = ICS.replace('SUMMARY:Boekenweek', 'SUMMARY:Boekenweek\r\nLOCATION:Nieuwe zaal').replace('DTEND;TZID=Europe/Amsterdam:20261015T210000', 'DTEND;TZID=Europe/Amsterdam:20261015T190000');
    const { status, body } = await upload(broken);
    expect(status).toBe(422);
    expect(body.message).toBe('The calendar file has an error; nothing was imported.');
    expect(body.errors).toEqual([{ line: 100, message: 'Event auteur-1015@centrum.bibliotheek.example ends before it starts' }]);
    expect(body.created).toBe(0);
    expect(await query(`SELECT count(*)::int AS n FROM activities`)).toEqual(before);
    expect(await query(`SELECT count(*)::int AS n FROM rooms`)).toEqual(rooms);

    const csv = await upload('title;start\nLezing;morgen\n', 'x.csv');
    expect(csv.status).toBe(422);
    expect(csv.body.errors).toEqual([{ line: 2, message: expect.stringMatching(/start "morgen" is not a date/) }]);
  });

  it('refuses a file over the size limit with a clear message', async () => {
    const { status, body } = await upload(Buffer.alloc(300 * 1024, 'a'));
    expect(status).toBe(413);
    expect(body.message).toBe('The calendar file is larger than 256 kB; split it or import one year at a time');
  });

  it('caps an endless rule instead of hanging, and skips a secondly one', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:daily-forever',
      'DTSTART;TZID=Europe/Amsterdam:20260101T090000',
      'RRULE:FREQ=DAILY',
      'SUMMARY:Inloopspreekuur',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:every-second',
      'DTSTART:20260101T090000Z',
      'RRULE:FREQ=SECONDLY',
      'SUMMARY:Spam',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const started = Date.now();
    const { status, body } = await upload(ics, 'x.ics', { year: '2027' });
    expect(status).toBe(201);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(body.created).toBe(365);
    expect(body.skipped.map((s: Json) => s.reason)).toEqual([expect.stringMatching(/repeats secondly/)]);
  });

  it('documents the import, activity, qualification and room routes in OpenAPI', async () => {
    const doc: Json = await (await fetch(`${api.url}/api/docs-json`)).json();
    for (const p of ['/api/calendar/imports', '/api/activities', '/api/activities/export', '/api/activities/{id}', '/api/activities/{id}/verdict', '/api/qualification/settings', '/api/rooms', '/api/rooms/{id}']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(Object.keys(doc.paths['/api/calendar/imports'].post.responses)).toEqual(expect.arrayContaining(['201', '400', '413', '422']));
  });

  it('asks for a file or a url, and lets only planners import', async () => {
    const none = await fetch(`${api.url}/api/calendar/imports`, { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(400);
    expect(((await none.json()) as Json).message).toMatch(/Send a calendar file/);
    const editor = await upload(ICS, 'agenda.ics', { year: '2026' }, await api.tokenFor('editor'));
    expect(editor.status).toBe(403);
    const anonymous = await fetch(`${api.url}/api/calendar/imports`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    const badYear = await upload(ICS, 'agenda.ics', { year: 'last' });
    expect(badYear.status).toBe(400);
    expect(badYear.body.fields.year).toBeDefined();
  });

  describe('from a feed url', () => {
    let feed: Server;
    let feedUrl: string;
    beforeAll(async () => {
      feed = createServer((req, res) => {
        if (req.url === '/moved') return res.writeHead(302, { location: '/agenda.ics' }).end();
        if (req.url === '/agenda.ics') return res.writeHead(200, { 'content-type': 'text/calendar' }).end(ICS);
        res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
      feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => feed.close(resolve)));
    afterEach(() => {
      api.config.CALENDAR_FETCH_ALLOW_PRIVATE = false;
    });

    const importUrl = (url: string) =>
      fetch(`${api.url}/api/calendar/imports`, { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify({ url, year: 2026 }) });

    it('refuses addresses in the server’s own network by default', async () => {
      for (const url of [`${feedUrl}/agenda.ics`, 'http://localhost:1/x.ics', 'http://[::1]/x.ics']) {
        const res = await importUrl(url);
        expect(res.status).toBe(400);
        expect(((await res.json()) as Json).message).toMatch(/own network/);
      }
      const ftp = await importUrl('ftp://example.org/x.ics');
      expect(ftp.status).toBe(400);
    });

    it('imports an intranet feed (following a redirect) when private addresses are allowed', async () => {
      api.config.CALENDAR_FETCH_ALLOW_PRIVATE = true;
      const res = await importUrl(`${feedUrl}/moved`);
      expect(res.status).toBe(201);
      // The feed has the original file: the edited lecture and the excluded story time come back.
      expect(await res.json()).toMatchObject({ format: 'ics', created: 0, updated: 2, unchanged: 60 });
      const missing = await importUrl(`${feedUrl}/nope.ics`);
      expect(missing.status).toBe(502);
      expect(((await missing.json()) as Json).message).toBe('The calendar feed answered with HTTP 404');
    });
  });
});
