import { startTestApi, TestApi } from './testing/test-app';

describe('the site around the API', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it('lets any website frame the embed player, and nothing else', async () => {
    const embed = await fetch(`${api.url}/embed/je-boeken-verlengen`);
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(embed.headers.get('x-frame-options')).toBeNull();

    const staff = await fetch(`${api.url}/staff`);
    expect(staff.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(staff.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('points search engines at the sitemap of published videos', async () => {
    const res = await fetch(`${api.url}/robots.txt`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(`Sitemap: ${api.url}/api/public/sitemap.xml`);
    expect(text).toContain('Disallow: /staff');
    expect((await fetch(`${api.url}/api/public/sitemap.xml`)).status).toBe(200);
  });
});
