import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { startTestApi, TestApi } from '../testing/test-app';
import { ACCESS_KEY } from './access.decorators';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json();
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('auth and access (real API, PostgreSQL, Redis)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT: '6' });
  });
  afterAll(() => api?.close());

  it('logs a demo planner in and tells who they are', async () => {
    const res = await post(`${api.url}/api/auth/login`, { email: 'Planner@Demo.Library', password: 'demo-library' });
    expect(res.status).toBe(200);
    const { accessToken, expiresIn } = await json(res);
    expect(expiresIn).toBe(8 * 3600);
    const me = await fetch(`${api.url}/api/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);
    expect(await json(me)).toEqual({ id: expect.any(String), email: 'planner@demo.library', name: 'Pieter Planner', roles: ['planner'] });
  });

  it('gives the same 401 for a wrong password and an unknown e-mail', async () => {
    const wrongPassword = await post(`${api.url}/api/auth/login`, { email: 'editor@demo.library', password: 'nope' });
    const unknownUser = await post(`${api.url}/api/auth/login`, { email: 'nobody@demo.library', password: 'nope' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    const a = await json(wrongPassword);
    const b = await json(unknownUser);
    expect(a).toEqual(b);
    expect(a.message).toBe('E-mail address or password is not correct.');
  });

  it('names the bad field of a malformed body and refuses unknown fields', async () => {
    const res = await post(`${api.url}/api/auth/login`, { email: 'not-an-email', password: 'x', admin: true });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(Object.keys(body.fields).sort()).toEqual(['admin', 'email']);
    expect(body.message).toContain('email must be an e-mail address');
  });

  it('refuses a body that is not JSON with a 400', async () => {
    const res = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    expect(res.status).toBe(400);
  });

  it('refuses bodies over the size limit', async () => {
    const res = await post(`${api.url}/api/auth/login`, { email: 'a@b.nl', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const res = await fetch(`${api.url}/api/no-such-thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect((await json(res)).statusCode).toBe(404);
  });

  it('refuses missing, forged and expired tokens', async () => {
    expect((await fetch(`${api.url}/api/auth/me`)).status).toBe(401);
    const forged = await fetch(`${api.url}/api/auth/me`, { headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' } });
    expect(forged.status).toBe(401);
    const { JwtService } = await import('@nestjs/jwt');
    const expired = await api.app.get(JwtService).signAsync({ sub: 'x', email: 'x', roles: ['admin'] }, { expiresIn: -10 });
    const res = await fetch(`${api.url}/api/auth/me`, { headers: { authorization: `Bearer ${expired}` } });
    expect(res.status).toBe(401);
    expect((await json(res)).message).toMatch(/expired/);
  });

  it('declares an access rule on every route (deny by default)', () => {
    const controllers = [...api.app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
    const reflector = api.app.get(Reflector);
    const scanner = new MetadataScanner();
    const undeclared: string[] = [];
    let routes = 0;
    for (const wrapper of controllers) {
      const proto = Object.getPrototypeOf(wrapper.instance);
      for (const name of scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        if (Reflect.getMetadata('path', handler) === undefined) continue;
        routes++;
        if (!reflector.getAllAndOverride(ACCESS_KEY, [handler, wrapper.metatype as object])) undeclared.push(`${wrapper.name}.${name}`);
      }
    }
    expect(routes).toBeGreaterThan(2);
    expect(undeclared).toEqual([]);
  });

  it('rate-limits login attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post(`${api.url}/api/auth/login`, { email: 'admin@demo.library', password: 'guess' + i })).status);
    expect(statuses).toContain(429);
    const limited = await post(`${api.url}/api/auth/login`, { email: 'admin@demo.library', password: 'guess' });
    expect(limited.status).toBe(429);
    expect((await json(limited)).message).toMatch(/Too many login attempts/);
  });
});
