import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { MediaAssetEntity } from '@app/db';
import { Jobs } from '@app/jobs';
import type { Storage } from '@app/storage';
import { startProbeWorker } from '../../../worker/src/processors/probe.processor';
import { startTranscodeWorkers } from '../../../worker/src/processors/transcode.processor';
import { startTestApi, TestApi } from '../testing/test-app';
import { startTestWorkers } from '../testing/test-workers';

jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const METRICS_TOKEN = 'prometheus-scrape-token-0123';

describe('processing recordings through the API (real API, worker, ffmpeg, PostgreSQL, Redis)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'media-processing-'));
  const at = (...p: string[]) => path.join(dir, ...p);
  let api: TestApi;
  let ds: DataSource;
  let storage: Storage;
  let workers: ReturnType<typeof startTestWorkers>;
  let producer: string;
  let editor: string;
  let planner: string;
  let admin: string;
  let clip: Buffer;

  const call = (method: string, url: string, token: string | null, body?: string | object, type = 'application/json') =>
    fetch(`${api.url}${url}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': type }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const asset = async (id: string): Promise<Json> => (await call('GET', `/api/media/${id}`, producer)).json();
  const json = async (res: Response): Promise<Json> => res.json();
  const until = async <T>(what: string, check: () => Promise<T | false | null | undefined>, timeoutMs = 90_000): Promise<T> => {
    for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(100)) {
      const value = await check();
      if (value) return value;
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const settled = (id: string) => until(`asset ${id} to settle`, async () => {
    const a = await asset(id);
    return ['ready', 'failed'].includes(a.status) && a;
  });

  /** A probed-and-queued recording, as an upload leaves it: stored bytes and a probe job. */
  async function addRecording(bytes: Buffer): Promise<string> {
    const id = randomUUID();
    await storage.put(storage.uploadKey(id), Readable.from([bytes]));
    const repo = ds.getRepository(MediaAssetEntity);
    await repo.save(repo.create({ id, filename: 'workshop.mp4', sourceKey: storage.uploadKey(id), sizeBytes: bytes.length, status: 'uploaded' }));
    await api.app.get(Jobs).probe(id);
    return id;
  }

  beforeAll(async () => {
    execFileSync('ffmpeg', [
      '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=1280x720:r=30:d=9', '-f', 'lavfi', '-i', 'sine=f=330:d=9',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '60', '-c:a', 'aac', '-shortest', at('clip.mp4'),
    ]);
    clip = readFileSync(at('clip.mp4'));
    api = await startTestApi({
      MEDIA_DIR: at('media'),
      QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
      TRANSCODE_LOCK_MS: '2000',
      TRANSCODE_NICENESS: '5',
      METRICS_TOKEN,
    });
    workers = startTestWorkers(api, (deps) => [startProbeWorker(deps), ...startTranscodeWorkers(deps)]);
    ({ ds, storage } = workers.deps);
    [producer, editor, planner, admin] = await Promise.all([api.tokenFor('producer'), api.tokenFor('editor'), api.tokenFor('planner'), api.tokenFor('admin')]);
  });
  afterAll(async () => {
    await workers?.close();
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let ready: string;

  it('streams progress as server-sent events and shows percent and ETA, until the recording is ready to watch', async () => {
    ready = await addRecording(clip);
    const res = await fetch(`${api.url}/api/media/${ready}/events`, { headers: { authorization: `Bearer ${producer}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events: Json[] = [];
    const decoder = new TextDecoder();
    let buffer = '';
    let sawProgressOnGet = false;
    for await (const chunk of res.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.startsWith('event: progress') && data) events.push(JSON.parse(data.slice(6)));
      }
      const last = events.at(-1);
      if (!sawProgressOnGet && last?.status === 'processing' && last.progress.percent > 0) {
        const got = await asset(ready);
        sawProgressOnGet = got.status !== 'processing' || (got.progress.percent > 0 && 'etaSeconds' in got.progress);
      }
    }
    // the stream ends by itself once the asset is ready
    expect(events.at(-1)).toMatchObject({ status: 'ready', progress: null, renditions: expect.arrayContaining([expect.objectContaining({ id: 'v480', width: 854, height: 480 })]) });
    const processing = events.filter((e) => e.status === 'processing');
    expect(processing.length).toBeGreaterThan(1);
    const percents = processing.map((e) => e.progress.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBeGreaterThan(percents[0]);
    expect(processing.some((e) => e.playableAt !== null && e.readyAt === null)).toBe(true);
    expect(sawProgressOnGet).toBe(true);

    const done = await asset(ready);
    expect(done).toMatchObject({
      status: 'ready',
      progress: null,
      masterUrl: `/api/media/${ready}/files/hls/master.m3u8`,
      posterUrl: `/api/media/${ready}/files/hls/poster.jpg`,
      storyboardUrl: `/api/media/${ready}/files/hls/storyboard.vtt`,
    });
    expect(Date.parse(done.playableAt)).toBeLessThan(Date.parse(done.readyAt));
    const master = await call('GET', done.masterUrl, producer);
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(await master.text()).toContain('v480/index.m3u8');
    expect((await call('GET', done.posterUrl, producer)).headers.get('content-type')).toBe('image/jpeg');
  });

  it('adds captions in two languages (SubRip converted, markup cleaned) to the master playlist and keeps their text for search', async () => {
    const srt = '1\n00:00:00,500 --> 00:00:02,000\nWelkom in de <font color="red">bibliotheek</font>\n\n2\n00:00:02,500 --> 00:00:04,000\nU logt in met uw pas\n';
    const nl = await call('PUT', `/api/media/${ready}/captions/nl`, editor, srt, 'application/x-subrip');
    expect(nl.status).toBe(200);
    const en = await call('PUT', `/api/media/${ready}/captions/en?label=English%20(UK)`, producer, 'WEBVTT\n\nSTYLE\n::cue { color: red }\n\n00:00.500 --> 00:02.000\n<i>Welcome</i> <script>x</script>\n', 'text/vtt');
    expect(en.status).toBe(200);
    expect((await json(en)).captions).toEqual([
      { lang: 'nl', label: 'Nederlands', url: `/api/media/${ready}/files/hls/captions/nl.vtt` },
      { lang: 'en', label: 'English (UK)', url: `/api/media/${ready}/files/hls/captions/en.vtt` },
    ]);
    const master = await (await call('GET', `/api/media/${ready}/files/hls/master.m3u8`, producer)).text();
    expect([...master.matchAll(/TYPE=SUBTITLES,.*LANGUAGE="([\w-]+)".*URI="([^"]+)"/g)].map((m) => [m[1], m[2]])).toEqual([['nl', 'captions/nl.m3u8'], ['en', 'captions/en.m3u8']]);
    expect(master).toContain('SUBTITLES="subs"\nv720/index.m3u8');
    const vtt = await call('GET', `/api/media/${ready}/files/hls/captions/nl.vtt`, producer);
    expect(vtt.headers.get('content-type')).toMatch(/^text\/vtt/);
    expect(await vtt.text()).toBe('WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nWelkom in de bibliotheek\n\n00:00:02.500 --> 00:00:04.000\nU logt in met uw pas\n');
    expect(await (await call('GET', `/api/media/${ready}/files/hls/captions/en.vtt`, producer)).text()).toBe('WEBVTT\n\n00:00:00.500 --> 00:00:02.000\n<i>Welcome</i> x\n');
    expect(await (await call('GET', `/api/media/${ready}/files/hls/captions/nl.m3u8`, producer)).text()).toContain('#EXTINF:9.0');
    const stored = await ds.getRepository(MediaAssetEntity).findOneByOrFail({ id: ready });
    expect(stored.captions.map((c) => [c.lang, c.transcript])).toEqual([['nl', 'Welkom in de bibliotheek\nU logt in met uw pas'], ['en', 'Welcome x']]);
    expect((await json(await call('GET', `/api/media/${ready}/captions`, planner))).map((c: Json) => c.lang)).toEqual(['nl', 'en']);

    const removed = await call('DELETE', `/api/media/${ready}/captions/en`, producer);
    expect(removed.status).toBe(200);
    const after = await (await call('GET', `/api/media/${ready}/files/hls/master.m3u8`, producer)).text();
    expect(after).toContain('LANGUAGE="nl"');
    expect(after).not.toContain('LANGUAGE="en"');
    expect((await call('GET', `/api/media/${ready}/files/hls/captions/en.vtt`, producer)).status).toBe(404);
  });

  it('refuses bad caption files with the line of each problem, and callers without the role', async () => {
    const bad = await call('PUT', `/api/media/${ready}/captions/nl`, producer, '1\n00:00:01,000 -> 00:00:02,000\nHallo\n\n2\n00:00:05,000 --> 00:00:03,000\nTerug\n', 'application/x-subrip');
    expect(bad.status).toBe(422);
    const body = await json(bad);
    expect(body.problems).toEqual([
      { line: 2, message: expect.stringContaining('expected a timing line') },
      { line: 6, message: 'the cue ends before it starts' },
    ]);
    expect(body.message).toMatch(/^The caption file cannot be used: line 2/);
    expect((await call('PUT', `/api/media/${ready}/captions/nl`, producer, { text: 'WEBVTT' })).status).toBe(415);
    expect((await call('PUT', `/api/media/${ready}/captions/nl`, producer, 'x'.repeat(1_000_001), 'text/plain')).status).toBe(413);
    expect((await call('PUT', `/api/media/${ready}/captions/not_a_language`, producer, 'WEBVTT\n\n00:01.000 --> 00:02.000\nx\n', 'text/vtt')).status).toBe(400);
    expect((await call('PUT', `/api/media/${ready}/captions/de`, planner, 'WEBVTT\n\n00:01.000 --> 00:02.000\nx\n', 'text/vtt')).status).toBe(403);
    // the earlier Dutch track is untouched
    expect(await (await call('GET', `/api/media/${ready}/files/hls/captions/nl.vtt`, producer)).text()).toContain('Welkom in de bibliotheek');
  });

  it('serves chapters as WebVTT beside the master playlist', async () => {
    const res = await call('PUT', `/api/media/${ready}/chapters`, producer, [{ start: 4, title: 'Inloggen' }, { start: 0, title: 'Welkom & uitleg' }]);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ chapters: [{ startS: 0, title: 'Welkom & uitleg' }, { startS: 4, title: 'Inloggen' }], chaptersUrl: `/api/media/${ready}/files/hls/chapters.vtt` });
    expect(await (await call('GET', `/api/media/${ready}/files/hls/chapters.vtt`, producer)).text()).toBe(
      'WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nWelkom &amp; uitleg\n\n00:00:04.000 --> 00:00:09.000\nInloggen\n',
    );
    const outside = await call('PUT', `/api/media/${ready}/chapters`, producer, [{ start: 60, title: 'Na afloop' }]);
    expect(outside.status).toBe(422);
    expect((await json(outside)).message).toContain('starts outside the recording');
    expect((await call('PUT', `/api/media/${ready}/chapters`, producer, [{ start: -1, title: '' }])).status).toBe(400);
  });

  it('cancels processing mid-encode and leaves nothing behind; processing again starts over and finishes', async () => {
    const id = await addRecording(clip);
    await until('the first rendition to be published', async () => (await asset(id)).playableAt);
    expect((await call('POST', `/api/media/${id}/cancel`, planner)).status).toBe(403);
    const cancelled = await call('POST', `/api/media/${id}/cancel`, producer);
    expect(cancelled.status).toBe(200);
    expect(await json(cancelled)).toMatchObject({ status: 'failed', reasonCode: 'cancelled', progress: null, playableAt: null, renditions: [], masterUrl: null });
    await until('the published files to be removed', async () => (await storage.list(`media/${id}/`)).length === 0);
    await until('the scratch folders to be removed', async () => readdirSync(at('media', 'transcode-work')).every((d) => !d.startsWith(id)));
    await until('ffmpeg to be stopped', async () => !execFileSync('ps', ['-eo', 'args']).toString().includes(id));
    await sleep(1500);
    expect(await storage.list(`media/${id}/`)).toEqual([]);
    expect(await asset(id)).toMatchObject({ status: 'failed', reasonCode: 'cancelled' });
    expect((await call('POST', `/api/media/${id}/cancel`, producer)).status).toBe(409);

    const again = await call('POST', `/api/media/${id}/retranscode`, producer);
    expect(again.status).toBe(202);
    expect(await json(again)).toMatchObject({ status: 'queued', reason: null, progress: { percent: 0 } });
    await until('processing to start again', async () => (await asset(id)).status === 'processing');
    expect((await call('POST', `/api/media/${id}/retranscode`, producer)).status).toBe(409);
    expect(await settled(id)).toMatchObject({ status: 'ready', masterUrl: `/api/media/${id}/files/hls/master.m3u8` });
    expect(await ds.getRepository(MediaAssetEntity).findOneByOrFail({ id })).toMatchObject({ transcodeRun: 1 });
    expect(await storage.list(`media/${id}/hls/v480/`)).toContain(`media/${id}/hls/v480/index.m3u8`);
  });

  it('reports queue depth, job durations and failures to Prometheus (admins or the metrics token only)', async () => {
    expect((await call('GET', '/api/metrics', null)).status).toBe(401);
    expect((await call('GET', '/api/metrics', planner)).status).toBe(403);
    expect((await call('GET', '/api/metrics', 'not-the-token')).status).toBe(401);
    const res = await call('GET', '/api/metrics', METRICS_TOKEN);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^library_queue_jobs\{queue="media-transcode",state="completed"\} [1-9]/m);
    expect(text).toMatch(/^library_queue_jobs\{queue="media-transcode-part",state="waiting"\} 0$/m);
    expect(text).toMatch(/^library_job_duration_seconds_count\{queue="media-transcode",name="transcode",outcome="completed"\} [1-9]/m);
    expect((await call('GET', '/api/metrics', admin)).status).toBe(200);
  });

  it('shows the queue view (Bull Board) to administrators only', async () => {
    expect((await call('GET', '/api/admin/queues', null)).status).toBe(401);
    expect((await call('GET', '/api/admin/queues', planner)).status).toBe(403);
    const forAdmin = await call('GET', '/api/admin/queues', admin);
    expect(forAdmin.status).toBe(200);
    expect(await forAdmin.text()).toContain('<div id="root">');

    expect((await call('POST', '/api/admin/queue-view/session', planner)).status).toBe(403);
    const session = await call('POST', '/api/admin/queue-view/session', admin);
    expect(session.status).toBe(200);
    const cookie = session.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^queue_view=[^;]+; Max-Age=3600; Path=\/api\/admin\/queues; Expires=.*; HttpOnly; SameSite=Strict$/);
    const viaCookie = await fetch(`${api.url}/api/admin/queues/api/queues?activeQueue=media-transcode&status=completed&page=1`, { headers: { cookie: cookie.split(';')[0] } });
    expect(viaCookie.status).toBe(200);
    expect((await json(viaCookie)).queues.map((q: Json) => q.name)).toEqual(expect.arrayContaining(['media-transcode', 'media-transcode-part', 'media-probe']));
    // the cookie's token is not an API bearer token
    expect((await call('GET', '/api/media/' + ready, decodeURIComponent(cookie.split(';')[0].split('=')[1]))).status).toBe(401);
  });
});
