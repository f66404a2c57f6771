import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditEventEntity, MediaAssetEntity } from '@app/db';
import { Jobs } from '@app/jobs';
import type { Storage } from '@app/storage';
import { startPosterWorker } from '../../../worker/src/processors/poster.processor';
import { startProbeWorker } from '../../../worker/src/processors/probe.processor';
import { startTranscodeWorkers } from '../../../worker/src/processors/transcode.processor';
import { startTestApi, TestApi } from '../testing/test-app';
import { startTestWorkers } from '../testing/test-workers';

jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('choosing the poster of a recording (real API, worker, ffmpeg, PostgreSQL, Redis)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'poster-'));
  const at = (...p: string[]) => path.join(dir, ...p);
  const clip = at('clip.mp4');
  let api: TestApi;
  let ds: DataSource;
  let storage: Storage;
  let workers: ReturnType<typeof startTestWorkers>;
  let producer: string;
  let editor: string;
  let planner: string;
  let admin: string;

  const call = (method: string, url: string, token: string, body?: object) =>
    fetch(`${api.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const json = async (res: Response): Promise<Json> => res.json();
  const asset = async (id: string): Promise<Json> => json(await call('GET', `/api/media/${id}`, producer));
  const choose = (id: string, body: object, token = producer) => call('PUT', `/api/media/${id}/poster`, token, body);
  const bytesOf = async (url: string) => Buffer.from(await (await call('GET', url, producer)).arrayBuffer());
  const until = async <T>(what: string, check: () => Promise<T | false | null | undefined>, timeoutMs = 90_000): Promise<T> => {
    for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(100)) {
      const value = await check();
      if (value) return value;
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const versionOf = (posterUrl: string) => Number(new URL(posterUrl, 'http://x').searchParams.get('v') ?? 0);

  /** A picture as plain ffmpeg makes it from the clip (`input`: how to seek and which frames), with the poster's JPEG settings. */
  const reference = (name: string, input: string[]) => {
    execFileSync('ffmpeg', ['-v', 'error', '-y', ...input, '-update', '1', '-q:v', '3', '-map_metadata', '-1', '-fflags', '+bitexact', at(name)]);
    return readFileSync(at(name));
  };
  /** The frame at `seconds` (an accurate seek, then one frame). */
  const pictureAt = (seconds: string) => reference(`at-${seconds}.jpg`, ['-ss', seconds, '-i', clip, '-frames:v', '1']);
  /** The last frame: every frame of the last half second, each replacing the one before. */
  const lastPicture = () => reference('last.jpg', ['-sseof', '-0.5', '-i', clip]);

  /** An uploaded recording, as an upload leaves it: stored bytes and a probe job; it is probed and processed from there. */
  async function addRecording(): Promise<string> {
    const id = randomUUID();
    const bytes = readFileSync(clip);
    await storage.put(storage.uploadKey(id), Readable.from([bytes]));
    const repo = ds.getRepository(MediaAssetEntity);
    await repo.save(repo.create({ id, filename: 'workshop.mp4', sourceKey: storage.uploadKey(id), sizeBytes: bytes.length, status: 'uploaded' }));
    await api.app.get(Jobs).probe(id);
    return until(`asset ${id} to be processed`, async () => {
      const a = await asset(id);
      return a.status === 'ready' && a;
    }).then((a) => a.id as string);
  }

  beforeAll(async () => {
    execFileSync('ffmpeg', [
      '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30:d=6', '-f', 'lavfi', '-i', 'sine=f=330:d=6',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '60', '-c:a', 'aac', '-shortest', clip,
    ]);
    api = await startTestApi({ MEDIA_DIR: at('media'), QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`, TRANSCODE_NICENESS: '5' });
    workers = startTestWorkers(api, (deps) => [startProbeWorker(deps), ...startTranscodeWorkers(deps), startPosterWorker(deps)]);
    ({ ds, storage } = workers.deps);
    [producer, editor, planner, admin] = await Promise.all([api.tokenFor('producer'), api.tokenFor('editor'), api.tokenFor('planner'), api.tokenFor('admin')]);
  });
  afterAll(async () => {
    await workers?.close();
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let id: string;

  it('replaces the poster with the picture at the chosen moment, at the same address with a new version', async () => {
    id = await addRecording();
    const before = await asset(id);
    expect(before).toMatchObject({ posterUrl: `/api/media/${id}/files/hls/poster.jpg`, posterAtS: null });
    const old = await bytesOf(before.posterUrl);
    // images are cached for a year, so only a new address makes browsers fetch the new picture
    expect((await call('GET', before.posterUrl, producer)).headers.get('cache-control')).toContain('immutable');

    const res = await choose(id, { atSeconds: 4.5 });
    expect(res.status).toBe(202);
    expect(await json(res)).toMatchObject({ status: 'ready', posterAtS: 4.5 });
    const after = await until('the new poster to be published', async () => {
      const a = await asset(id);
      return a.posterUrl.endsWith('?v=1') && a;
    });
    expect(after.posterUrl).toBe(`/api/media/${id}/files/hls/poster.jpg?v=1`);
    const poster = await bytesOf(after.posterUrl);
    expect(poster.equals(old)).toBe(false);
    expect(poster.equals(pictureAt('4.5'))).toBe(true);
    // the same storage key: the address without the version (and every copy of it) now serves the new picture too
    expect((await bytesOf(before.posterUrl)).equals(poster)).toBe(true);
    expect((await call('GET', after.posterUrl, producer)).headers.get('content-type')).toBe('image/jpeg');

    const audit = await ds.getRepository(AuditEventEntity).findBy({ entityId: id, action: 'media.poster_chosen' });
    expect(audit).toEqual([expect.objectContaining({ entityType: 'media_asset', before: { atSeconds: null }, after: { atSeconds: 4.5 }, actorId: expect.any(String) })]);
  });

  it('gives the last picture for the very end of the recording; administrators may choose too', async () => {
    const res = await choose(id, { atSeconds: 6 }, admin);
    expect(res.status).toBe(202);
    const after = await until('the poster of the end to be published', async () => {
      const a = await asset(id);
      return versionOf(a.posterUrl) === 2 && a;
    });
    expect((await bytesOf(after.posterUrl)).equals(lastPicture())).toBe(true);
  });

  it('refuses a moment outside the recording (400 naming atSeconds), other roles (403), and recordings without a poster (409)', async () => {
    const late = await choose(id, { atSeconds: 6.5 });
    expect(late.status).toBe(400);
    expect(await json(late)).toMatchObject({ message: ['atSeconds must lie within the recording: from 0 to 6 seconds'], fields: { atSeconds: [expect.any(String)] } });
    const early = await choose(id, { atSeconds: -1 });
    expect(early.status).toBe(400);
    expect((await json(early)).fields).toEqual({ atSeconds: ['atSeconds must not be negative'] });
    expect((await choose(id, {})).status).toBe(400);
    expect((await choose(id, { atSeconds: 1, frame: 30 })).status).toBe(400);
    expect((await choose(id, { atSeconds: 1 }, planner)).status).toBe(403);
    expect((await choose(id, { atSeconds: 1 }, editor)).status).toBe(403);
    expect((await choose(randomUUID(), { atSeconds: 1 })).status).toBe(404);

    const repo = ds.getRepository(MediaAssetEntity);
    const waiting = randomUUID();
    await repo.save(repo.create({ id: waiting, filename: 'later.mp4', sourceKey: `uploads/${waiting}`, sizeBytes: 1, status: 'uploaded', durationS: 6 }));
    const notReady = await choose(waiting, { atSeconds: 1 });
    expect(notReady.status).toBe(409);
    expect((await json(notReady)).message).toBe('The poster can be chosen once the recording has been processed; this one is uploaded.');
    const sound = randomUUID();
    await repo.save(repo.create({ id: sound, filename: 'talk.m4a', sourceKey: `uploads/${sound}`, sizeBytes: 1, status: 'ready', durationS: 6, playableAt: new Date(), readyAt: new Date() }));
    const soundOnly = await choose(sound, { atSeconds: 1 });
    expect(soundOnly.status).toBe(409);
    expect((await json(soundOnly)).message).toContain('sound only');

    // nothing was changed or queued by the refusals
    expect(await asset(id)).toMatchObject({ posterAtS: 6, posterUrl: expect.stringMatching(/\?v=2$/) });
    expect(await repo.findOneByOrFail({ id: waiting })).toMatchObject({ posterAtS: null, posterVersion: 0 });
    expect((await api.app.get(Jobs).counts())['media-poster']).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0 });
  });

  it('renders only the latest of quick successive choices in the end', async () => {
    for (const atSeconds of [1, 2, 3]) expect((await choose(id, { atSeconds })).status).toBe(202);
    const third = pictureAt('3');
    const after = await until('the latest choice to be published', async () => {
      const counts = (await api.app.get(Jobs).counts())['media-poster'];
      if (counts.waiting || counts.active || counts.delayed) return null;
      const a = await asset(id);
      return versionOf(a.posterUrl) > 2 && (await bytesOf(a.posterUrl)).equals(third) && a;
    });
    expect(after.posterAtS).toBe(3);
    expect((await api.app.get(Jobs).counts())['media-poster']).toMatchObject({ failed: 0 });
  });

  it('keeps the chosen poster when the recording is processed again', async () => {
    const chosen = await asset(id);
    expect((await call('POST', `/api/media/${id}/retranscode`, producer)).status).toBe(202);
    const again = await until('processing again to finish', async () => {
      const a = await asset(id);
      return a.status === 'ready' && a.readyAt !== chosen.readyAt && a;
    });
    expect(again).toMatchObject({ posterAtS: 3, posterUrl: chosen.posterUrl });
    expect((await bytesOf(again.posterUrl)).equals(pictureAt('3'))).toBe(true);
  });
});
