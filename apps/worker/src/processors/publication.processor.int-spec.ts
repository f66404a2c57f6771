import { randomBytes } from 'node:crypto';
import { Job, Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@app/db';
import { createRedis, PublicationJob, publicationJobId, QUEUES } from '@app/jobs';
import { createApp } from '../../../api/src/app.factory';
import { Json, publicationKit } from '../../../api/src/publication/testing/publication-kit';
import { startTestApi, TestApi } from '../../../api/src/testing/test-app';
import { publicationProcessor, startPublicationWorker } from './publication.processor';

describe('scheduled publish and unpublish (real BullMQ queue and worker, PostgreSQL, Redis)', () => {
  let api: TestApi;
  let kit: ReturnType<typeof publicationKit>;
  let ds: DataSource;
  let redis: Redis;
  let queue: Queue<PublicationJob>;
  let worker: Worker<PublicationJob> | null = null;
  let seriesId: string;
  const log = pino({ level: 'silent' });

  const startWorker = () => (worker = startPublicationWorker({ ds, config: api.config, log, connection: redis }));
  const stopWorker = async () => {
    await worker?.close();
    worker = null;
  };
  const state = async (id: string): Promise<{ state: string; publishAt: Date | null; unpublishAt: Date | null; publishedAt: Date | null; stage: string }> =>
    (await ds.query(`SELECT publication_state AS state, publish_at AS "publishAt", unpublish_at AS "unpublishAt", published_at AS "publishedAt", stage FROM episodes WHERE id = $1`, [id]))[0];
  const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
  const approved = async (title: string): Promise<Json> => {
    const e = await kit.episode(seriesId, title);
    await kit.ok('producer', 'POST', `/episodes/${e.id}/submit`);
    await kit.ok('editor', 'POST', `/episodes/${e.id}/approve`);
    return e;
  };
  const audit = async (id: string): Promise<Json[]> =>
    ds.query(`SELECT action, actor_id AS "actorId", after FROM audit_events WHERE entity_id = $1 AND action LIKE 'publication.%' ORDER BY at`, [id]);

  beforeAll(async () => {
    api = await startTestApi({ QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}` });
    kit = publicationKit(api);
    ds = await createDataSource(api.db.url).initialize();
    redis = createRedis(process.env.TEST_REDIS_URL!, 'worker');
    queue = new Queue<PublicationJob>(QUEUES.publication, { connection: redis, prefix: api.config.QUEUE_PREFIX });
    seriesId = (await kit.series({ title: 'Digitaal in de bibliotheek' })).id;
  });
  afterAll(async () => {
    await stopWorker();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await redis?.quit();
    await ds?.destroy();
    await api?.close();
  });

  it('publishes at the scheduled time; a moved time waits for the new one', async () => {
    startWorker();
    const e = await approved('Je boeken verlengen');
    const first = inSeconds(1.5);
    const moved = inSeconds(3.5);
    await kit.ok('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public', publishAt: first });
    await kit.ok('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public', publishAt: moved });

    await sleep(Date.parse(first) - Date.now() + 800);
    expect((await state(e.id)).state).toBe('approved');
    expect((await kit.call(null, 'GET', '/public/videos/je-boeken-verlengen')).status).toBe(404);

    await until('published', async () => (await state(e.id)).state === 'published');
    const row = await state(e.id);
    expect(row).toMatchObject({ publishAt: null, stage: 'published' });
    expect(row.publishedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse(moved));
    expect((await kit.call(null, 'GET', '/public/videos/je-boeken-verlengen')).body).toMatchObject({ title: 'Je boeken verlengen', listed: true });
    const log = await audit(e.id);
    expect(log.at(-1)).toMatchObject({ action: 'publication.published', actorId: null, after: { state: 'published', scheduledFor: moved } });
    expect(log.filter((a) => a.action === 'publication.published')).toHaveLength(1);
  });

  it('a cancelled schedule publishes nothing', async () => {
    const e = await approved('Een boek reserveren');
    const at = inSeconds(1.2);
    await kit.ok('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public', publishAt: at });
    await kit.ok('editor', 'DELETE', `/episodes/${e.id}/schedule`);
    expect(await queue.getJob(publicationJobId({ episodeId: e.id, action: 'publish', at }))).toBeUndefined();
    await sleep(2_500);
    expect(await state(e.id)).toMatchObject({ state: 'approved', publishAt: null, publishedAt: null });
  });

  it('takes a video offline at the scheduled time', async () => {
    const e = await kit.episode(seriesId, 'Tijdelijke actie');
    await kit.publish(e.id, 'public');
    await kit.ok('editor', 'POST', `/episodes/${e.id}/unpublish`, { at: inSeconds(1.2) });
    await until('unpublished', async () => (await state(e.id)).state === 'unpublished');
    expect((await state(e.id)).unpublishAt).toBeNull();
    expect((await kit.call(null, 'GET', '/public/videos/tijdelijke-actie')).status).toBe(404);
  });

  it('a job for a schedule that changed, or one run again, does nothing', async () => {
    const e = await approved('Stale job');
    const at = inSeconds(3600);
    await kit.ok('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public', publishAt: at });
    const run = publicationProcessor({ ds, config: api.config, log });
    const job = (data: PublicationJob) => ({ data }) as Job<PublicationJob>;
    expect(await run(job({ episodeId: e.id, action: 'publish', at: inSeconds(60) }))).toBe('stale');
    expect(await run(job({ episodeId: e.id, action: 'unpublish', at }))).toBe('stale');
    expect(await run(job({ episodeId: '00000000-0000-4000-8000-000000000000', action: 'publish', at }))).toBe('gone');
    expect((await state(e.id)).state).toBe('approved');

    expect(await run(job({ episodeId: e.id, action: 'publish', at }))).toBe('published');
    expect(await run(job({ episodeId: e.id, action: 'publish', at }))).toBe('stale');
    expect((await audit(e.id)).filter((a) => a.action === 'publication.published')).toHaveLength(1);
  });

  it('when the recording is no longer ready at the time, clears the schedule, logs why and fails without retrying', async () => {
    const e = await approved('Vervangen opname');
    const at = inSeconds(1.2);
    await kit.ok('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public', publishAt: at });
    await kit.addAsset(e.id, 'processing');
    const id = publicationJobId({ episodeId: e.id, action: 'publish', at });
    await until('job failed', async () => (await queue.getJob(id))?.isFailed() ?? false);
    const failed = await queue.getJob(id);
    expect(failed!.attemptsMade).toBe(1);
    expect(failed!.failedReason).toBe('The recording is still being processed (processing). Try again when it is ready.');
    expect(await state(e.id)).toMatchObject({ state: 'approved', publishAt: null });
    expect((await audit(e.id)).at(-1)).toMatchObject({ action: 'publication.schedule_failed', actorId: null, after: { action: 'publish', at, reason: expect.stringMatching(/still being processed/) } });
  });

  it('a publish that falls due while the API and the worker are down happens when the worker starts again', async () => {
    await stopWorker();
    const e = await approved('Tijdens herstart');
    const at = inSeconds(1.5);
    await kit.ok('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'unlisted', publishAt: at });
    await api.app.close();

    await sleep(Date.parse(at) - Date.now() + 1_000);
    expect((await state(e.id)).state).toBe('approved');
    expect(await (await queue.getJob(publicationJobId({ episodeId: e.id, action: 'publish', at })))!.getState()).toBe('delayed');

    startWorker();
    await until('published after restart', async () => (await state(e.id)).state === 'published');

    const restarted = await createApp(api.config);
    try {
      await restarted.listen(0, '127.0.0.1');
      const url = (await restarted.getUrl()).replace('[::1]', '127.0.0.1');
      const page = await fetch(`${url}/api/public/videos/tijdens-herstart`);
      expect(await page.json()).toMatchObject({ title: 'Tijdens herstart', listed: false });
    } finally {
      await restarted.close();
    }
  });
});
