import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { QUEUES } from '@app/jobs';
import { startTestApi, TestApi } from '../testing/test-app';
import { freePort } from '../testing/free-port';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const GRACE_S = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `fn` returns something truthy. */
async function until<T>(what: string, fn: () => Promise<T> | T, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    await sleep(200);
  }
  throw new Error(`Timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

interface Push {
  child: ChildProcess;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Pushes a generated stream like OBS does: H.264 with a key frame every second, AAC, over RTMP. */
function push(url: string, seconds: number): Push {
  const child = spawn(
    'ffmpeg',
    ['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
      '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '30', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-f', 'flv', url],
    { stdio: 'ignore' },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

/** Whether the process exited within `ms`. */
async function exitsWithin(p: Push, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const result = await Promise.race([p.exited.then(() => true), late]);
  clearTimeout(timer);
  return result;
}

const durationS = (file: string) => Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]).toString().trim());

describe('live: RTMP ingest, live HLS, restreams and recording (real API, ffmpeg, PostgreSQL, Redis)', () => {
  let api: TestApi;
  let db: DataSource;
  let rtmp: string;
  let redis: Redis;
  let probeQueue: Queue;
  const work = mkdtempSync(path.join(os.tmpdir(), 'live-int-'));
  const pushes: Push[] = [];

  const call = async (role: 'planner' | 'producer' | 'editor' | null, method: string, url: string, body?: unknown): Promise<{ status: number; body: Json; headers: Headers }> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (role) headers.authorization = `Bearer ${await api.tokenFor(role)}`;
    const res = await fetch(`${api.url}/api${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text, headers: res.headers };
  };
  const ok = async (role: 'planner' | 'producer' | null, method: string, url: string, body?: unknown) => {
    const res = await call(role, method, url, body);
    if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const startPush = (key: string, seconds: number) => {
    const p = push(`${rtmp}/${key}`, seconds);
    pushes.push(p);
    return p;
  };
  const statusOf = async (id: string) => (await ok('planner', 'GET', `/broadcasts/${id}`)).status;
  const live = (id: string) => ok('producer', 'GET', `/broadcasts/${id}/live`);

  /** A stand-alone broadcast moved to ready with a stream key; `startsInMin` places it around now (or not). */
  async function readyBroadcast(title: string, startsInMin = 10, restreams: { name: string; rtmpUrl: string; streamKey: string }[] = []): Promise<{ id: string; key: string }> {
    const start = new Date(Date.now() + startsInMin * 60_000);
    const b = await ok('planner', 'POST', '/broadcasts', { title, start: start.toISOString(), end: new Date(start.getTime() + 3600_000).toISOString() });
    for (const item of b.checklist) await ok('planner', 'PATCH', `/broadcasts/${b.id}/checklist/${item.id}`, { done: true });
    const { streamKey } = await ok('planner', 'POST', `/broadcasts/${b.id}/stream-key`);
    for (const r of restreams) await ok('planner', 'POST', `/broadcasts/${b.id}/restreams`, r);
    await ok('planner', 'POST', `/broadcasts/${b.id}/transitions`, { to: 'scheduled' });
    await ok('planner', 'POST', `/broadcasts/${b.id}/transitions`, { to: 'ready' });
    return { id: b.id, key: streamKey };
  }

  beforeAll(async () => {
    const prefix = `live-${randomBytes(4).toString('hex')}`;
    const port = await freePort();
    api = await startTestApi({
      RTMP_PORT: String(port),
      LIVE_DIR: path.join(work, 'live'),
      MEDIA_DIR: path.join(work, 'media'),
      LIVE_RECONNECT_GRACE_S: String(GRACE_S),
      LIVE_MIN_FREE_MB: '1',
      QUEUE_PREFIX: prefix,
    });
    db = api.app.get(DataSource);
    rtmp = `rtmp://127.0.0.1:${port}/live`;
    redis = new Redis(process.env.TEST_REDIS_URL!, { maxRetriesPerRequest: null });
    probeQueue = new Queue(QUEUES.probe, { connection: redis, prefix });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(pushes.map((p) => p.stop()));
    await api?.close();
    await probeQueue?.close();
    redis?.disconnect();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('refuses a wrong key and a key outside its window, and stays off air', async () => {
    const later = await readyBroadcast('Later today', 4 * 60);
    const wrong = startPush(`${later.key}x`, 20);
    const early = startPush(later.key, 20);
    expect(await exitsWithin(wrong, 8000)).toBe(true);
    expect(await exitsWithin(early, 8000)).toBe(true);
    expect(await statusOf(later.id)).toBe('ready');
    expect(await db.query(`SELECT id FROM live_sessions WHERE broadcast_id = $1`, [later.id])).toEqual([]);
    expect((await live(later.id)).ingest.state).toBe('offline');
  }, 30_000);

  describe('a stream from OBS with two restream destinations, one of them down', () => {
    let b: { id: string; key: string };
    let first: Push;
    let sink: ChildProcess;
    const sinkFile = path.join(work, 'sink.flv');

    it('goes live on the first segment, serves the rolling playlist, and restreams despite the broken destination', async () => {
      const sinkPort = await freePort();
      const deadPort = await freePort();
      sink = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-listen', '1', '-i', `rtmp://127.0.0.1:${sinkPort}/live/sink-key`, '-c', 'copy', '-f', 'flv', sinkFile], { stdio: 'ignore' });
      b = await readyBroadcast('Lezing: de geschiedenis van onze stad', 10, [
        { name: 'Nowhere', rtmpUrl: `rtmp://127.0.0.1:${deadPort}/live`, streamKey: 'dead-secret-key' },
        { name: 'Local sink', rtmpUrl: `rtmp://127.0.0.1:${sinkPort}/live`, streamKey: 'sink-key' },
      ]);

      first = startPush(b.key, 14);
      await until('the broadcast to be live', async () => (await statusOf(b.id)) === 'live', 15_000);

      const playlist = await call(null, 'GET', `/live/${b.id}/index.m3u8`);
      expect(playlist.status).toBe(200);
      expect(playlist.headers.get('content-type')).toContain('application/vnd.apple.mpegurl');
      expect(playlist.headers.get('cache-control')).toContain('no-cache');
      expect(playlist.body).toContain('#EXT-X-INDEPENDENT-SEGMENTS');
      expect(playlist.body).toContain('#EXT-X-PROGRAM-DATE-TIME');
      const segment = String(playlist.body).split('\n').find((l) => l.endsWith('.ts'))!;
      const seg = await fetch(`${api.url}/api/live/${b.id}/${segment}`);
      expect(seg.status).toBe(200);
      expect(seg.headers.get('content-type')).toBe('video/mp2t');
      expect((await seg.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      expect((await call(null, 'GET', `/live/${b.id}/../../etc/passwd`)).status).toBe(404);

      // A second encoder on the same key is turned away; the first goes on.
      const second = startPush(b.key, 20);
      expect(await exitsWithin(second, 8000)).toBe(true);
      expect(first.child.exitCode).toBeNull();

      const room = await until('both restreams to settle', async () => {
        const s = await live(b.id);
        const byName = Object.fromEntries(s.restreams.map((r: Json) => [r.name, r]));
        return s.ingest.bitrateKbps && byName['Local sink']?.state === 'live' && byName.Nowhere?.state === 'retrying' && byName.Nowhere.attempts >= 2 ? s : null;
      }, 12_000);
      expect(room.ingest).toMatchObject({ state: 'publishing', mode: 'passthrough', videoCodec: '7', audioCodec: '10', width: 640, height: 360, reconnects: 0 });
      expect(room.ingest.fps).toBeGreaterThan(20);
      expect(room.ingest.bitrateKbps).toBeGreaterThan(50);
      expect(room.viewers).toBe(1);
      expect(room.playlist).toBe(`/api/live/${b.id}/index.m3u8`);
      const nowhere = room.restreams.find((r: Json) => r.name === 'Nowhere');
      expect(nowhere.lastError).toBeTruthy();
      expect(nowhere.lastError).not.toContain('dead-secret-key');

      const portal = await ok(null, 'GET', '/public/live');
      expect(portal.live).toEqual([expect.objectContaining({ title: 'Lezing: de geschiedenis van onze stad', playlist: `/api/live/${b.id}/index.m3u8` })]);
      expect(portal.live[0].slug).toBe(`lezing-de-geschiedenis-van-onze-stad-${b.id.slice(0, 8)}`);
      expect(portal.upcoming.map((u: Json) => u.title)).toContain('Later today');
      expect(await ok(null, 'GET', `/public/live/${portal.live[0].slug}`)).toMatchObject({ status: 'live', playlist: `/api/live/${b.id}/index.m3u8`, recording: null });
    }, 60_000);

    it('ends after the grace period once the encoder stops, and its recording becomes a draft episode with a probe job', async () => {
      await first.exited;
      expect((await live(b.id)).ingest.state).toBe('reconnecting');
      expect(await statusOf(b.id)).toBe('live');
      await until('the broadcast to end', async () => (await statusOf(b.id)) === 'ended', (GRACE_S + 10) * 1000);

      const [session] = await until('the recording to be saved', async () => {
        const rows = await db.query(`SELECT id, end_reason AS "endReason", recording_asset_id AS "assetId", episode_id AS "episodeId" FROM live_sessions WHERE broadcast_id = $1 AND episode_id IS NOT NULL`, [b.id]);
        return rows.length ? rows : null;
      });
      expect(session.endReason).toBe('publisher_left');
      const [asset] = await db.query(`SELECT broadcast_id AS "broadcastId", episode_id AS "episodeId", status, source_key AS "sourceKey", size_bytes AS size, filename FROM media_assets WHERE id = $1`, [session.assetId]);
      expect(asset).toMatchObject({ broadcastId: b.id, episodeId: session.episodeId, status: 'uploaded' });
      expect(asset.filename).toMatch(/^lezing-de-geschiedenis-van-onze-stad-\d{4}-\d{2}-\d{2}\.mp4$/);
      const stored = path.join(work, 'media', asset.sourceKey);
      expect(statSync(stored).size).toBe(Number(asset.size));
      expect(durationS(stored)).toBeGreaterThan(11);

      const [episode] = await db.query(`SELECT e.title, e.stage, s.title AS "seriesTitle", s.id AS "seriesId" FROM episodes e JOIN series s ON s.id = e.series_id WHERE e.id = $1`, [session.episodeId]);
      expect(episode).toMatchObject({ stage: 'editing', seriesTitle: 'Lezing: de geschiedenis van onze stad' });
      expect(episode.title).toMatch(/^Lezing: de geschiedenis van onze stad \(\d{4}-\d{2}-\d{2}\)$/);
      expect((await ok('planner', 'GET', `/broadcasts/${b.id}`)).seriesId).toBe(episode.seriesId);

      const jobs = await probeQueue.getJobs(['waiting', 'delayed', 'active', 'prioritized']);
      expect(jobs.map((j) => j.data)).toContainEqual({ assetId: session.assetId });

      const room = await live(b.id);
      expect(room.ingest.state).toBe('offline');
      expect(room.restreams).toEqual([]);
      expect(room.lastSession).toMatchObject({ endReason: 'publisher_left', recordingAssetId: session.assetId, episodeId: session.episodeId });

      const page = await ok(null, 'GET', `/public/live/lezing-de-geschiedenis-van-onze-stad-${b.id.slice(0, 8)}`);
      expect(page).toMatchObject({ status: 'ended', playlist: null, recording: { state: 'processing', availableAt: null } });
      expect(page.recording.message).toMatch(/reviewed/);
      expect((await ok(null, 'GET', '/public/live')).live).toEqual([]);

      await until('the sink to finish', () => sink.exitCode !== null || sink.signalCode !== null, 10_000);
      expect(durationS(sinkFile)).toBeGreaterThan(5);
    }, 60_000);
  });

  it('continues the same session and recording when the encoder reconnects, and stops from the control room', async () => {
    const b = await readyBroadcast('Voorleesuurtje');
    const series = await ok('planner', 'POST', '/series', { title: 'Voorlezen in de bibliotheek' });
    const bad = await call('planner', 'PATCH', `/broadcasts/${b.id}`, { seriesId: '00000000-0000-4000-8000-000000000000' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.seriesId).toEqual(['There is no series with this id.']);
    expect((await ok('planner', 'PATCH', `/broadcasts/${b.id}`, { seriesId: series.id })).seriesId).toBe(series.id);
    const one = startPush(b.key, 4);
    await until('the broadcast to be live', async () => (await statusOf(b.id)) === 'live', 15_000);
    await one.exited;
    await until('the ingest to wait for a reconnect', async () => (await live(b.id)).ingest.state === 'reconnecting', 5000);
    const two = startPush(b.key, 30);
    const back = await until('the encoder to be back', async () => {
      const s = await live(b.id);
      return s.ingest.state === 'publishing' && s.ingest.fps ? s : null;
    }, 10_000);
    expect(back.ingest.reconnects).toBe(1);
    await sleep(3000);
    const playlist = await call(null, 'GET', `/live/${b.id}/index.m3u8`);
    expect(playlist.body).toContain('#EXT-X-DISCONTINUITY');

    expect((await call('editor', 'POST', `/broadcasts/${b.id}/live/stop`)).status).toBe(403);
    const stopped = await ok('producer', 'POST', `/broadcasts/${b.id}/live/stop`);
    expect(stopped).toMatchObject({ broadcastStatus: 'ended', ingest: { state: 'offline' } });
    expect(await exitsWithin(two, 8000)).toBe(true);
    expect((await call('producer', 'POST', `/broadcasts/${b.id}/live/stop`)).status).toBe(409);

    const sessions = await until('the recording to be saved', async () => {
      const rows = await db.query(`SELECT end_reason AS "endReason", reconnects, recording_asset_id AS "assetId", stopped_by AS "stoppedBy" FROM live_sessions WHERE broadcast_id = $1`, [b.id]);
      return rows[0]?.assetId ? rows : null;
    });
    const [producer] = await db.query(`SELECT id FROM users WHERE email = 'producer@demo.library'`);
    expect(sessions).toEqual([{ endReason: 'stopped', reconnects: 1, assetId: expect.any(String), stoppedBy: producer.id }]);
    const [asset] = await db.query(`SELECT a.source_key AS "sourceKey", e.series_id AS "seriesId" FROM media_assets a JOIN episodes e ON e.id = a.episode_id WHERE a.id = $1`, [sessions[0].assetId]);
    expect(asset.seriesId).toBe(series.id);
    // Both publishes are in the one recording: about 4 s, then 3 s or more after the reconnect.
    expect(durationS(path.join(work, 'media', asset.sourceKey))).toBeGreaterThan(6);
  }, 60_000);
});
