import { startTestApi, TestApi } from '../testing/test-app';

describe('GET /api/health', () => {
  let api: TestApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('reports ok with database, redis and ffmpeg up', async () => {
    api = await startTestApi();
    const res = await fetch(`${api.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up', ffmpeg: 'up' } });
  });

  it('answers 503 naming the dependency that is down', async () => {
    api = await startTestApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    const res = await fetch(`${api.url}/api/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', checks: { database: 'up', redis: 'down', ffmpeg: 'up' } });
  });
});
