import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, personPage, screenshot, visible } from './support/browser';
import { DEMO_PASSWORD, RunningStack, startStack } from './support/server';

const run = promisify(execFile);
const LONG = 240_000;
const DESKTOP = { width: 1280, height: 900 };
const TABLET = { width: 820, height: 1180 };
const SERIES = 'Digitaal aan de slag';
const EPISODE = 'Je bibliotheekpas verlengen in de app';

/** A 6-second 1280×720 H.264/AAC screencast with a caption burnt in, made at test time. */
async function makeScreencast(dir: string, name: string, seconds: number): Promise<string> {
  const file = path.join(dir, name);
  await run('ffmpeg', [
    '-hide_banner', '-nostdin', '-y', '-loglevel', 'error',
    '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=30:duration=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-vf', "drawtext=text='Stap 1\\: open de app van de bibliotheek':fontcolor=white:fontsize=44:box=1:boxcolor=black@0.6:x=(w-text_w)/2:y=h-120",
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k', '-shortest', file,
  ]);
  return file;
}

/** The wall-clock time in Amsterdam `secondsAhead` from now, as a datetime-local value with seconds. */
function amsterdamIn(secondsAhead: number): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).format(new Date(Date.now() + secondsAhead * 1000));
  return parts.replace(' ', 'T');
}

/**
 * The whole chain after planning, as librarians do it in Chromium against the built API, dashboard and worker:
 * a producer uploads a screencast to an episode and watches it become playable, and submits it; an editor
 * approves it and schedules it a few seconds ahead; a patron then finds it by searching in Dutch and plays it.
 * Every staff screen on the way is checked by axe, and each step is saved as a screenshot.
 */
describe('the chain in Chromium: upload, processing, review, publication, portal', () => {
  let stack: RunningStack;
  let browser: Browser;
  let dir: string;
  let screencast: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(process.env.TEST_RUN_DIR ?? os.tmpdir(), 'chain-'));
    [stack, browser, screencast] = await Promise.all([startStack({ worker: true }), launchBrowser(), makeScreencast(dir, 'verlengen-in-de-app.mp4', 6)]);
  }, LONG);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, LONG);

  const open = (viewport = DESKTOP): Promise<Page> => personPage(browser, viewport);
  const login = async (page: Page, who: string) => {
    await page.goto(`${stack.url}/login`);
    await page.getByLabel('E-mailadres').fill(`${who}@demo.library`);
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/staff$/);
  };
  const noAxeViolations = async (page: Page) => expect(await axeViolations(page)).toEqual([]);
  const waitFor = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeout = 20_000): Promise<T> => {
    const deadline = Date.now() + timeout;
    for (;;) {
      const v = await read();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const videoTime = (page: Page, selector = 'video') => page.locator(selector).first().evaluate((v: HTMLVideoElement) => v.currentTime);

  it('a producer uploads a screencast to an episode, watches it become playable and submits it for review', async () => {
    const page = await open();
    await login(page, 'producer');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Videoreeksen' }).click();
    await page.getByLabel('Titel').fill(SERIES);
    await page.getByLabel('Doelgroep').fill('senioren');
    await page.getByRole('button', { name: 'Reeks maken' }).click();
    await page.waitForURL(/\/staff\/series\/[0-9a-f-]{36}$/);
    await page.getByLabel('Nieuwe aflevering').fill(EPISODE);
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await page.getByRole('link', { name: `Opname van “${EPISODE}”` }).click();
    await page.waitForURL(/\/staff\/episodes\/[0-9a-f-]{36}\/upload$/);

    // The upload screen: drop zone with the server's limit; a wrong kind of file is refused in plain Dutch.
    await visible(page, 'h1', `Opname uploaden: ${EPISODE}`);
    await visible(page, '#upload-hint', /Hoogstens \d/);
    await noAxeViolations(page);
    await screenshot(page, 'chain-01-upload-screen');
    await page.setInputFiles('#upload-file', { name: 'afspeellijst.m3u8', mimeType: 'application/vnd.apple.mpegurl', buffer: Buffer.from('#EXTM3U\n') });
    await visible(page, '[role=alert]', 'Dit soort bestand kan niet.');
    await visible(page, '[role=alert]', 'De server meldt:');
    await noAxeViolations(page);
    await screenshot(page, 'chain-02-upload-refused');

    // The real screencast: uploaded, then the processing screen follows it live.
    await page.setInputFiles('#upload-file', screencast);
    await page.waitForURL(/\/staff\/media\/[0-9a-f-]{36}\?uploaded=1$/, { timeout: 30_000 });
    await visible(page, '.success', 'De upload is klaar.');
    await visible(page, 'h1', EPISODE);
    await screenshot(page, 'chain-03-processing-started');
    const preview = page.locator('app-media-preview video');
    await preview.waitFor({ state: 'visible', timeout: 90_000 });
    await visible(page, '.page-head .badge', 'Klaar', 90_000);
    await visible(page, '[role=status]', 'De video is klaar en kan worden aangeboden ter beoordeling.');
    await visible(page, 'dd', '1280×720');

    // The preview really plays, through hls.js with the staff token.
    await preview.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    const first = await waitFor(() => videoTime(page, 'app-media-preview video'), (t) => t > 0.5, 'the preview to play');
    await waitFor(() => videoTime(page, 'app-media-preview video'), (t) => t > first + 0.5, 'the preview to advance');
    await preview.evaluate((v: HTMLVideoElement) => v.pause());
    await noAxeViolations(page);
    await screenshot(page, 'chain-04-processing-playable');

    // The paused frame becomes the poster.
    await visible(page, '.poster', 'Poster: automatisch gekozen.');
    await preview.evaluate((v: HTMLVideoElement) => (v.currentTime = 3));
    await page.getByRole('button', { name: 'Dit beeld als poster gebruiken' }).click();
    await visible(page, '.poster', 'Poster: het beeld op 0:03.');

    // Chapters are checked before they are saved.
    await page.getByRole('button', { name: 'Hoofdstuk toevoegen' }).click();
    await page.getByRole('button', { name: 'Hoofdstuk toevoegen' }).click();
    await page.locator('#ch-title-0').fill('De app openen');
    await page.locator('#ch-time-1').fill('0:09');
    await page.locator('#ch-title-1').fill('Verlengen');
    await page.getByRole('button', { name: 'Hoofdstukken opslaan' }).click();
    await visible(page, '#ch-time-1-error', 'Deze tijd valt na het einde van de video.');
    await page.locator('#ch-time-1').fill('0:03');
    await page.getByRole('button', { name: 'Hoofdstukken opslaan' }).click();
    await visible(page, '.success', 'De hoofdstukken zijn opgeslagen.');

    // Dutch captions, one broken file first: the line with the mistake is named.
    await page.setInputFiles('#cap-file', { name: 'fout.srt', mimeType: 'application/x-subrip', buffer: Buffer.from('1\n00:00:01,000 -> 00:00:03,000\nOpen de app\n') });
    await page.getByRole('button', { name: 'Ondertiteling uploaden' }).click();
    await visible(page, '[role=alert]', /Regel \d+:/);
    await page.setInputFiles('#cap-file', {
      name: 'nl.srt', mimeType: 'application/x-subrip',
      buffer: Buffer.from('1\n00:00:00,500 --> 00:00:03,000\nOpen de app van de bibliotheek.\n\n2\n00:00:03,000 --> 00:00:05,500\nTik op Mijn pas en dan op Verlengen.\n'),
    });
    await page.getByRole('button', { name: 'Ondertiteling uploaden' }).click();
    await visible(page, '.success', 'Ondertiteling in het Nederlands opgeslagen.');
    await noAxeViolations(page);
    await screenshot(page, 'chain-05-captions-and-chapters');

    await page.getByRole('button', { name: 'Aanbieden ter beoordeling' }).click();
    await visible(page, '.success', 'Aangeboden. Een redacteur bekijkt de video en publiceert hem.');
    await visible(page, '#review-title + p', 'Wacht op beoordeling');
    await screenshot(page, 'chain-06-submitted');
  }, LONG);

  it('an editor approves it and schedules it a few seconds ahead; a patron finds it in Dutch and plays it', async () => {
    const page = await open();
    await login(page, 'editor');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beoordelen' }).click();
    await visible(page, 'h1', 'Beoordelen');
    await visible(page, 'tbody tr', new RegExp(`${EPISODE}\\s*${SERIES}\\s*Wacht op beoordeling\\s*Klaar`));
    await noAxeViolations(page);
    await screenshot(page, 'chain-07-review-queue');

    await page.getByRole('link', { name: EPISODE }).click();
    await page.waitForURL(/\/staff\/review\/[0-9a-f-]{36}$/);
    await visible(page, 'h1', EPISODE);
    await page.locator('app-media-preview video').waitFor({ state: 'visible' });
    await visible(page, 'dd', '1 ondertitel(s) · 2 hoofdstuk(ken)');
    await visible(page, '.audit', /Aangeboden ter beoordeling · Priya Producer/);
    await page.getByRole('button', { name: 'Terugsturen naar de producent' }).click();
    await visible(page, '#r-comment-error', 'Schrijf kort wat er anders moet.');
    await noAxeViolations(page);
    await screenshot(page, 'chain-08-review-episode');

    await page.getByRole('button', { name: 'Goedkeuren' }).click();
    await visible(page, '.success', 'Goedgekeurd. Kies nu hoe en wanneer de video online komt.');
    await page.getByRole('button', { name: 'Nu publiceren' }).click();
    await visible(page, '#p-visibility-error', 'Kies wie de video mag zien.');
    await page.getByLabel(/^Openbaar/).check();
    await page.getByLabel('Op een later moment').check();
    await page.getByLabel('Datum en tijd').fill(amsterdamIn(-60));
    await page.getByRole('button', { name: 'Publicatie inplannen' }).click();
    await visible(page, '#p-at-error', 'Dit moment is al voorbij.');
    const at = amsterdamIn(10);
    await page.getByLabel('Datum en tijd').fill(at);
    await page.getByRole('button', { name: 'Publicatie inplannen' }).click();
    await visible(page, '.success', 'Ingepland: de video komt online op');
    await visible(page, '.audit', 'Publicatie ingepland · voor');
    await visible(page, 'dt', 'Gaat online op');
    await noAxeViolations(page);
    await screenshot(page, 'chain-09-publication-scheduled');

    // The header at tablet width: the menu is one row under the brand, not a column.
    await page.setViewportSize(TABLET);
    const tops = await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').evaluateAll((links) => links.map((l) => Math.round(l.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await noAxeViolations(page);
    await screenshot(page, 'chain-10-review-tablet');

    // Patrons: not there before the time, there after it (the worker publishes on schedule). The portal's answers
    // may be cached for a minute, so the patron who comes later is a new visitor.
    const early = await open();
    await early.goto(`${stack.url}/zoeken?q=verlengen`);
    await visible(early, '[role=status]', 'Geen video’s gevonden voor “verlengen”.');
    await waitFor(
      async () => ((await (await fetch(`${stack.url}/api/public/videos?q=verlengen`)).json()) as { total: number }).total,
      (total) => total === 1,
      'the scheduled publication to reach the portal',
      45_000,
    );
    const patron = await open();
    await patron.goto(`${stack.url}/`);
    await patron.getByLabel('Waar wil je meer over weten?').fill('verlengen');
    await patron.keyboard.press('Enter');
    await patron.waitForURL(/\/zoeken\?q=verlengen$/);
    await visible(patron, '[role=status]', '1 video gevonden voor “verlengen”');
    await screenshot(patron, 'chain-11-portal-search');
    await patron.getByRole('link', { name: EPISODE }).first().click();
    await patron.waitForURL(/\/video\/[a-z0-9-]+$/);
    await visible(patron, 'h1', EPISODE);
    await patron.getByRole('button', { name: 'Afspelen' }).click();
    const started = await waitFor(() => videoTime(patron), (t) => t > 0.5, 'the patron’s playback to start');
    await waitFor(() => videoTime(patron), (t) => t > started + 0.5, 'the patron’s playback to advance');
    await screenshot(patron, 'chain-12-portal-playing');

    // Back in the dashboard, the editor sees it published by the schedule.
    await page.reload();
    await visible(page, '.page-head .badge', 'Gepubliceerd');
    await visible(page, '.audit', /Gepubliceerd · .*automatisch/);
    await screenshot(page, 'chain-13-published-history');
  }, LONG);

  it('an upload survives a page reload and continues where it stopped; a file the worker cannot use is explained', async () => {
    // Over 100 MiB, so it goes in three chunks; raw (unencoded) video, which the probe refuses.
    const raw = path.join(dir, 'ruwe-opname.mkv');
    await run('ffmpeg', ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=20:duration=4', '-c:v', 'rawvideo', '-pix_fmt', 'yuv420p', raw]);
    const size = (await stat(raw)).size;
    expect(size).toBeGreaterThan(100 * 1024 * 1024);

    const page = await open();
    await login(page, 'producer');
    const token = await page.evaluate(() => sessionStorage.getItem('accessToken'));
    const api = async <T>(url: string, body: object): Promise<T> => {
      const res = await fetch(`${stack.url}${url}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      return res.json() as Promise<T>;
    };
    const series = await api<{ id: string }>('/api/series', { title: 'Opnames van lezingen' });
    const episode = await api<{ id: string }>(`/api/series/${series.id}/episodes`, { title: 'Lezing over de stad' });

    // The page is reloaded in the middle of the upload: the browser remembers it and the server keeps the bytes.
    await page.goto(`${stack.url}/staff/episodes/${episode.id}/upload`);
    await page.setInputFiles('#upload-file', raw);
    const progress = page.locator('progress').first();
    await waitFor(() => progress.evaluate((p: HTMLProgressElement) => p.value), (v) => v >= 15, 'the upload to get going', 30_000);
    await screenshot(page, 'chain-14-upload-progress');
    await page.reload();
    await visible(page, '[role=status]', /Onderbroken upload van “ruwe-opname.mkv”: \d+% staat al op de server. Kies hetzelfde bestand opnieuw om verder te gaan./);
    const kept = Number((await page.locator('.unfinished p').innerText()).match(/(\d+)%/)![1]);
    expect(kept).toBeGreaterThan(0);
    await noAxeViolations(page);
    await screenshot(page, 'chain-15-upload-interrupted');

    await page.setInputFiles('#upload-file', raw);
    await visible(page, '[role=status]', `Upload hervat vanaf ${kept}%`);
    await page.waitForURL(/\/staff\/media\/[0-9a-f-]{36}\?uploaded=1$/, { timeout: 30_000 });
    await visible(page, '[role=alert]', 'Deze video kan niet worden gebruikt.', 30_000);
    await visible(page, '[role=alert]', 'Het beeld is opgeslagen in een formaat dat we niet kunnen verwerken.');
    await visible(page, '.page-head .badge', 'Afgewezen');
    await noAxeViolations(page);
    await screenshot(page, 'chain-16-upload-resumed-and-rejected');
  }, LONG);
});
