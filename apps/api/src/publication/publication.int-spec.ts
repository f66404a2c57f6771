import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { createRedis, publicationJobId, QUEUES } from '@app/jobs';
import { startTestApi, TestApi } from '../testing/test-app';
import { Json, publicationKit } from './testing/publication-kit';

describe('review and publication of episodes (real API, PostgreSQL, Redis)', () => {
  let api: TestApi;
  let kit: ReturnType<typeof publicationKit>;
  let seriesId: string;
  let redis: Redis;
  let queue: Queue;

  beforeAll(async () => {
    api = await startTestApi({ QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`, PUBLIC_URL: 'https://bibliotheek.example.nl' });
    kit = publicationKit(api);
    seriesId = (await kit.series({ title: 'Zelf je boeken verlengen', category: 'digitale vaardigheden' })).id;
    redis = createRedis(process.env.TEST_REDIS_URL!, 'worker');
    queue = new Queue(QUEUES.publication, { connection: redis, prefix: api.config.QUEUE_PREFIX });
  });
  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await queue?.close();
    await redis?.quit();
    await api?.close();
  });

  const audit = async (episodeId: string): Promise<Json[]> =>
    (await kit.ok('admin', 'GET', `/audit?entityType=episode&entityId=${episodeId}&limit=100`)).items.reverse().filter((a: Json) => a.action.startsWith('publication.'));
  const jobState = async (episodeId: string, action: 'publish' | 'unpublish', at: string) => (await queue.getJob(publicationJobId({ episodeId, action, at })))?.getState() ?? 'none';

  it('a producer submits, an editor approves and publishes: state, board stage, slug and audit follow', async () => {
    const e = await kit.episode(seriesId, 'Je boeken verlengen in de app');
    const draft = await kit.ok('producer', 'GET', `/episodes/${e.id}/publication`);
    expect(draft).toMatchObject({ state: 'draft', visibility: null, slug: null, publicUrl: null, asset: { id: e.assetId, status: 'ready' }, allowedActions: ['submit'] });

    const submitted = await kit.call('producer', 'POST', `/episodes/${e.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ state: 'in_review', allowedActions: [] });
    expect((await kit.ok('editor', 'GET', `/episodes/${e.id}`)).stage).toBe('review');
    expect((await kit.ok('editor', 'GET', `/episodes/${e.id}/publication`)).allowedActions).toEqual(['approve', 'reject', 'retire']);

    expect((await kit.call('editor', 'POST', `/episodes/${e.id}/approve`)).body.state).toBe('approved');
    const published = await kit.call('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public' });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      state: 'published',
      visibility: 'public',
      slug: 'je-boeken-verlengen-in-de-app',
      publicUrl: 'https://bibliotheek.example.nl/video/je-boeken-verlengen-in-de-app',
      publishedAssetId: e.assetId,
      publishAt: null,
    });
    expect(Date.parse(published.body.publishedAt)).toBeGreaterThan(Date.now() - 60_000);

    expect(await kit.ok('planner', 'GET', `/episodes/${e.id}`)).toMatchObject({
      stage: 'published',
      publicationState: 'published',
      visibility: 'public',
      publicSlug: 'je-boeken-verlengen-in-de-app',
      publishAt: null,
      unpublishAt: null,
    });
    const log = await audit(e.id);
    expect(log.map((a: Json) => a.action)).toEqual(['publication.submitted', 'publication.approved', 'publication.published']);
    expect(log[2]).toMatchObject({ before: { state: 'approved', stage: 'review' }, after: { state: 'published', stage: 'published', slug: 'je-boeken-verlengen-in-de-app', assetId: e.assetId } });
    expect(log.every((a: Json) => typeof a.actorId === 'string')).toBe(true);

    const twin = await kit.episode(seriesId, 'Je boeken verlengen in de app!');
    expect((await kit.publish(twin.id, 'unlisted')).slug).toBe('je-boeken-verlengen-in-de-app-2');
  });

  it('refuses to publish (or approve) a recording that is not ready, and says why', async () => {
    const e = await kit.episode(seriesId, 'Wachtwoord vergeten', '', 'processing');
    expect((await kit.call('producer', 'POST', `/episodes/${e.id}/submit`)).status).toBe(200);
    const approve = await kit.call('editor', 'POST', `/episodes/${e.id}/approve`);
    expect(approve.status).toBe(409);
    expect(approve.body.message).toBe('The recording is still being processed (processing). Try again when it is ready.');

    await kit.ds().query(`UPDATE media_assets SET status = 'ready', playable_at = now(), ready_at = now() WHERE id = $1`, [e.assetId]);
    expect((await kit.call('editor', 'POST', `/episodes/${e.id}/approve`)).status).toBe(200);
    const newer = await kit.addAsset(e.id, 'queued');
    const publish = await kit.call('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public' });
    expect(publish.status).toBe(409);
    expect(publish.body.message).toMatch(/still being processed \(queued\)/);
    const scheduled = await kit.call('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public', publishAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(scheduled.status).toBe(409);

    await kit.ds().query(`UPDATE media_assets SET status = 'failed', reason = 'x' WHERE id = $1`, [newer]);
    const fallback = await kit.call('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public' });
    expect(fallback.body).toMatchObject({ state: 'published', publishedAssetId: e.assetId });

    const none = await kit.episode(seriesId, 'Nog niet opgenomen', '', null);
    const submit = await kit.call('producer', 'POST', `/episodes/${none.id}/submit`);
    expect(submit.status).toBe(409);
    expect(submit.body.message).toBe('This episode has no recording yet. Upload the video first.');
    expect((await audit(none.id)).length).toBe(0);
  });

  it('an editor sends an episode back with a comment; the producer sees it and submits again', async () => {
    const e = await kit.episode(seriesId, 'Een e-book lenen');
    await kit.ok('producer', 'POST', `/episodes/${e.id}/submit`);
    const empty = await kit.call('editor', 'POST', `/episodes/${e.id}/reject`, { comment: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.fields.comment).toEqual(['comment must say what needs to change']);
    expect((await kit.call('editor', 'POST', `/episodes/${e.id}/reject`, {})).status).toBe(400);

    const rejected = await kit.call('editor', 'POST', `/episodes/${e.id}/reject`, { comment: 'Het geluid is te zacht vanaf 1:20.' });
    expect(rejected.body).toMatchObject({ state: 'draft', reviewComment: 'Het geluid is te zacht vanaf 1:20.' });
    expect((await kit.ok('producer', 'GET', `/episodes/${e.id}`)).stage).toBe('editing');
    expect((await kit.ok('producer', 'GET', `/episodes/${e.id}/publication`)).reviewComment).toBe('Het geluid is te zacht vanaf 1:20.');
    const log = await audit(e.id);
    expect(log.at(-1)).toMatchObject({ action: 'publication.rejected', after: { state: 'draft', comment: 'Het geluid is te zacht vanaf 1:20.' } });

    expect((await kit.call('producer', 'POST', `/episodes/${e.id}/submit`)).body).toMatchObject({ state: 'in_review', reviewComment: null });
    expect((await kit.call('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public' })).status).toBe(409);
  });

  it('checks who may do what', async () => {
    const e = await kit.episode(seriesId, 'Rollen');
    const as = (role: 'admin' | 'planner' | 'producer' | 'editor', action: string, body?: unknown) => kit.call(role, 'POST', `/episodes/${e.id}/${action}`, body);
    expect((await as('editor', 'submit')).status).toBe(403);
    expect((await as('planner', 'submit')).status).toBe(403);
    expect((await as('producer', 'submit')).status).toBe(200);
    expect((await as('producer', 'approve')).status).toBe(403);
    expect((await as('producer', 'reject', { comment: 'x' })).status).toBe(403);
    expect((await as('editor', 'approve')).status).toBe(200);
    for (const role of ['producer', 'planner'] as const) {
      expect((await as(role, 'publish', { visibility: 'public' })).status).toBe(403);
      expect((await as(role, 'retire')).status).toBe(403);
    }
    const denied = await as('producer', 'publish', { visibility: 'public' });
    expect(denied.body.message).toBe('This needs one of the roles: editor.');
    expect((await as('admin', 'publish', { visibility: 'internal' })).body).toMatchObject({ state: 'published', visibility: 'internal', publicUrl: null });
    expect((await as('producer', 'unpublish')).status).toBe(403);
    expect((await kit.call(null, 'POST', `/episodes/${e.id}/unpublish`)).status).toBe(401);
    expect((await as('admin', 'unpublish')).body.state).toBe('unpublished');
    expect((await kit.call('planner', 'PATCH', `/episodes/${e.id}/publication`, { tags: ['x'] })).status).toBe(403);
  });

  it('changes visibility, unpublishes, republishes and retires; refuses what the state does not allow', async () => {
    const e = await kit.episode(seriesId, 'Printen in de bibliotheek');
    const first = await kit.publish(e.id, 'unlisted');
    const again = await kit.call('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public' });
    expect(again.body).toMatchObject({ state: 'published', visibility: 'public', publishedAt: first.publishedAt });
    expect((await kit.call('editor', 'POST', `/episodes/${e.id}/approve`)).body.message).toBe('This episode is published, so it cannot be approved.');
    expect((await kit.call('editor', 'POST', `/episodes/${e.id}/unpublish`)).body).toMatchObject({ state: 'unpublished', publicUrl: null, slug: first.slug });
    expect((await kit.call('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public' })).body).toMatchObject({ state: 'published', slug: first.slug, publishedAt: first.publishedAt });
    expect((await kit.call('editor', 'POST', `/episodes/${e.id}/retire`)).body).toMatchObject({ state: 'retired', allowedActions: [] });
    expect((await kit.call('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public' })).status).toBe(409);
    expect((await kit.call('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'everyone' })).body.fields.visibility).toEqual(['visibility must be one of: public, unlisted, internal']);
    expect((await audit(e.id)).map((a: Json) => a.action).slice(3)).toEqual(['publication.visibility_changed', 'publication.unpublished', 'publication.published', 'publication.retired']);
    expect((await kit.call('editor', 'POST', '/episodes/00000000-0000-4000-8000-000000000000/approve')).status).toBe(404);
    expect((await kit.call('editor', 'GET', '/episodes/00000000-0000-4000-8000-000000000000/publication')).status).toBe(404);
  });

  it('schedules a publish as a delayed job, moves it, adds an unpublish and cancels both', async () => {
    const e = await kit.episode(seriesId, 'Inloggen met DigiD');
    await kit.ok('producer', 'POST', `/episodes/${e.id}/submit`);
    await kit.ok('editor', 'POST', `/episodes/${e.id}/approve`);
    const at1 = new Date(Date.now() + 3 * 3600_000).toISOString();
    const at2 = new Date(Date.now() + 5 * 3600_000).toISOString();
    const off = new Date(Date.now() + 48 * 3600_000).toISOString();

    const past = await kit.call('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public', publishAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.message).toMatch(/The publication time has passed/);
    const noZone = await kit.call('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public', publishAt: '2030-01-01T10:00:00' });
    expect(noZone.body.fields.publishAt[0]).toMatch(/with its time zone/);

    const scheduled = await kit.call('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public', publishAt: at1 });
    expect(scheduled.body).toMatchObject({ state: 'approved', visibility: 'public', slug: 'inloggen-met-digid', publishAt: at1, publicUrl: null });
    expect(await jobState(e.id, 'publish', at1)).toBe('delayed');
    expect(await kit.ok('editor', 'GET', `/episodes/${e.id}`)).toMatchObject({ publicationState: 'approved', publishAt: at1, publicSlug: 'inloggen-met-digid' });

    expect((await kit.call('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'unlisted', publishAt: at2 })).body).toMatchObject({ publishAt: at2, visibility: 'unlisted' });
    expect(await jobState(e.id, 'publish', at1)).toBe('none');
    expect(await jobState(e.id, 'publish', at2)).toBe('delayed');
    const job = await queue.getJob(publicationJobId({ episodeId: e.id, action: 'publish', at: at2 }));
    expect(job!.data).toEqual({ episodeId: e.id, action: 'publish', at: at2 });
    expect(job!.delay).toBeGreaterThan(4.9 * 3600_000);

    const early = await kit.call('editor', 'POST', `/episodes/${e.id}/unpublish`, { at: at1 });
    expect(early.body.message).toBe('The time to take it offline must come after the scheduled publication.');
    expect((await kit.call('editor', 'POST', `/episodes/${e.id}/unpublish`, { at: off })).body).toMatchObject({ state: 'approved', publishAt: at2, unpublishAt: off });
    expect(await jobState(e.id, 'unpublish', off)).toBe('delayed');

    expect((await kit.call('editor', 'DELETE', `/episodes/${e.id}/schedule`)).body).toMatchObject({ state: 'approved', publishAt: null, unpublishAt: null });
    expect(await jobState(e.id, 'publish', at2)).toBe('none');
    expect(await jobState(e.id, 'unpublish', off)).toBe('none');
    expect((await kit.call('editor', 'DELETE', `/episodes/${e.id}/schedule`)).body.message).toBe('Nothing is scheduled for this episode.');

    await kit.ok('editor', 'POST', `/episodes/${e.id}/publish`, { visibility: 'public', publishAt: at1 });
    const rejected = await kit.call('editor', 'POST', `/episodes/${e.id}/reject`, { comment: 'Toch nog een fout in de ondertiteling.' });
    expect(rejected.body).toMatchObject({ state: 'draft', publishAt: null });
    expect(await jobState(e.id, 'publish', at1)).toBe('none');

    expect((await audit(e.id)).map((a: Json) => a.action).slice(2)).toEqual([
      'publication.publish_scheduled',
      'publication.publish_scheduled',
      'publication.unpublish_scheduled',
      'publication.schedule_cancelled',
      'publication.publish_scheduled',
      'publication.rejected',
    ]);
  });

  it('keeps tags, transcript and chapters; the web address is fixed once published', async () => {
    const e = await kit.episode(seriesId, 'Zoeken in de catalogus');
    const patched = await kit.call('producer', 'PATCH', `/episodes/${e.id}/publication`, {
      slug: 'catalogus-zoeken',
      tags: ['catalogus', ' Zoeken ', 'zoeken'],
      transcript: [
        { startS: 12, text: 'Typ een titel in het zoekveld.' },
        { startS: 0, text: 'Welkom bij de bibliotheek.' },
      ],
      chapters: [
        { startS: 60, title: 'Filteren' },
        { startS: 0, title: 'Zoeken' },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      slug: 'catalogus-zoeken',
      tags: ['catalogus', 'Zoeken'],
      transcript: [
        { startS: 0, text: 'Welkom bij de bibliotheek.' },
        { startS: 12, text: 'Typ een titel in het zoekveld.' },
      ],
      chapters: [
        { startS: 0, title: 'Zoeken' },
        { startS: 60, title: 'Filteren' },
      ],
    });
    const bad = await kit.call('editor', 'PATCH', `/episodes/${e.id}/publication`, { transcript: [{ startS: -1, text: '' }], slug: 'Met Spaties', secret: 1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['secret', 'slug', 'transcript.0.startS', 'transcript.0.text']);

    const other = await kit.episode(seriesId, 'Ander');
    expect((await kit.call('producer', 'PATCH', `/episodes/${other.id}/publication`, { slug: 'catalogus-zoeken' })).status).toBe(409);
    expect((await kit.publish(e.id)).slug).toBe('catalogus-zoeken');
    const fixed = await kit.call('editor', 'PATCH', `/episodes/${e.id}/publication`, { slug: 'iets-anders' });
    expect(fixed.status).toBe(409);
    expect(fixed.body.message).toMatch(/links to it must keep working/);
    expect((await audit(e.id))[0]).toMatchObject({ action: 'publication.updated', after: { slug: 'catalogus-zoeken', transcriptLines: 2 } });
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = await kit.call(null, 'GET', '/docs-json');
    for (const path of ['/api/episodes/{id}/submit', '/api/episodes/{id}/publish', '/api/episodes/{id}/schedule', '/api/episodes/{id}/publication', '/api/public/videos', '/api/public/oembed', '/api/stats/videos']) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    expect(Object.keys(doc.body.components.schemas.EpisodeDto.properties)).toEqual(expect.arrayContaining(['publicationState', 'visibility', 'publicSlug', 'publishAt', 'unpublishAt']));
  });
});
