import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, personPage, screenshot, visible } from './support/browser';
import { DEMO_PASSWORD, RunningStack, startStack } from './support/server';

const LONG = 180_000;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const TITLE = 'Lezing: wandelen door de oude binnenstad';
/** The encoder stops by itself after this long, whatever happens to the test. */
const PUSH_MAX_S = 40;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * A livestream as the library runs it, in Chromium against the built API and dashboard: a planner prepares a public
 * broadcast that starts now, opens its control room and waits for the encoder; an encoder pushes RTMP like OBS does;
 * the control room shows the picture coming in; a patron on a phone finds it under “Nu live” and watches it; the
 * planner stops it from the control room, and the patron's page then says it has ended and when the recording comes.
 */
describe('live in Chromium: encoder → control room → patron live page', () => {
  let stack: RunningStack;
  let browser: Browser;
  let dir: string;
  let encoder: ChildProcess | undefined;
  let encoderLog = '';
  let token: string;
  let broadcastId: string;
  let rtmp: { rtmpUrl: string; streamKey: string };
  let staff: Page;
  let patron: Page;
  const confirms: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(process.env.TEST_RUN_DIR ?? os.tmpdir(), 'live-e2e-'));
    [stack, browser] = await Promise.all([
      startStack({ env: { LIVE_DIR: path.join(dir, 'live'), LIVE_MIN_FREE_MB: '1' } }),
      launchBrowser(),
    ]);
  }, LONG);
  afterAll(async () => {
    if (encoder && encoder.exitCode === null && encoder.signalCode === null) {
      const gone = new Promise((r) => encoder!.once('exit', r));
      encoder.kill('SIGKILL');
      await gone;
    }
    await browser?.close();
    await stack?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, LONG);

  const open = (viewport = DESKTOP): Promise<Page> => personPage(browser, viewport, (message) => confirms.push(message));
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
  const api = async (method: string, url: string, body?: object): Promise<Json> => {
    const res = await fetch(`${stack.url}/api${url}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const stat = (page: Page, name: string) => page.locator('.stats div', { has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd').textContent();

  it('a planner prepares a public broadcast that starts now and gets the RTMP address and key', async () => {
    const login = await fetch(`${stack.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'planner@demo.library', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { accessToken: string }).accessToken;

    const room = await api('POST', '/rooms', { name: 'Zaal 1', capacity: 60 });
    const start = new Date();
    const b = await api('POST', '/broadcasts', {
      title: TITLE,
      description: 'Een stadsgids vertelt over de oude binnenstad.',
      start: start.toISOString(),
      end: new Date(start.getTime() + 3600_000).toISOString(),
      roomId: room.id,
    });
    broadcastId = b.id;
    expect(b.status).toBe('draft');
    for (const item of b.checklist.filter((i: Json) => i.required)) await api('PATCH', `/broadcasts/${b.id}/checklist/${item.id}`, { done: true });
    await api('POST', `/broadcasts/${b.id}/stream-key`);
    await api('POST', `/broadcasts/${b.id}/transitions`, { to: 'scheduled' });
    expect((await api('POST', `/broadcasts/${b.id}/transitions`, { to: 'ready' })).status).toBe('ready');
    rtmp = await api('GET', `/broadcasts/${b.id}/ingest`);
    expect(rtmp.rtmpUrl).toBe(`rtmp://127.0.0.1:${stack.rtmpPort}/live`);
    expect(rtmp.streamKey).toMatch(/^\S{16,}$/);
  }, LONG);

  it('the control room waits for the encoder, then shows the picture coming in with bitrate and frame rate', async () => {
    staff = await open();
    await staff.goto(`${stack.url}/login`);
    await staff.getByLabel('E-mailadres').fill('planner@demo.library');
    await staff.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await staff.getByRole('button', { name: 'Inloggen' }).click();
    await staff.waitForURL(/\/staff$/);
    await staff.goto(`${stack.url}/staff/broadcasts/${broadcastId}/live`);
    await visible(staff, 'h1', `Regiekamer: ${TITLE}`);
    await visible(staff, 'h1 .badge', 'Klaar voor uitzending');
    await visible(staff, '.signal [role=status]', 'Er komt geen beeld binnen');
    await visible(staff, '.signal p', 'Start nu OBS of de encoder met de server en sleutel hieronder.');
    await expect(stat(staff, 'Bitrate')).resolves.toBe('–');
    await expect(staff.getByRole('button', { name: 'Uitzending stoppen' }).count()).resolves.toBe(0);
    // What to paste into OBS is one click away, and the same as the API gives.
    await staff.getByRole('button', { name: 'Sleutel tonen' }).click();
    await expect(staff.getByLabel('Server (RTMP)').inputValue()).resolves.toBe(rtmp.rtmpUrl);
    await expect(staff.getByLabel('Sleutel', { exact: true }).inputValue()).resolves.toBe(rtmp.streamKey);
    await staff.getByRole('button', { name: 'Verbergen' }).click();
    await staff.getByLabel('Server (RTMP)').waitFor({ state: 'detached', timeout: 5_000 });
    await noAxeViolations(staff);
    await screenshot(staff, 'live-01-control-room-waiting');

    // Like OBS: H.264 with a key frame every second and AAC, over RTMP, at the speed of a live camera.
    encoder = spawn(
      'ffmpeg',
      ['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440',
        '-t', String(PUSH_MAX_S), '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '30', '-pix_fmt', 'yuv420p', '-c:a', 'aac',
        '-f', 'flv', `${rtmp.rtmpUrl}/${rtmp.streamKey}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    encoder.stderr!.on('data', (chunk: Buffer) => (encoderLog += chunk.toString()));

    await visible(staff, '.signal [role=status]', 'Beeld komt binnen', 30_000);
    await visible(staff, 'h1 .badge', 'Live', 15_000);
    const bitrate = await waitFor(() => stat(staff, 'Bitrate'), (t) => /^\d{1,3}(\.\d{3})* kbit\/s$/.test(t ?? ''), 'the bitrate to show');
    expect(Number(bitrate!.replace(/\D/g, ''))).toBeGreaterThan(50);
    const fps = await waitFor(() => stat(staff, 'Beelden per seconde'), (t) => /^\d+(,\d)?$/.test(t ?? ''), 'the frame rate to show');
    expect(Number(fps!.replace(',', '.'))).toBeGreaterThan(20);
    await expect(stat(staff, 'Beeld')).resolves.toBe('640×360');
    await visible(staff, '.signal p', /Live sinds \d{1,2}:\d{2}/);
    await expect(staff.getByRole('button', { name: 'Uitzending stoppen' }).isVisible()).resolves.toBe(true);
    await noAxeViolations(staff);
    await screenshot(staff, 'live-02-control-room-on-air');
  }, LONG);

  it('a patron on a phone finds it under “Nu live” and watches it', async () => {
    patron = await open(PHONE);
    await patron.goto(`${stack.url}/`);
    const onNow = patron.locator('section', { has: patron.locator('h2', { hasText: 'Nu live' }) });
    await onNow.waitFor({ state: 'visible', timeout: 15_000 });
    await visible(patron, 'section li', new RegExp(`${TITLE}.*Live sinds \\d{1,2}:\\d{2}`));
    await onNow.getByRole('link', { name: TITLE }).click();
    await patron.waitForURL(/\/live\/lezing-wandelen-door-de-oude-binnenstad-[0-9a-f]{8}$/);
    await visible(patron, 'h1', TITLE);
    await visible(patron, '.live-badge', 'Live');
    await patron.getByRole('button', { name: 'Afspelen' }).click();
    const videoTime = () => patron.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime);
    const started = await waitFor(videoTime, (t) => t > 0, 'the live stream to start playing', 30_000);
    await waitFor(videoTime, (t) => t > started + 1, 'the live stream to keep playing', 20_000);
    await expect(patron.locator('[role=alert]').count()).resolves.toBe(0);
    await expect(patron.getByRole('button', { name: 'Pauzeren' }).isVisible()).resolves.toBe(true);
    await noAxeViolations(patron);
    await screenshot(patron, 'live-03-patron-watching-phone');

    // The control room counts the patron as a viewer.
    await waitFor(() => stat(staff, 'Kijkers'), (t) => Number(t) >= 1, 'the viewer to be counted');
  }, LONG);

  it('the planner stops it from the control room; the patron page then says it has ended and when the recording comes', async () => {
    expect(encoder!.exitCode).toBeNull(); // still streaming until now
    const encoderGone = new Promise<void>((r) => encoder!.once('exit', () => r()));
    await staff.getByRole('button', { name: 'Uitzending stoppen' }).click();
    expect(confirms).toEqual(['De uitzending nu stoppen? De encoder wordt losgekoppeld en de opname wordt bewaard.']);
    await visible(staff, 'h1 .badge', 'Afgelopen', 15_000);
    await visible(staff, '.signal [role=status]', 'Er komt geen beeld binnen');
    await expect(staff.getByRole('button', { name: 'Uitzending stoppen' }).count()).resolves.toBe(0);
    await Promise.race([encoderGone, new Promise((_, reject) => setTimeout(() => reject(new Error(`the encoder was not disconnected: ${encoderLog}`)), 10_000))]);
    await visible(staff, '.signal p', /Vorige uitzending afgelopen op/, 20_000);
    await noAxeViolations(staff);
    await screenshot(staff, 'live-04-control-room-stopped');

    // The patron's page looks again by itself and turns into a notice.
    await visible(
      patron,
      '.notice[role=status]',
      'Deze uitzending is afgelopen. De opname wordt klaargemaakt. Je kunt hem terugkijken zodra onze medewerkers hem hebben bekeken.',
      45_000,
    );
    await expect(patron.locator('video').count()).resolves.toBe(0);
    await noAxeViolations(patron);
    await screenshot(patron, 'live-05-patron-ended-phone');
    expect((await (await fetch(`${stack.url}/api/public/live`)).json()).live).toEqual([]);
  }, LONG);
});
