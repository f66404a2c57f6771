import ICAL from 'ical.js';
import { DataSource } from 'typeorm';
import { startTestApi, TestApi } from '../testing/test-app';
import { StreamKeysService } from './stream-keys.service';

type Role = 'admin' | 'planner' | 'producer' | 'editor';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The events of an iCal feed, read with ical.js. */
const feedEvents = (text: string) =>
  new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    return { summary: e.summary, location: e.location, description: e.description, start: e.startDate.toJSDate() };
  });

describe('broadcasts: booking, conflicts, lifecycle, keys and feeds (real API, PostgreSQL)', () => {
  let api: TestApi;
  let db: DataSource;
  const ids: Record<string, string> = {};

  const call = async (role: Role | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json; text: string }> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (role) headers.authorization = `Bearer ${await api.tokenFor(role)}`;
    const res = await fetch(`${api.url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: Json = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON (iCal) */
    }
    return { status: res.status, body: parsed, text };
  };
  const plan = (body: Json, role: Role = 'planner') => call(role, 'POST', '/broadcasts', body);

  beforeAll(async () => {
    api = await startTestApi({ BROADCAST_SETUP_MINUTES: '30', BROADCAST_TEARDOWN_MINUTES: '15', PUBLIC_URL: 'https://streams.example.org' });
    db = api.app.get(DataSource);
    const users: { id: string; email: string }[] = await db.query(`SELECT id, email FROM users`);
    for (const u of users) ids[u.email.split('@')[0]] = u.id;
    const [zaal, studio] = await db.query(`INSERT INTO rooms (name, streaming_equipped) VALUES ('Theaterzaal', true), ('Studio', true) RETURNING id`);
    ids.zaal = zaal.id;
    ids.studio = studio.id;
    const cam = await call('producer', 'POST', '/equipment', { name: 'Camera 1', kind: 'camera' });
    const mic = await call('producer', 'POST', '/equipment', { name: 'Microphone 1', kind: 'microphone' });
    expect([cam.status, mic.status]).toEqual([201, 201]);
    ids.cam = cam.body.id;
    ids.mic = mic.body.id;
    const kit = await call('planner', 'POST', '/equipment/kits', { name: 'Mobile kit', equipmentIds: [ids.cam, ids.mic] });
    expect(kit.status).toBe(201);
    expect(kit.body.items.map((i: Json) => i.name)).toEqual(['Camera 1', 'Microphone 1']);
    ids.kit = kit.body.id;
  });
  afterAll(() => api?.close());

  it('plans a stand-alone broadcast with room, crew and a kit, copying the default checklist', async () => {
    const res = await plan({
      title: 'Lezing stadsgeschiedenis',
      start: '2027-02-01T19:30:00+01:00',
      end: '2027-02-01T21:00:00+01:00',
      roomId: ids.zaal,
      crew: [
        { userId: ids.producer, role: 'producer' },
        { userId: ids.producer, role: 'camera' },
        { userId: ids.planner, role: 'host' },
      ],
      kitIds: [ids.kit],
    });
    expect(res.status).toBe(201);
    const b = res.body;
    expect(b).toMatchObject({ title: 'Lezing stadsgeschiedenis', status: 'draft', roomId: ids.zaal, roomName: 'Theaterzaal', setupMinutes: 30, teardownMinutes: 15, hasStreamKey: false });
    expect(new Date(b.start).toISOString()).toBe('2027-02-01T18:30:00.000Z');
    expect(new Date(b.bookedFrom).toISOString()).toBe('2027-02-01T18:00:00.000Z');
    expect(new Date(b.bookedUntil).toISOString()).toBe('2027-02-01T20:15:00.000Z');
    expect(b.crew.map((c: Json) => `${c.name}:${c.role}`)).toEqual(['Priya Producer:producer', 'Priya Producer:camera', 'Pieter Planner:host']);
    expect(b.equipment.map((e: Json) => e.name)).toEqual(['Camera 1', 'Microphone 1']);
    expect(b.checklist.map((i: Json) => i.label)).toContain('Consent signs up at the entrance');
    expect(b.history).toEqual([expect.objectContaining({ from: null, to: 'draft', byUserId: ids.planner, byName: 'Pieter Planner' })]);
    expect(b.nextStatuses).toEqual(['scheduled', 'cancelled']);
    expect(b.occurrences).toHaveLength(1);
    ids.lecture = b.id;
  });

  it('plans the broadcast of a calendar activity, taking its title, time and room; once per activity', async () => {
    const [activity] = await db.query(
      `INSERT INTO activities (source, source_uid, title, starts_at, ends_at, room_id, content_hash)
       VALUES ('ics', 'evt-42@libcal', 'Schrijversavond', '2027-02-03T19:00:00Z', '2027-02-03T20:30:00Z', $1, 'h') RETURNING id`,
      [ids.studio],
    );
    const res = await plan({ activityId: activity.id, crew: [{ userId: ids.producer, role: 'producer' }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ activityId: activity.id, title: 'Schrijversavond', roomId: ids.studio, start: '2027-02-03T19:00:00.000Z', end: '2027-02-03T20:30:00.000Z' });
    const again = await plan({ activityId: activity.id, roomId: ids.zaal, start: '2027-02-04T19:00:00Z', end: '2027-02-04T20:00:00Z' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already has a broadcast, “Schrijversavond”/);
    const unknown = await plan({ activityId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual({ activityId: ['There is no activity with this id.'] });
  });

  it('answers a double booking of room, crew or equipment with 409 and the explained conflicts', async () => {
    const slot = { start: '2027-02-01T20:00:00+01:00', end: '2027-02-01T21:30:00+01:00' };
    const room = await plan({ title: 'Clash room', ...slot, roomId: ids.zaal });
    expect(room.status).toBe(409);
    expect(room.body.conflicts).toEqual([
      { kind: 'room', resourceId: ids.zaal, withBroadcastId: ids.lecture, withTitle: 'Lezing stadsgeschiedenis', from: '2027-02-01T18:00:00.000Z', to: '2027-02-01T20:15:00.000Z' },
    ]);
    expect(room.body.message).toMatch(/Double booking: the room \(booked for “Lezing stadsgeschiedenis”\)/);

    const crew = await plan({ title: 'Clash crew', ...slot, roomId: ids.studio, crew: [{ userId: ids.producer, role: 'chat_moderator' }] });
    expect(crew.status).toBe(409);
    expect(crew.body.conflicts.map((c: Json) => [c.kind, c.resourceId, c.withBroadcastId])).toEqual([['crew', ids.producer, ids.lecture]]);

    const kit = await plan({ title: 'Clash kit', ...slot, equipmentIds: [ids.mic] });
    expect(kit.status).toBe(409);
    expect(kit.body.conflicts.map((c: Json) => [c.kind, c.resourceId])).toEqual([['equipment', ids.mic]]);

    const all = await plan({ title: 'Clash all', ...slot, roomId: ids.zaal, crew: [{ userId: ids.planner, role: 'host' }], equipmentIds: [ids.cam] });
    expect(all.body.conflicts.map((c: Json) => c.kind).sort()).toEqual(['crew', 'equipment', 'room']);
    expect((await db.query(`SELECT count(*)::int AS n FROM broadcasts WHERE title LIKE 'Clash%'`))[0].n).toBe(0);
  });

  it('counts set-up and tear-down buffers: back-to-back clashes, with enough gap it fits', async () => {
    // The lecture ends 20:00Z and holds the room until 20:15Z (15 min tear-down).
    const backToBack = await plan({ title: 'Na de lezing', start: '2027-02-01T20:00:00Z', end: '2027-02-01T21:00:00Z', roomId: ids.zaal });
    expect(backToBack.status).toBe(409);
    const noSetup = await plan({ title: 'Na de lezing', start: '2027-02-01T20:15:00Z', end: '2027-02-01T21:00:00Z', roomId: ids.zaal, setupMinutes: 0 });
    expect(noSetup.status).toBe(201);
    expect(noSetup.body.bookedFrom).toBe('2027-02-01T20:15:00.000Z');
    await call('planner', 'POST', `/broadcasts/${noSetup.body.id}/transitions`, { to: 'cancelled' });
  });

  it('lets exactly one of 10 concurrent conflicting requests through; the rest get 409 naming the winner', async () => {
    const body = (i: number) => ({ title: `Race ${i}`, start: '2027-03-01T10:00:00Z', end: '2027-03-01T11:00:00Z', roomId: ids.studio, crew: [{ userId: ids.admin, role: 'producer' }] });
    await api.tokenFor('planner');
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => plan(body(i))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    const winner = results.find((r) => r.status === 201)!.body.id;
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.conflicts.length).toBeGreaterThan(0);
      expect(r.body.conflicts.every((c: Json) => c.withBroadcastId === winner)).toBe(true);
    }
    expect((await db.query(`SELECT count(*)::int AS n FROM broadcasts WHERE title LIKE 'Race %'`))[0].n).toBe(1);
  });

  it('enforces free rooms, crew and equipment in the database itself', async () => {
    const [{ busy, id }] = await db.query(`SELECT busy::text, id FROM broadcasts WHERE id = $1`, [ids.lecture]);
    await expect(
      db.query(`INSERT INTO broadcasts (title, starts_at, ends_at, busy, room_id) VALUES ('x', lower($1::tstzrange), upper($1::tstzrange), $1, $2)`, [busy, ids.zaal]),
    ).rejects.toMatchObject({ driverError: { code: '23P01', constraint: 'broadcasts_room_free' } });
    const [other] = await db.query(
      `INSERT INTO broadcasts (title, starts_at, ends_at, busy) VALUES ('y', lower($1::tstzrange), upper($1::tstzrange), $1) RETURNING id`,
      [busy],
    );
    await expect(db.query(`INSERT INTO broadcast_crew (broadcast_id, user_id, role) VALUES ($1, $2, 'host')`, [other.id, ids.planner])).rejects.toMatchObject({
      driverError: { code: '23P01', constraint: 'broadcast_crew_free' },
    });
    await expect(db.query(`INSERT INTO broadcast_equipment (broadcast_id, equipment_id) VALUES ($1, $2)`, [other.id, ids.cam])).rejects.toMatchObject({
      driverError: { code: '23P01', constraint: 'broadcast_equipment_free' },
    });
    await expect(db.query(`UPDATE broadcasts SET busy = tstzrange(starts_at, ends_at + interval '1 minute') WHERE id = $1`, [id])).rejects.toThrow(/check/);
    await db.query(`DELETE FROM broadcasts WHERE id = $1`, [other.id]);
  });

  it('creates a weekly repeat that stays at 19:00 Amsterdam time across the DST change, all or nothing', async () => {
    const blocker = await plan({ title: 'Blocker', start: '2027-04-07T17:30:00Z', end: '2027-04-07T18:00:00Z', roomId: ids.studio, setupMinutes: 0, teardownMinutes: 0 });
    expect(blocker.status).toBe(201);
    const repeat = { title: 'Taalcafé', start: '2027-03-17T19:00:00+01:00', end: '2027-03-17T20:00:00+01:00', roomId: ids.studio, repeat: { frequency: 'weekly', count: 4 } };
    const refused = await plan(repeat);
    expect(refused.status).toBe(409);
    expect(refused.body.conflicts).toEqual([expect.objectContaining({ kind: 'room', withBroadcastId: blocker.body.id })]);
    expect((await db.query(`SELECT count(*)::int AS n FROM broadcasts WHERE title = 'Taalcafé'`))[0].n).toBe(0);

    await call('planner', 'POST', `/broadcasts/${blocker.body.id}/transitions`, { to: 'cancelled', note: 'moved' });
    const ok = await plan(repeat);
    expect(ok.status).toBe(201);
    const local = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Amsterdam' }).slice(0, 16);
    expect(ok.body.occurrences.map((o: Json) => local(o.start))).toEqual(['2027-03-17 19:00', '2027-03-24 19:00', '2027-03-31 19:00', '2027-04-07 19:00']);
    expect(ok.body.occurrences.map((o: Json) => o.start.slice(11, 16))).toEqual(['18:00', '18:00', '17:00', '17:00']);
    const group = await call('editor', 'GET', `/broadcasts?repeatGroupId=${ok.body.repeatGroupId}`);
    expect(group.body.total).toBe(4);
    const tooMany = await plan({ ...repeat, title: 'Te vaak', roomId: null, repeat: { frequency: 'daily', until: '2030-01-01T00:00:00Z' } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.fields.repeat[0]).toMatch(/at most 104 broadcasts/);
  });

  it('reschedules with PATCH, refusing a double booking and auditing before and after', async () => {
    const b = await plan({ title: 'Workshop', start: '2027-05-10T09:00:00Z', end: '2027-05-10T10:00:00Z', roomId: ids.studio, crew: [{ userId: ids.editor, role: 'camera' }] });
    const other = await plan({ title: 'Other', start: '2027-05-10T13:00:00Z', end: '2027-05-10T14:00:00Z', roomId: ids.zaal, crew: [{ userId: ids.editor, role: 'camera' }] });
    const clash = await call('producer', 'PATCH', `/broadcasts/${b.body.id}`, { start: '2027-05-10T12:30:00Z', end: '2027-05-10T13:30:00Z' });
    expect(clash.status).toBe(409);
    expect(clash.body.conflicts).toEqual([expect.objectContaining({ kind: 'crew', resourceId: ids.editor, withBroadcastId: other.body.id })]);
    // Replacing the busy person in the same request makes the new time fine.
    const moved = await call('producer', 'PATCH', `/broadcasts/${b.body.id}`, { start: '2027-05-10T12:30:00Z', end: '2027-05-10T13:30:00Z', crew: [{ userId: ids.admin, role: 'camera' }] });
    expect(moved.status).toBe(200);
    expect(moved.body.crew.map((c: Json) => c.userId)).toEqual([ids.admin]);
    const audit = await call('admin', 'GET', `/audit?entityType=broadcast&entityId=${b.body.id}`);
    const update = audit.body.items.find((e: Json) => e.action === 'broadcast.updated');
    expect(update.before).toMatchObject({ start: '2027-05-10T09:00:00.000Z', crew: [{ userId: ids.editor, role: 'camera' }] });
    expect(update.after).toMatchObject({ start: '2027-05-10T12:30:00.000Z', crew: [{ userId: ids.admin, role: 'camera' }] });
    expect(update.actorId).toBe(ids.producer);
  });

  it('allows only lifecycle transitions; ready needs the required checklist done and a stream key', async () => {
    const id = ids.lecture;
    const go = (to: string, role: Role = 'producer') => call(role, 'POST', `/broadcasts/${id}/transitions`, { to });
    expect((await go('live')).body.message).toBe('A draft broadcast cannot become live. From draft it can go to: scheduled, cancelled.');
    expect((await go('scheduled')).status).toBe(200);
    const notReady = await go('ready');
    expect(notReady.status).toBe(409);
    expect(notReady.body.message).toMatch(/^Not ready yet: tick the required checklist items \(Sound check with the presenter, .*\) and create a stream key\.$/);

    const detail = (await call('producer', 'GET', `/broadcasts/${id}`)).body;
    for (const item of detail.checklist.filter((i: Json) => i.required)) {
      const tick = await call('producer', 'PATCH', `/broadcasts/${id}/checklist/${item.id}`, { done: true });
      expect(tick.status).toBe(200);
      expect(tick.body).toMatchObject({ done: true, doneBy: ids.producer });
    }
    expect((await go('ready')).body.message).toBe('Not ready yet: create a stream key.');
    expect((await call('producer', 'POST', `/broadcasts/${id}/stream-key`)).status).toBe(200);
    const ready = await go('ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');

    const required = detail.checklist.find((i: Json) => i.required);
    const untick = await call('producer', 'PATCH', `/broadcasts/${id}/checklist/${required.id}`, { done: false });
    expect(untick.status).toBe(409);
    expect((await call('editor', 'POST', `/broadcasts/${id}/transitions`, { to: 'live' })).status).toBe(403);
    expect((await go('live')).status).toBe(200);
    const ended = await go('ended');
    expect(ended.body.history.map((h: Json) => `${h.from}→${h.to}`)).toEqual(['null→draft', 'draft→scheduled', 'scheduled→ready', 'ready→live', 'live→ended']);
    expect(ended.body.history.every((h: Json) => h.byUserId && h.at)).toBe(true);
    expect((await call('producer', 'PATCH', `/broadcasts/${id}`, { title: 'Too late' })).status).toBe(409);
  });

  it('keeps stream keys secret: only at …/ingest for planner, producer and admin; rotation replaces and is audited', async () => {
    const b = await plan({ title: 'Geheim', start: '2027-06-01T10:00:00Z', end: '2027-06-01T11:00:00Z' });
    const id = b.body.id;
    expect((await call('producer', 'GET', `/broadcasts/${id}/ingest`)).status).toBe(404);
    const first = await call('producer', 'POST', `/broadcasts/${id}/stream-key`);
    expect(first.body).toEqual({
      rtmpUrl: `rtmp://streams.example.org:${api.config.RTMP_PORT}/live`,
      streamKey: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      validFrom: '2027-06-01T09:30:00.000Z',
      validUntil: '2027-06-01T13:00:00.000Z',
    });
    const key = first.body.streamKey;
    for (const role of ['planner', 'producer', 'admin'] as const) expect((await call(role, 'GET', `/broadcasts/${id}/ingest`)).body.streamKey).toBe(key);
    const denied = await call('editor', 'GET', `/broadcasts/${id}/ingest`);
    expect(denied.status).toBe(403);
    expect(denied.text).not.toContain(key);
    expect((await call('editor', 'POST', `/broadcasts/${id}/stream-key`)).status).toBe(403);

    for (const path of [`/broadcasts/${id}`, '/broadcasts?limit=500', `/audit?entityId=${id}`]) {
      const res = await call('admin', 'GET', path);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(key);
    }
    expect((await call('admin', 'GET', `/broadcasts/${id}`)).body.hasStreamKey).toBe(true);
    const [row] = await db.query(`SELECT stream_key_sealed, stream_key_hash FROM broadcasts WHERE id = $1`, [id]);
    expect(row.stream_key_sealed).not.toContain(key);

    const keys = api.app.get(StreamKeysService);
    expect(await keys.verify(key, new Date('2027-06-01T09:45:00Z'))).toBe(id);
    expect(await keys.verify(key, new Date('2027-06-01T09:00:00Z'))).toBeNull();
    expect(await keys.verify(key, new Date('2027-06-01T13:00:00Z'))).toBeNull();

    const second = await call('planner', 'POST', `/broadcasts/${id}/stream-key`);
    expect(second.body.streamKey).not.toBe(key);
    expect(await keys.verify(key, new Date('2027-06-01T10:00:00Z'))).toBeNull();
    expect(await keys.verify(second.body.streamKey, new Date('2027-06-01T10:00:00Z'))).toBe(id);
    const audit = await call('admin', 'GET', `/audit?entityType=broadcast&entityId=${id}`);
    expect(audit.body.items.map((e: Json) => e.action)).toEqual(expect.arrayContaining(['broadcast.stream_key_created', 'broadcast.stream_key_rotated']));
    expect(audit.text).not.toContain(second.body.streamKey);
  });

  it('stores restream keys encrypted and only ever shows them masked', async () => {
    const b = await plan({ title: 'Ook op YouTube', start: '2027-06-02T10:00:00Z', end: '2027-06-02T11:00:00Z' });
    const id = b.body.id;
    const secret = 'abcd-efgh-ijkl-mnop-7Qz9';
    const added = await call('producer', 'POST', `/broadcasts/${id}/restreams`, { name: 'YouTube', rtmpUrl: 'rtmp://a.rtmp.youtube.com/live2', streamKey: secret });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'YouTube', rtmpUrl: 'rtmp://a.rtmp.youtube.com/live2', streamKey: '••••7Qz9' });
    const bad = await call('producer', 'POST', `/broadcasts/${id}/restreams`, { name: 'X', rtmpUrl: 'http://evil.example', streamKey: 'abcdef' });
    expect(bad.body.fields).toEqual({ rtmpUrl: ['rtmpUrl must be an rtmp:// or rtmps:// address'] });
    for (const path of [`/broadcasts/${id}`, `/broadcasts/${id}/restreams`, `/audit?entityId=${id}`]) {
      const res = await call('admin', 'GET', path);
      expect(res.text).not.toContain(secret);
      expect(res.text).toContain('••••7Qz9');
    }
    const [row] = await db.query(`SELECT key_sealed FROM restream_destinations WHERE id = $1`, [added.body.id]);
    expect(row.key_sealed).toMatch(/^v1\./);
    expect(row.key_sealed).not.toContain(secret);
    expect(await api.app.get(StreamKeysService).restreamTargets(id)).toEqual([{ name: 'YouTube', url: `rtmp://a.rtmp.youtube.com/live2/${secret}` }]);
    expect((await call('editor', 'GET', `/broadcasts/${id}/restreams`)).status).toBe(403);
    expect((await call('producer', 'DELETE', `/broadcasts/${id}/restreams/${added.body.id}`)).status).toBe(204);
    expect((await call('producer', 'GET', `/broadcasts/${id}/restreams`)).body).toEqual([]);
  });

  it('publishes secret iCal feeds per staff member and per room that calendar apps can read', async () => {
    const own = await call('producer', 'POST', `/ical/users/${ids.producer}/token`);
    expect(own.status).toBe(201);
    expect(own.body.url).toMatch(/^https:\/\/streams\.example\.org\/api\/ical\/users\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await call('editor', 'POST', `/ical/users/${ids.producer}/token`)).status).toBe(403);
    const path = new URL(own.body.url).pathname.replace(/^\/api/, '');
    const feed = await call(null, 'GET', path);
    expect(feed.status).toBe(200);
    const events = feedEvents(feed.text);
    const titles = events.map((e) => e.summary).sort();
    expect(titles).toEqual(['Livestream: Lezing stadsgeschiedenis', 'Livestream: Schrijversavond']);
    const lecture = events.find((e) => e.summary === 'Livestream: Lezing stadsgeschiedenis')!;
    expect(lecture.start.toISOString()).toBe('2027-02-01T18:30:00.000Z');
    expect(lecture.location).toBe('Theaterzaal');
    expect(lecture.description).toMatch(/Your role: producer, camera/);

    const room = await call('planner', 'POST', `/ical/rooms/${ids.studio}/token`);
    const roomFeed = await call(null, 'GET', new URL(room.body.url).pathname.replace(/^\/api/, ''));
    const roomEvents = feedEvents(roomFeed.text);
    expect(roomEvents.filter((e) => e.summary === 'Livestream: Taalcafé')).toHaveLength(4);
    expect(roomEvents.some((e) => e.summary === 'Livestream: Blocker')).toBe(false);

    const rotated = await call('admin', 'POST', `/ical/users/${ids.producer}/token`);
    expect(rotated.body.url).not.toBe(own.body.url);
    expect((await call(null, 'GET', path)).status).toBe(404);
    expect((await call(null, 'GET', '/ical/users/not-a-token.ics')).status).toBe(404);
  });

  it('checks roles and input on every write', async () => {
    const slot = { title: 'Rollen', start: '2027-07-01T10:00:00Z', end: '2027-07-01T11:00:00Z' };
    expect((await plan(slot, 'editor')).status).toBe(403);
    expect((await call(null, 'GET', '/broadcasts')).status).toBe(401);
    const naive = await plan({ ...slot, start: '2027-07-01T10:00:00' });
    expect(naive.status).toBe(400);
    expect(naive.body.fields.start[0]).toMatch(/with its time zone/);
    expect((await plan({ ...slot, end: slot.start })).body.fields).toEqual({ end: ['end must be after start'] });
    expect((await plan({ start: slot.start, end: slot.end })).body.fields).toEqual({ title: ['title is needed (or an activityId to take it from)'] });
    expect((await plan({ ...slot, crew: [{ userId: ids.producer, role: 'dj' }] })).body.fields).toEqual({ 'crew.0.role': ['role must be one of: producer, camera, host, chat_moderator'] });
    expect((await plan({ ...slot, roomId: '00000000-0000-4000-8000-000000000000' })).body.fields).toEqual({ roomId: ['There is no room with this id.'] });
    expect((await plan({ ...slot, streamKey: 'mine' })).status).toBe(400);
    expect((await call('planner', 'GET', '/broadcasts/not-a-uuid')).status).toBe(400);
    expect((await call('planner', 'GET', '/broadcasts/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('documents the routes in OpenAPI, including the 409 body', async () => {
    const doc = await call(null, 'GET', '/docs-json');
    for (const path of ['/api/broadcasts', '/api/broadcasts/{id}/transitions', '/api/broadcasts/{id}/checklist/{itemId}', '/api/broadcasts/{id}/ingest', '/api/ical/users/{token}.ics', '/api/series/{id}/episodes', '/api/episodes/{id}', '/api/users', '/api/equipment/kits', '/api/checklist-templates/{id}']) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    expect(doc.body.paths['/api/broadcasts'].post.responses['409'].content['application/json'].schema.$ref).toBe('#/components/schemas/ConflictResponseDto');
    expect(Object.keys(doc.body.components.schemas.ConflictDto.properties)).toEqual(['kind', 'resourceId', 'withBroadcastId', 'withTitle', 'from', 'to']);
  });

  it('manages checklist templates; a chosen template is copied onto a new broadcast', async () => {
    const t = await call('planner', 'POST', '/checklist-templates', { name: 'Kort', items: [{ label: 'Licht aan', required: true }, { label: 'Koffie', required: false }] });
    expect(t.status).toBe(201);
    expect((await call('producer', 'POST', '/checklist-templates', { name: 'X', items: [] })).status).toBe(403);
    expect((await call('planner', 'POST', '/checklist-templates', { name: 'kort ', items: [] })).status).toBe(409);
    const b = await plan({ title: 'Met sjabloon', start: '2027-08-01T10:00:00Z', end: '2027-08-01T11:00:00Z', checklistTemplateId: t.body.id });
    expect(b.body.checklist.map((i: Json) => [i.label, i.required, i.done])).toEqual([
      ['Licht aan', true, false],
      ['Koffie', false, false],
    ]);
    const made = await call('planner', 'PATCH', `/checklist-templates/${t.body.id}`, { isDefault: true });
    expect(made.body.isDefault).toBe(true);
    const list = await call('editor', 'GET', '/checklist-templates');
    expect(list.body.items.filter((x: Json) => x.isDefault).map((x: Json) => x.name)).toEqual(['Kort']);
    expect((await call('planner', 'DELETE', `/checklist-templates/${t.body.id}`)).status).toBe(204);
    expect((await call('editor', 'GET', `/broadcasts/${b.body.id}`)).body.checklist).toHaveLength(2);
  });
});
