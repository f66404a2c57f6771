import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { Json, publicationKit } from '../publication/testing/publication-kit';
import { startTestApi, TestApi } from '../testing/test-app';

const BASE = 'https://bibliotheek.example.nl';

/** Every key path a public answer may hold (`[]` for array elements). Anything else is a leak. */
const SERIES_REF = ['slug', 'title'];
const SUMMARY = ['slug', 'title', 'description', 'series', ...SERIES_REF.map((k) => `series.${k}`), 'language', 'category', 'tags', 'tags[]', 'durationS', 'posterUrl', 'publishedAt', 'url'];
const VIDEO = [
  ...SUMMARY,
  ...['listed', 'hlsUrl', 'embedUrl', 'storyboardUrl', 'captions', 'captions[].language', 'captions[].label', 'captions[].url'],
  ...['transcript', 'transcript[].startS', 'transcript[].text', 'chapters', 'chapters[].startS', 'chapters[].title'],
];
const SERIES = ['slug', 'title', 'description', 'audience', 'language', 'category', 'videoCount', 'latestPublishedAt', 'url', 'feedUrl'];
const under = (prefix: string, keys: string[]) => [prefix, ...keys.map((k) => `${prefix}.${k}`)];
const ALLOWED = {
  videoPage: ['items', ...under('items[]', SUMMARY).slice(1), 'total', 'page', 'pageSize'],
  video: VIDEO,
  seriesList: ['items', ...under('items[]', SERIES).slice(1)],
  series: [...SERIES, 'videos', ...under('videos[]', SUMMARY).slice(1)],
  oembed: ['type', 'version', 'title', 'author_name', 'author_url', 'provider_name', 'provider_url', 'html', 'width', 'height'],
};

function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [...(prefix ? [prefix] : []), ...value.flatMap((v) => keyPaths(v, `${prefix}[]`))];
  if (value && typeof value === 'object') {
    return [...(prefix && !prefix.endsWith('[]') ? [prefix] : []), ...Object.entries(value).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k))];
  }
  return prefix ? [prefix] : [];
}

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlNode[];
}

/** A strict XML parser (it throws on anything not well-formed) building a small tree. */
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const root: XmlNode = { name: '#document', attributes: {}, text: '', children: [] };
  const stack = [root];
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '', children: [] };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => void (stack.at(-1)!.text += text));
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return root.children[0];
}
const all = (node: XmlNode, name: string): XmlNode[] => [...(node.name === name ? [node] : []), ...node.children.flatMap((c) => all(c, name))];
const child = (node: XmlNode, name: string): XmlNode => node.children.find((c) => c.name === name)!;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('the public API: only published public and unlisted videos, from allow-listed fields (real API, PostgreSQL)', () => {
  let api: TestApi;
  let kit: ReturnType<typeof publicationKit>;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'public-api-'));
  const v: Record<string, Json> = {};
  const responses: { what: keyof typeof ALLOWED; path: string; body: Json; text: string; setCookie: string | null }[] = [];

  /** A public GET; its answer is kept for the leak check at the end. */
  const get = async (what: keyof typeof ALLOWED | null, p: string, headers: Record<string, string> = {}) => {
    const res = await kit.call(null, 'GET', p, undefined, headers);
    if (what && res.status === 200) responses.push({ what, path: p, body: res.body, text: res.text, setCookie: res.headers.get('set-cookie') });
    return res;
  };
  const slugs = (page: Json) => page.items.map((i: Json) => i.slug);

  beforeAll(async () => {
    api = await startTestApi({ PUBLIC_URL: BASE, MEDIA_DIR: path.join(dir, 'media'), QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`, PUBLIC_SITE_NAME: 'Bibliotheek Eindhoven' });
    kit = publicationKit(api);
    const nl = await kit.series({ title: 'Zelf je boeken verlengen', category: 'Digitale vaardigheden', description: 'Korte uitlegvideo’s' });
    const en = await kit.series({ title: 'Library app basics', language: 'en', category: 'digital skills' });
    const staff = await kit.series({ title: 'Voor medewerkers' });

    v.renew = await kit.episode(nl.id, 'Je boeken verlengen', 'Zo verleng je je boeken thuis, met de app.');
    await kit.ok('producer', 'PATCH', `/episodes/${v.renew.id}/publication`, {
      tags: ['bibliotheekpas'],
      transcript: [
        { startS: 0, text: 'Welkom bij de bibliotheek.' },
        { startS: 4.5, text: 'Vul je wachtwoord in en tik op inloggen.' },
      ],
      chapters: [{ startS: 0, title: 'Inloggen' }],
    });
    v.english = await kit.episode(en.id, 'Renewing your loans', 'Extend the loan period from home.');
    v.unlisted = await kit.episode(nl.id, 'Verlengen voor de leesclub', 'Alleen via de link.');
    v.internal = await kit.episode(staff.id, 'Verlengen aan de balie', 'Interne instructie voor medewerkers.');
    v.scheduled = await kit.episode(nl.id, 'Verlengen met DigiD', 'Komt binnenkort.');
    v.offline = await kit.episode(nl.id, 'Verlengen in de oude app', 'Niet meer actueel.');
    v.retired = await kit.episode(nl.id, 'Verlengen per fax', 'Gestopt.');
    v.draft = await kit.episode(nl.id, 'Verlengen zonder pas', 'Nog in de maak.');

    for (const key of ['renew', 'english', 'offline', 'retired']) Object.assign(v[key], await kit.publish(v[key].id, 'public'));
    Object.assign(v.unlisted, await kit.publish(v.unlisted.id, 'unlisted'));
    Object.assign(v.internal, await kit.publish(v.internal.id, 'internal'));
    await kit.ok('producer', 'POST', `/episodes/${v.scheduled.id}/submit`);
    await kit.ok('editor', 'POST', `/episodes/${v.scheduled.id}/approve`);
    Object.assign(v.scheduled, await kit.ok('editor', 'POST', `/episodes/${v.scheduled.id}/publish`, { visibility: 'public', publishAt: new Date(Date.now() + 86_400_000).toISOString() }));
    await kit.ok('editor', 'POST', `/episodes/${v.offline.id}/unpublish`);
    await kit.ok('editor', 'POST', `/episodes/${v.retired.id}/retire`);
    // Published last, so it is the newest.
    await kit.ds().query(`UPDATE episodes SET published_at = published_at - interval '1 day' WHERE id <> $1`, [v.english.id]);
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists published, listed videos only, newest first', async () => {
    const page = await get('videoPage', '/public/videos');
    expect(page.status).toBe(200);
    expect(slugs(page.body)).toEqual(['renewing-your-loans', 'je-boeken-verlengen']);
    expect(page.body).toMatchObject({ total: 2, page: 1, pageSize: 24 });
    expect(page.body.items[1]).toEqual({
      slug: 'je-boeken-verlengen',
      title: 'Je boeken verlengen',
      description: 'Zo verleng je je boeken thuis, met de app.',
      series: { slug: 'zelf-je-boeken-verlengen', title: 'Zelf je boeken verlengen' },
      language: 'nl',
      category: 'Digitale vaardigheden',
      tags: ['bibliotheekpas'],
      durationS: 184.2,
      posterUrl: `${BASE}/api/public/videos/je-boeken-verlengen/files/hls/poster.jpg`,
      publishedAt: expect.any(String),
      url: `${BASE}/video/je-boeken-verlengen`,
    });
    expect((await get('videoPage', '/public/videos?page=2')).body).toMatchObject({ items: [], total: 2, page: 2 });
  });

  it.each([
    ['verlengen', ['je-boeken-verlengen']],
    ['verlenging', ['je-boeken-verlengen']],
    ['boek verlengen', ['je-boeken-verlengen']],
    ['wachtwoord', ['je-boeken-verlengen']],
    ['bibliotheekpas', ['je-boeken-verlengen']],
    ['renewed', ['renewing-your-loans']],
    ['loan', ['renewing-your-loans']],
    ['balie', []],
    ['leesclub', []],
    ['DigiD', []],
    ['fax', []],
  ])('searching "%s" in Dutch and English finds %j', async (q, found) => {
    expect(slugs((await get('videoPage', `/public/videos?q=${encodeURIComponent(q)}`)).body)).toEqual(found);
  });

  it('filters by series, category and language, and refuses bad filters', async () => {
    expect(slugs((await get('videoPage', '/public/videos?series=library-app-basics')).body)).toEqual(['renewing-your-loans']);
    expect(slugs((await get('videoPage', '/public/videos?category=digitale%20vaardigheden')).body)).toEqual(['je-boeken-verlengen']);
    expect(slugs((await get('videoPage', '/public/videos?lang=en&q=renew')).body)).toEqual(['renewing-your-loans']);
    expect(slugs((await get('videoPage', '/public/videos?lang=nl&q=renew')).body)).toEqual([]);
    expect((await get(null, '/public/videos?page=0')).status).toBe(400);
    expect((await get(null, '/public/videos?state=draft')).body.fields.state).toBeDefined();
  });

  it('shows a listed or unlisted video by its address, with what the player needs; nothing else', async () => {
    const renew = await get('video', '/public/videos/je-boeken-verlengen');
    expect(renew.body).toMatchObject({
      listed: true,
      hlsUrl: `${BASE}/api/public/videos/je-boeken-verlengen/files/hls/master.m3u8`,
      embedUrl: `${BASE}/embed/je-boeken-verlengen`,
      storyboardUrl: `${BASE}/api/public/videos/je-boeken-verlengen/files/hls/storyboard.vtt`,
      captions: [{ language: 'nl', label: 'Nederlands', url: `${BASE}/api/public/videos/je-boeken-verlengen/files/hls/captions/nl.vtt` }],
      transcript: [
        { startS: 0, text: 'Welkom bij de bibliotheek.' },
        { startS: 4.5, text: 'Vul je wachtwoord in en tik op inloggen.' },
      ],
      chapters: [{ startS: 0, title: 'Inloggen' }],
    });
    expect((await get('video', '/public/videos/verlengen-voor-de-leesclub')).body).toMatchObject({ listed: false, title: 'Verlengen voor de leesclub' });
    for (const key of ['internal', 'scheduled', 'offline', 'retired']) {
      const res = await get('video', `/public/videos/${v[key].slug}`);
      expect([key, res.status]).toEqual([key, 404]);
    }
  });

  it('lists series with published, listed videos; a series page lists only those', async () => {
    const list = await get('seriesList', '/public/series');
    expect(list.body.items.map((s: Json) => [s.slug, s.videoCount])).toEqual([
      ['library-app-basics', 1],
      ['zelf-je-boeken-verlengen', 1],
    ]);
    const nl = await get('series', '/public/series/zelf-je-boeken-verlengen');
    expect(nl.body).toMatchObject({ title: 'Zelf je boeken verlengen', feedUrl: `${BASE}/api/public/feeds/series/zelf-je-boeken-verlengen.rss`, url: `${BASE}/reeks/zelf-je-boeken-verlengen` });
    expect(slugs({ items: nl.body.videos })).toEqual(['je-boeken-verlengen']);
    expect((await get('series', '/public/series/voor-medewerkers')).status).toBe(404);
  });

  it('answers with an ETag and cache headers, and 304 when nothing changed', async () => {
    const first = await get('videoPage', '/public/videos');
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    // As a browser revalidates (fetch() itself would add Cache-Control: no-cache to a conditional request).
    const revalidate = (tag: string) => ({ 'if-none-match': tag, 'cache-control': 'max-age=0' });
    const again = await get(null, '/public/videos', revalidate(etag));
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const detail = await get('video', '/public/videos/je-boeken-verlengen');
    expect((await get(null, '/public/videos/je-boeken-verlengen', revalidate(detail.headers.get('etag')!))).status).toBe(304);

    await kit.ok('editor', 'POST', `/episodes/${v.unlisted.id}/publish`, { visibility: 'public' });
    const changed = await get('videoPage', '/public/videos', revalidate(etag));
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.body.total).toBe(3);
    await kit.ok('editor', 'POST', `/episodes/${v.unlisted.id}/publish`, { visibility: 'unlisted' });
  });

  it('serves the files of a published video only, with Range support', async () => {
    const hls = path.join(dir, 'media', 'media', v.renew.assetId, 'hls');
    await mkdir(hls, { recursive: true });
    await writeFile(path.join(hls, 'master.m3u8'), '#EXTM3U\n#EXT-X-VERSION:7\n');
    await writeFile(path.join(hls, 'notes.json'), '{"internal":true}');
    const master = await get(null, '/public/videos/je-boeken-verlengen/files/hls/master.m3u8');
    expect(master.status).toBe(200);
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(master.text).toBe('#EXTM3U\n#EXT-X-VERSION:7\n');
    expect((await get(null, '/public/videos/je-boeken-verlengen/files/hls/master.m3u8', { range: 'bytes=0-6' })).text).toBe('#EXTM3U');
    expect((await get(null, '/public/videos/je-boeken-verlengen/files/hls/notes.json')).status).toBe(404);
    expect((await get(null, '/public/videos/je-boeken-verlengen/files/hls/..%2F..%2Fsecret.m3u8')).status).toBe(404);

    const offline = path.join(dir, 'media', 'media', v.offline.assetId, 'hls');
    await mkdir(offline, { recursive: true });
    await writeFile(path.join(offline, 'master.m3u8'), '#EXTM3U\n');
    expect((await get(null, `/public/videos/${v.offline.slug}/files/hls/master.m3u8`)).status).toBe(404);
  });

  it('offers RSS 2.0 feeds with enclosures, for all videos and per series', async () => {
    const feed = await get(null, '/public/feeds/all.rss');
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(feed.headers.get('etag')).toBeTruthy();
    const rss = parseXml(feed.text);
    expect([rss.name, rss.attributes.version]).toEqual(['rss', '2.0']);
    const channel = child(rss, 'channel');
    expect(child(channel, 'title').text).toBe('Bibliotheek Eindhoven: video’s');
    const items = all(channel, 'item');
    expect(items.map((i) => child(i, 'title').text)).toEqual(['Renewing your loans', 'Je boeken verlengen']);
    expect(child(items[1], 'enclosure').attributes).toEqual({
      url: `${BASE}/api/public/videos/je-boeken-verlengen/files/hls/master.m3u8`,
      length: '0',
      type: 'application/vnd.apple.mpegurl',
    });
    expect(child(items[1], 'link').text).toBe(`${BASE}/video/je-boeken-verlengen`);
    expect(Number.isNaN(Date.parse(child(items[1], 'pubDate').text))).toBe(false);

    const series = child(parseXml((await get(null, '/public/feeds/series/zelf-je-boeken-verlengen.rss')).text), 'channel');
    expect(all(series, 'item').map((i) => child(i, 'title').text)).toEqual(['Je boeken verlengen']);
    expect(child(series, 'language').text).toBe('nl');
    expect((await get(null, '/public/feeds/series/voor-medewerkers.rss')).status).toBe(404);
    expect((await get(null, '/public/feeds/series/bestaat-niet.rss')).status).toBe(404);
    for (const text of [feed.text, (await get(null, '/public/feeds/series/zelf-je-boeken-verlengen.rss')).text]) {
      expect(text).not.toMatch(/leesclub|balie|DigiD|oude app|fax|zonder pas/);
      expect(text).not.toMatch(UUID);
    }
  });

  it('offers a sitemap of the listed pages', async () => {
    const res = await get(null, '/public/sitemap.xml');
    expect(all(parseXml(res.text), 'loc').map((l) => l.text)).toEqual([
      `${BASE}/`,
      `${BASE}/reeks/library-app-basics`,
      `${BASE}/reeks/zelf-je-boeken-verlengen`,
      `${BASE}/video/renewing-your-loans`,
      `${BASE}/video/je-boeken-verlengen`,
    ]);
  });

  it('answers oEmbed for watch and embed pages with an iframe of the embed page', async () => {
    const url = encodeURIComponent(`${BASE}/video/je-boeken-verlengen`);
    const res = await get('oembed', `/public/oembed?url=${url}&format=json`);
    expect(res.body).toEqual({
      type: 'video',
      version: '1.0',
      title: 'Je boeken verlengen',
      author_name: 'Zelf je boeken verlengen',
      author_url: `${BASE}/reeks/zelf-je-boeken-verlengen`,
      provider_name: 'Bibliotheek Eindhoven',
      provider_url: `${BASE}/`,
      html: `<iframe src="${BASE}/embed/je-boeken-verlengen" width="640" height="360" title="Je boeken verlengen" style="border:0" allow="fullscreen; picture-in-picture" allowfullscreen></iframe>`,
      width: 640,
      height: 360,
    });
    expect((await get('oembed', `/public/oembed?url=${encodeURIComponent(`${BASE}/embed/verlengen-voor-de-leesclub`)}&maxwidth=320`)).body).toMatchObject({ width: 320, height: 180 });
    expect((await get(null, `/public/oembed?url=${encodeURIComponent(`${BASE}/videos/${v.internal.slug}`)}`)).status).toBe(404);
    expect((await get(null, `/public/oembed?url=${encodeURIComponent('https://elders.example.org/videos/je-boeken-verlengen')}`)).status).toBe(404);
    expect((await get(null, `/public/oembed?url=${url}&format=xml`)).status).toBe(501);
    expect((await get(null, '/public/oembed')).status).toBe(400);
  });

  it('counts views without cookies or addresses; staff see views and watch-through', async () => {
    const beacon = (slug: string, watchedSeconds: number, durationSeconds = 999) =>
      kit.call(null, 'POST', `/public/videos/${slug}/views`, { watchedSeconds, durationSeconds });
    const first = await beacon('je-boeken-verlengen', 92.1);
    expect(first.status).toBe(204);
    expect(first.headers.get('set-cookie')).toBeNull();
    expect((await beacon('je-boeken-verlengen', 400)).status).toBe(204);
    expect((await beacon('verlengen-voor-de-leesclub', 10)).status).toBe(204);
    expect((await beacon(v.internal.slug, 10)).status).toBe(404);
    expect((await beacon(v.offline.slug, 10)).status).toBe(404);
    expect((await kit.call(null, 'POST', '/public/videos/je-boeken-verlengen/views', { watchedSeconds: -1, durationSeconds: 0 })).status).toBe(400);

    expect((await kit.call(null, 'GET', '/stats/videos')).status).toBe(401);
    expect((await kit.call('producer', 'GET', '/stats/videos')).status).toBe(403);
    const stats = await kit.call('editor', 'GET', '/stats/videos');
    expect(stats.body.items.map((i: Json) => [i.title, i.views, i.watchedSeconds, i.averageWatchThrough])).toEqual([
      ['Je boeken verlengen', 2, 92.1 + 184.2, 0.75],
      ['Verlengen voor de leesclub', 1, 10, expect.closeTo(10 / 184.2, 6)],
    ]);
    expect((await kit.call('editor', 'GET', '/stats/videos?from=2020-01-01&to=2020-01-31')).body.items).toEqual([]);
    expect((await kit.call('editor', 'GET', '/stats/videos?from=2020-02-01&to=2020-01-31')).status).toBe(400);

    const columns = await kit.ds().query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'video_views_daily' ORDER BY ordinal_position`);
    expect(columns.map((c: Json) => c.column_name)).toEqual(['episode_id', 'day', 'views', 'watched_s', 'watch_through_sum']);
    const tracking = await kit.ds().query(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name ~ '(^|_)(ip|ip_address|user_agent|cookie|visitor)(_|$)'`);
    expect(tracking).toEqual([]);
  });

  it('limits view reports from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const batch = await Promise.all(Array.from({ length: 25 }, () => kit.call(null, 'POST', '/public/videos/renewing-your-loans/views', { watchedSeconds: 1, durationSeconds: 10 })));
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 204).length).toBeLessThanOrEqual(120);
    const limited = await kit.call(null, 'POST', '/public/videos/renewing-your-loans/views', { watchedSeconds: 1, durationSeconds: 10 });
    expect(limited.status).toBe(429);
    expect(limited.body.message).toBe('Too many views reported from this address. Wait a minute.');
  });

  it('leaks nothing: every field of every public answer is on the allow-list; no ids, e-mail addresses or storage keys', async () => {
    expect(responses.length).toBeGreaterThan(20);
    for (const r of responses) {
      const unexpected = keyPaths(r.body).filter((p) => !ALLOWED[r.what].includes(p));
      expect([r.path, unexpected]).toEqual([r.path, []]);
      expect([r.path, r.text.match(UUID)?.[0] ?? null]).toEqual([r.path, null]);
      expect(r.text).not.toMatch(/@demo\.library|uploads\/|media\/[0-9a-f]|source_?key|password|stream_?key|in_review|approved|internal/i);
      expect(r.setCookie).toBeNull();
      for (const url of JSON.stringify(r.body).match(/https?:\/\/[^"\s]+/g) ?? []) expect(url.startsWith(`${BASE}/`)).toBe(true);
    }
    const seen = new Set(responses.map((r) => r.what));
    expect([...seen].sort()).toEqual(Object.keys(ALLOWED).sort());
  });
});
