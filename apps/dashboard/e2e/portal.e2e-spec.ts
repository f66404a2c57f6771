import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { Browser, Page } from 'playwright-core';
import { liveSlug } from '@app/domain';
import { CaptionTrack, masterPlaylist, Rendition, storyboardFor, storyboardVtt, subtitlePlaylist } from '@app/media';
import { axeViolations, launchBrowser, screenshot } from './support/browser';
import { RunningStack, startStack } from './support/server';

const run = promisify(execFile);
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const DURATION_S = 30;
const LONG = 120_000;
const SLUG = 'je-boeken-verlengen';
const LINES = [
  { startS: 0.5, nl: 'Open de app van de bibliotheek.', en: 'Open the library app.' },
  { startS: 5, nl: 'Log in met je pasnummer.', en: 'Log in with your card number.' },
  { startS: 10, nl: 'Tik op Mijn boeken.', en: 'Tap My books.' },
  { startS: 15, nl: 'Kies het boek en tik op Verlengen.', en: 'Choose the book and tap Renew.' },
  { startS: 20, nl: 'Je ziet de nieuwe inleverdatum.', en: 'You see the new return date.' },
  { startS: 25, nl: 'Klaar! Zo verleng je je boeken.', en: 'Done! That is how you renew.' },
];
const CHAPTERS = [
  { startS: 0, title: 'Inloggen' },
  { startS: 10, title: 'Een boek verlengen' },
  { startS: 20, title: 'Klaar' },
];

const CAPTIONS: CaptionTrack[] = [
  { language: 'nl', name: 'Nederlands', playlist: 'captions/nl.m3u8' },
  { language: 'en', name: 'English', playlist: 'captions/en.m3u8' },
];

/**
 * hls.js gives the caption tracks it creates a `data:,WEBVTT` source, which the API's Content-Security-Policy
 * (media-src 'self' blob:) refuses; the captions work regardless, as the test shows. Every other error counts.
 */
const HLS_JS_TRACK_SOURCE = /^Loading media from {2}'data:,WEBVTT' violates the following Content Security Policy directive/;

const vtt = (lang: 'nl' | 'en') =>
  `WEBVTT\n\n${LINES.map((l, i) => `${stamp(l.startS)} --> ${stamp(LINES[i + 1]?.startS ?? DURATION_S)}\n${l[lang]}`).join('\n\n')}\n`;
const stamp = (s: number) => new Date(s * 1000).toISOString().slice(11, 23);

/**
 * A screencast in the layout the transcoder leaves in storage (H.264 High + AAC in fMP4 HLS, poster, storyboard),
 * with Dutch and English captions in the master playlist.
 */
async function makeHls(mediaDir: string, assetId: string): Promise<void> {
  const dir = path.join(mediaDir, 'media', assetId, 'hls');
  for (const sub of ['v360', 'audio', 'captions']) await mkdir(path.join(dir, sub), { recursive: true });
  const board = storyboardFor(DURATION_S, { width: 640, height: 360 });
  const hls = (out: string) => ['-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod', '-hls_list_size', '0', '-hls_segment_type', 'fmp4',
    '-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', path.join(dir, out, 'seg_%05d.m4s'), path.join(dir, out, 'index.m3u8')];
  await run('ffmpeg', [
    '-hide_banner', '-nostdin', '-y', '-loglevel', 'error',
    '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=25:duration=${DURATION_S}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${DURATION_S}`,
    '-map', '0:v', '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-level:v', '3.0', '-pix_fmt', 'yuv420p',
    '-g', '50', '-keyint_min', '50', '-sc_threshold', '0', ...hls('v360'),
    '-map', '1:a', '-vn', '-c:a', 'aac', '-b:a', '96k', '-ac', '2', ...hls('audio'),
    '-map', '0:v', '-vf', `fps=1/${board.intervalS},scale=${board.tileWidth}:${board.tileHeight},tile=${board.columns}x${Math.ceil(board.count / board.columns)}`,
    '-frames:v', '1', path.join(dir, board.file),
    '-map', '0:v', '-frames:v', '1', path.join(dir, 'poster.jpg'),
  ]);
  const renditions: Rendition[] = [
    { id: 'v360', kind: 'video', playlist: 'v360/index.m3u8', codecs: 'avc1.64001e', bandwidth: 900_000, width: 640, height: 360, fps: 25 },
    { id: 'audio', kind: 'audio', playlist: 'audio/index.m3u8', codecs: 'mp4a.40.2', bandwidth: 104_000, channels: 2 },
  ];
  await writeFile(path.join(dir, 'storyboard.vtt'), storyboardVtt(board, DURATION_S));
  for (const lang of ['nl', 'en'] as const) {
    await writeFile(path.join(dir, 'captions', `${lang}.vtt`), vtt(lang));
    await writeFile(path.join(dir, 'captions', `${lang}.m3u8`), subtitlePlaylist(`${lang}.vtt`, DURATION_S));
  }
  await writeFile(
    path.join(dir, 'master.m3u8'),
    masterPlaylist(renditions, CAPTIONS),
  );
}

/** A series with one published, listed screencast; beside it a draft and an internal one that must never show. */
async function seed(db: Client, mediaDir: string): Promise<void> {
  const [{ id: seriesId }] = (
    await db.query(
      `INSERT INTO series (title, slug, description, audience, language, category)
       VALUES ('Digitaal aan de slag', 'digitaal-aan-de-slag', 'Korte video’s over de app van de bibliotheek.', 'senioren', 'nl', 'digitale vaardigheden') RETURNING id`,
    )
  ).rows;
  const episode = async (title: string, slug: string, state: string, visibility: string | null, withMedia = false) => {
    const [{ id }] = (
      await db.query(
        `INSERT INTO episodes (series_id, title, description, stage, publication_state, visibility, public_slug, published_at, tags, transcript, chapters)
         VALUES ($1, $2, $3, 'published', $4, $5, $6, CASE WHEN $4 = 'published' THEN now() END, $7, $8, $9) RETURNING id`,
        [seriesId, title, 'In een paar stappen verleng je zelf je geleende boeken in de app.', state, visibility, slug,
          JSON.stringify(['verlengen', 'app']), JSON.stringify(LINES.map((l) => ({ startS: l.startS, text: l.nl }))), JSON.stringify(CHAPTERS)],
      )
    ).rows;
    const assetId = randomUUID();
    await db.query(
      `INSERT INTO media_assets (id, episode_id, filename, source_key, size_bytes, status, format, video_codec, audio_codec, width, height, fps, duration_s,
                                 audio_channels, playable_at, ready_at, poster_file, storyboard_file, captions)
       VALUES ($1, $2, 'verlengen.mp4', $3, 1000000, 'ready', 'mp4', 'h264', 'aac', 640, 360, 25, $4, 2, now(), now(), 'hls/poster.jpg', 'hls/storyboard.vtt', $5)`,
      [assetId, id, `uploads/${assetId}`, DURATION_S, JSON.stringify(CAPTIONS.map((c) => ({ lang: c.language, label: c.name, file: `hls/captions/${c.language}.vtt`, playlist: `hls/${c.playlist}`, transcript: '' })))],
    );
    await db.query(`UPDATE episodes SET published_asset_id = $1 WHERE id = $2`, [assetId, id]);
    if (withMedia) await makeHls(mediaDir, assetId);
  };
  await episode('Je boeken verlengen', SLUG, 'published', 'public', true);
  await episode('Boeken verlengen zonder app (concept)', 'boeken-verlengen-concept', 'draft', null);
  await episode('Verlengen voor medewerkers (intern)', 'verlengen-intern', 'published', 'internal');
}

/**
 * The patron's path in Chromium: finds a screencast by searching in Dutch, plays it (hls.js really playing),
 * turns captions on, reads along and jumps from the transcript, all by keyboard too, on a desktop and a phone.
 * Every page is checked by axe (WCAG 2.1 A/AA).
 */
describe('patron portal in Chromium', () => {
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;
  let db: Client;
  let mediaDir: string;
  let ended: { slug: string };
  let upcoming: { slug: string; title: string };
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(process.env.TEST_RUN_DIR ?? os.tmpdir(), 'portal-media-'));
    [stack, browser] = await Promise.all([startStack({ env: { MEDIA_DIR: mediaDir } }), launchBrowser()]);
    db = new Client({ connectionString: stack.db.url });
    await db.connect();
    await seed(db, mediaDir);
    const broadcast = async (title: string, status: string, startsInH: number) => {
      const { rows } = await db.query(
        `INSERT INTO broadcasts (title, description, starts_at, ends_at, busy, status)
         SELECT $1, 'Een lezing in de grote zaal.', s, s + interval '1 hour', tstzrange(s, s + interval '1 hour', '[)'), $2
         FROM (SELECT now() + make_interval(hours => $3) AS s) t RETURNING id`,
        [title, status, startsInH],
      );
      return { slug: liveSlug(title, rows[0].id), title };
    };
    ended = await broadcast('Lezing over de stad', 'ended', -3);
    upcoming = await broadcast('Spreekuur DigiD', 'scheduled', 24);
  }, LONG);
  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await stack?.stop();
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
  }, LONG);
  afterEach(() => page?.close());

  const open = async (viewport: { width: number; height: number }, url = '/') => {
    page = await browser.newPage({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && !HLS_JS_TRACK_SOURCE.test(m.text()) && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${stack.url}${url}`);
  };
  const visible = (selector: string, text: string | RegExp) => page.locator(selector, { hasText: text }).first().waitFor({ state: 'visible', timeout: 10_000 });
  const noAxeViolations = async () => expect(await axeViolations(page)).toEqual([]);
  const video = () =>
    page.evaluate(() => {
      const v = document.querySelector('video')!;
      return {
        time: v.currentTime,
        paused: v.paused,
        muted: v.muted,
        rate: v.playbackRate,
        tracks: Array.from(v.textTracks).map((t) => ({ language: t.language, mode: t.mode, cues: t.cues?.length ?? 0, active: t.activeCues?.length ?? 0 })),
      };
    });
  const waitFor = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeout = 15_000): Promise<T> => {
    const deadline = Date.now() + timeout;
    for (;;) {
      const v = await read();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const noSideways = async () =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  it('a patron finds the screencast by searching in Dutch, watches it with captions and jumps from the transcript', async () => {
    await open(DESKTOP);
    await visible('h1', 'Uitlegvideo’s van de bibliotheek');
    await visible('section', 'Nieuwste video’s');
    await visible('.series h3', 'Digitaal aan de slag');
    await visible('section', 'Binnenkort live');
    await expect(page.getByRole('link', { name: upcoming.title }).isVisible()).resolves.toBe(true);
    expect(await page.locator('main').innerText()).not.toMatch(/concept|intern/);
    await noAxeViolations();
    await screenshot(page, 'portal-01-home-desktop');

    await page.getByLabel('Waar wil je meer over weten?').fill('verlengen');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/zoeken\?q=verlengen$/);
    await visible('[role=status]', '1 video gevonden voor “verlengen”');
    expect(await page.locator('main h2').allInnerTexts()).toEqual(['Je boeken verlengen']);
    await noAxeViolations();
    await screenshot(page, 'portal-02-search-verlengen');

    await page.getByRole('link', { name: 'Je boeken verlengen' }).click();
    await page.waitForURL(new RegExp(`/video/${SLUG}$`));
    await visible('h1', 'Je boeken verlengen');
    expect(await page.title()).toBe('Je boeken verlengen · Bibliotheek Streams');
    // The product's renditions are H.264 + AAC: this Chromium must decode them through Media Source.
    expect(await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="avc1.42E01E,mp4a.40.2"'))).toBe(true);
    await waitFor(video, (v) => v.tracks.length === 2, 'caption tracks from the master playlist');
    expect((await video()).paused).toBe(true); // never starts by itself
    await noAxeViolations();
    await screenshot(page, 'portal-03-watch-page');

    await page.getByRole('button', { name: 'Afspelen' }).click();
    const first = await waitFor(video, (v) => v.time > 1, 'playback to start');
    await waitFor(video, (v) => v.time > first.time + 1, 'playback to advance');
    await expect(page.getByRole('button', { name: 'Pauzeren' }).isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Ondertiteling' }).click();
    await waitFor(() => page.getByRole('button', { name: 'Ondertiteling' }).getAttribute('aria-pressed'), (p) => p === 'true', 'the captions button pressed');
    const captioned = await waitFor(video, (v) => v.tracks.some((t) => t.language === 'nl' && t.mode === 'showing' && t.active > 0), 'Dutch captions showing');
    expect(captioned.tracks.find((t) => t.language === 'en')!.mode).toBe('disabled');
    await screenshot(page, 'portal-04-playing-with-captions');

    const line = page.getByRole('button', { name: /Kies het boek en tik op Verlengen/ });
    await line.click();
    await waitFor(video, (v) => v.time >= 15 && v.time < 17, 'a jump to the transcript line at 0:15');
    await waitFor(() => line.getAttribute('aria-current'), (c) => c === 'true', 'the clicked line highlighted');
    expect(await page.locator('.lines [aria-current=true]').count()).toBe(1);

    await page.getByRole('button', { name: /Een boek verlengen/ }).click();
    await waitFor(video, (v) => v.time >= 10 && v.time < 12, 'a jump to the chapter at 0:10');

    await page.getByLabel('Snelheid').selectOption('1.5');
    expect((await video()).rate).toBe(1.5);
    await page.getByLabel('Taal ondertiteling').selectOption({ label: 'English' });
    await waitFor(video, (v) => v.tracks.find((t) => t.language === 'en')!.mode === 'showing', 'English captions showing');

    const slider = page.getByRole('slider', { name: 'Plek in de video' });
    const box = (await slider.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
    await visible('.preview', /0:2\d/);
    expect(await page.locator('.preview .tile').evaluate((el) => getComputedStyle(el).backgroundImage)).toContain('/hls/storyboard.jpg');
    await noAxeViolations();
    await screenshot(page, 'portal-05-storyboard-preview');

    // Leaving the page reports one anonymous view with the seconds watched.
    await page.getByRole('link', { name: 'Digitaal aan de slag' }).first().click();
    await page.waitForURL(/\/reeks\/digitaal-aan-de-slag$/);
    const views = await waitFor(
      async () => (await db.query(`SELECT views, watched_s FROM video_views_daily`)).rows as { views: number; watched_s: number }[],
      (rows) => rows.length === 1,
      'one view counted',
    );
    expect(views[0].views).toBe(1);
    expect(views[0].watched_s).toBeGreaterThan(1);
    await visible('h1', 'Digitaal aan de slag');
    await visible('main', 'Deel 1');
    await noAxeViolations();
    await screenshot(page, 'portal-06-series-page');
    expect(consoleErrors).toEqual([]); // no script errors, no Content-Security-Policy refusals
  }, LONG);

  it('works by keyboard alone on a phone: skip link, play, captions, seek, mute, transcript', async () => {
    await open(PHONE, `/video/${SLUG}`);
    await visible('h1', 'Je boeken verlengen');
    await waitFor(video, (v) => v.tracks.length === 2, 'caption tracks');
    await noSideways();

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Naar de inhoud');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    const focused = () => page.evaluate(() => ({ name: (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '', tag: document.activeElement?.tagName }));
    for (let i = 0; i < 6 && (await focused()).name !== 'Afspelen'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ name: 'Afspelen', tag: 'BUTTON' });
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { style: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBe('3px');
    expect(ring.shadow).not.toBe('none');

    await page.keyboard.press(' ');
    const started = await waitFor(video, (v) => !v.paused && v.time > 0.5, 'playback started by Space');
    await page.keyboard.press('c');
    await waitFor(video, (v) => v.tracks.some((t) => t.language === 'nl' && t.mode === 'showing' && t.active > 0), 'captions on by C');
    await visible('[role=status]', 'Ondertiteling aan');
    await screenshot(page, 'portal-07-keyboard-phone-captions');
    const before = (await video()).time;
    await page.keyboard.press('ArrowRight');
    await waitFor(video, (v) => v.time >= before + 9, 'ten seconds forward by →');
    await page.keyboard.press('m');
    expect((await video()).muted).toBe(true);
    await page.keyboard.press('k');
    await waitFor(video, (v) => v.paused, 'paused by K');
    expect(started.time).toBeGreaterThan(0);

    // On to the transcript by Tab, and a jump from a line by Enter.
    for (let i = 0; i < 20 && !(await focused()).name.includes('Je ziet de nieuwe inleverdatum'); i++) await page.keyboard.press('Tab');
    expect((await focused()).name).toContain('Je ziet de nieuwe inleverdatum');
    await page.keyboard.press('Enter');
    await waitFor(video, (v) => v.time >= 20 && v.time < 21, 'a jump to the line at 0:20');
    await noAxeViolations();
    await screenshot(page, 'portal-08-keyboard-phone-transcript');
    expect(consoleErrors).toEqual([]);
  }, LONG);

  it.each([
    ['home', '/', 'Uitlegvideo’s van de bibliotheek'],
    ['search', '/zoeken?q=boeken', 'Zoeken in de video’s'],
    ['series', '/reeks/digitaal-aan-de-slag', 'Digitaal aan de slag'],
  ])('the %s page fits a phone and has no accessibility violations', async (name, url, heading) => {
    await open(PHONE, url);
    await visible('h1', heading);
    await visible('main h2, main h3', 'Je boeken verlengen');
    await noSideways();
    await noAxeViolations();
    await screenshot(page, `portal-phone-${name}`);
  }, LONG);

  it('holds at 200% text size: nothing sideways, every control still there', async () => {
    for (const url of ['/', `/video/${SLUG}`]) {
      await open(DESKTOP, url);
      await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
      await visible('h1', /Uitlegvideo|Je boeken verlengen/);
      await noSideways();
      if (url !== '/') {
        await waitFor(video, (v) => v.tracks.length === 2, 'caption tracks');
        for (const name of ['Afspelen', 'Ondertiteling', 'Volledig scherm']) await expect(page.getByRole('button', { name }).isVisible()).resolves.toBe(true);
      }
      await screenshot(page, `portal-text-200-${url === '/' ? 'home' : 'watch'}`);
      await page.close();
    }
  }, LONG);

  it('switches to English, and the page language follows', async () => {
    await open(DESKTOP);
    await visible('h1', 'Uitlegvideo’s van de bibliotheek');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await visible('h1', 'How-to videos from the library');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await noAxeViolations();
    await screenshot(page, 'portal-09-home-english');
  }, LONG);

  it('plays in the bare embed page, which fits an iframe of the usual size', async () => {
    await open({ width: 640, height: 400 }, `/embed/${SLUG}`);
    await page.getByRole('button', { name: 'Afspelen' }).waitFor();
    expect(await page.locator('header, .transcript').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)).toBeLessThanOrEqual(0);
    await noSideways();
    await noAxeViolations();
    await page.getByRole('button', { name: 'Afspelen' }).click();
    await waitFor(video, (v) => v.time > 1, 'embedded playback');
    await screenshot(page, 'portal-10-embed');
  }, LONG);

  it('shows nothing unpublished or internal, and says so in plain Dutch', async () => {
    for (const slug of ['boeken-verlengen-concept', 'verlengen-intern']) {
      await open(DESKTOP, `/video/${slug}`);
      await visible('[role=alert]', 'Deze video bestaat niet of staat niet meer online.');
      expect(await page.locator('video').count()).toBe(0);
      await noAxeViolations();
      await page.close();
    }
    await open(DESKTOP, '/zoeken?q=concept');
    await visible('[role=status]', 'Geen video’s gevonden voor “concept”.');
    await screenshot(page, 'portal-11-search-nothing');
  }, LONG);

  it('tells when a livestream starts, and that an ended one has no recording', async () => {
    await open(DESKTOP, `/live/${upcoming.slug}`);
    await visible('h1', upcoming.title);
    await visible('[role=status]', 'Deze uitzending begint op');
    await noAxeViolations();
    await page.close();
    await open(DESKTOP, `/live/${ended.slug}`);
    await visible('[role=status]', 'Deze uitzending is afgelopen. Er is geen opname om terug te kijken.');
    await noAxeViolations();
    await screenshot(page, 'portal-12-live-ended');
  });
});
