import { startTestApi, TestApi } from '../testing/test-app';

type Role = 'admin' | 'planner' | 'producer' | 'editor';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('staff accounts (real API, PostgreSQL)', () => {
  let api: TestApi;
  const call = async (role: Role | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (role) headers.authorization = `Bearer ${await api.tokenFor(role)}`;
    const res = await fetch(`${api.url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const login = (email: string, password: string) => call(null, 'POST', '/auth/login', { email, password });

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it('lists staff by role for crew pickers (admins count for every role), never with password hashes', async () => {
    const producers = await call('editor', 'GET', '/users?role=producer');
    expect(producers.status).toBe(200);
    expect(producers.body.items.map((u: Json) => u.email)).toEqual(['admin@demo.library', 'producer@demo.library']);
    expect(Object.keys(producers.body.items[0]).sort()).toEqual(['active', 'createdAt', 'email', 'id', 'name', 'roles']);
    expect((await call('editor', 'GET', '/users')).body.total).toBe(4);
    expect((await call('editor', 'GET', '/users?role=janitor')).status).toBe(400);
    expect((await call(null, 'GET', '/users')).status).toBe(401);
  });

  it('lets an admin create, re-role and deactivate accounts; others may not', async () => {
    const body = { email: 'Jan@Bibliotheek.nl', name: 'Jan Jansen', password: 'een lang wachtwoord', roles: ['producer'] };
    expect((await call('planner', 'POST', '/users', body)).status).toBe(403);
    const created = await call('admin', 'POST', '/users', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'jan@bibliotheek.nl', roles: ['producer'], active: true });
    expect(JSON.stringify(created.body)).not.toMatch(/password|scrypt/);
    expect((await login('jan@bibliotheek.nl', 'een lang wachtwoord')).status).toBe(200);
    expect((await call('admin', 'POST', '/users', { ...body, email: 'jan@bibliotheek.nl' })).status).toBe(409);
    expect((await call('admin', 'POST', '/users', { ...body, email: 'kort@b.nl', password: 'kort' })).body.fields.password).toEqual(['password must be at least 12 characters']);

    const id = created.body.id;
    const updated = await call('admin', 'PATCH', `/users/${id}`, { roles: ['producer', 'editor'], password: 'nog een lang wachtwoord' });
    expect(updated.body.roles).toEqual(['producer', 'editor']);
    expect((await login('jan@bibliotheek.nl', 'een lang wachtwoord')).status).toBe(401);
    expect((await login('jan@bibliotheek.nl', 'nog een lang wachtwoord')).status).toBe(200);
    expect((await call('editor', 'GET', '/users?role=editor')).body.items.map((u: Json) => u.name)).toContain('Jan Jansen');

    expect((await call('admin', 'PATCH', `/users/${id}`, { active: false })).body.active).toBe(false);
    expect((await login('jan@bibliotheek.nl', 'nog een lang wachtwoord')).status).toBe(401);
    expect((await call('editor', 'GET', '/users')).body.items.map((u: Json) => u.name)).not.toContain('Jan Jansen');
    expect((await call('editor', 'GET', '/users?includeInactive=true')).body.items.map((u: Json) => u.name)).toContain('Jan Jansen');

    const audit = await call('admin', 'GET', `/audit?entityType=user&entityId=${id}`);
    expect(audit.body.items.map((a: Json) => a.action).sort()).toEqual(['user.created', 'user.updated', 'user.updated']);
    expect(JSON.stringify(audit.body)).not.toMatch(/wachtwoord|scrypt/);
  });

  it('keeps an admin from locking themself out', async () => {
    const me = await call('admin', 'GET', '/auth/me');
    const res = await call('admin', 'PATCH', `/users/${me.body.id}`, { roles: ['planner'] });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/own admin role/);
  });
});
