import { DataSource } from 'typeorm';
import { startTestApi, TestApi } from '../testing/test-app';

type Role = 'admin' | 'planner' | 'producer' | 'editor';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('screencast series and episodes (real API, PostgreSQL)', () => {
  let api: TestApi;
  let editorId: string;
  const call = async (role: Role, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${api.url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await api.tokenFor(role)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    api = await startTestApi();
    [{ id: editorId }] = await api.app.get(DataSource).query(`SELECT id FROM users WHERE email = 'editor@demo.library'`);
  });
  afterAll(() => api?.close());

  it('creates a series with a slug made from its title, and refuses a second one with the same slug', async () => {
    const res = await call('producer', 'POST', '/series', { title: 'Zelf je boeken verlengen!', audience: 'senioren', category: 'digitale vaardigheden' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ slug: 'zelf-je-boeken-verlengen', language: 'nl', audience: 'senioren', episodes: [], episodeCounts: { idea: 0, published: 0 } });
    const again = await call('planner', 'POST', '/series', { title: 'Zelf je boeken verlengen' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already uses the web address "zelf-je-boeken-verlengen"/);
    expect((await call('planner', 'POST', '/series', { title: 'Engels', slug: 'Not A Slug' })).body.fields.slug[0]).toMatch(/lower-case letters/);
    expect((await call('editor', 'POST', '/series', { title: 'Niet mag' })).status).toBe(403);
    const patched = await call('planner', 'PATCH', `/series/${res.body.id}`, { language: 'en', description: 'Renew your books yourself' });
    expect(patched.body).toMatchObject({ language: 'en', description: 'Renew your books yourself', title: 'Zelf je boeken verlengen!' });
    expect((await call('editor', 'GET', '/series')).body.items.map((s: Json) => s.slug)).toEqual(['zelf-je-boeken-verlengen']);
  });

  it('moves episodes through the stages one step at a time, with assignee, due date, notes and board position', async () => {
    const [series] = (await call('editor', 'GET', '/series')).body.items;
    const e1 = await call('producer', 'POST', `/series/${series.id}/episodes`, { title: 'Inloggen', assigneeId: editorId, dueDate: '2027-05-01' });
    const e2 = await call('producer', 'POST', `/series/${series.id}/episodes`, { title: 'Verlengen' });
    expect(e1.status).toBe(201);
    expect(e1.body).toMatchObject({ stage: 'idea', position: 0, assigneeId: editorId, assigneeName: 'Eva Editor', dueDate: '2027-05-01' });
    expect(e2.body.position).toBe(1);

    const skip = await call('editor', 'PATCH', `/episodes/${e1.body.id}`, { stage: 'recording' });
    expect(skip.status).toBe(409);
    expect(skip.body.message).toBe('An episode moves one stage at a time: from idea it can go to script, not recording.');
    for (const stage of ['script', 'recording', 'editing', 'review']) {
      const step = await call('editor', 'PATCH', `/episodes/${e1.body.id}`, { stage });
      expect(step.status).toBe(200);
      expect(step.body).toMatchObject({ stage, position: 0 });
    }
    const back = await call('producer', 'PATCH', `/episodes/${e1.body.id}`, { stage: 'editing', notes: 'Audio too soft at 1:20', assigneeId: null, dueDate: null });
    expect(back.body).toMatchObject({ stage: 'editing', notes: 'Audio too soft at 1:20', assigneeId: null, assigneeName: null, dueDate: null });
    expect((await call('editor', 'PATCH', `/episodes/${e1.body.id}`, { stage: 'published' })).status).toBe(409);
    expect((await call('editor', 'PATCH', `/episodes/${e2.body.id}`, { stage: 'launched' })).body.fields.stage[0]).toMatch(/must be one of: idea, script/);
    expect((await call('editor', 'PATCH', `/episodes/${e2.body.id}`, { assigneeId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
    expect((await call('editor', 'PATCH', `/episodes/${e2.body.id}`, { dueDate: '1 mei' })).body.fields.dueDate).toBeDefined();

    const detail = await call('editor', 'GET', `/series/${series.id}`);
    expect(detail.body.episodes.map((e: Json) => `${e.stage}:${e.title}`)).toEqual(['idea:Verlengen', 'editing:Inloggen']);
    expect(detail.body.episodeCounts).toEqual({ idea: 1, script: 0, recording: 0, editing: 1, review: 0, published: 0 });
    expect((await call('editor', 'GET', `/episodes/${e2.body.id}`)).body.title).toBe('Verlengen');

    const audit = await call('admin', 'GET', `/audit?entityType=episode&entityId=${e1.body.id}`);
    const moves = audit.body.items.filter((a: Json) => a.action === 'episode.stage_changed').map((a: Json) => `${a.before.stage}→${a.after.stage}`);
    expect(moves.reverse()).toEqual(['idea→script', 'script→recording', 'recording→editing', 'editing→review', 'review→editing']);
  });

  it('answers unknown ids with 404', async () => {
    expect((await call('editor', 'GET', '/series/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await call('editor', 'GET', '/episodes/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await call('producer', 'POST', '/series/00000000-0000-4000-8000-000000000000/episodes', { title: 'x' })).status).toBe(404);
  });
});
