import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EpisodeEntity, EpisodePublicationEntity, SeriesEntity, UserEntity } from '@app/db';
import { checkEpisodeMove, EPISODE_STAGES, EpisodeStage, slugify } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import { CreateEpisodeDto, CreateSeriesDto, EpisodeDto, SeriesDetailDto, SeriesDto, UpdateEpisodeDto, UpdateSeriesDto } from './series.dto';

const emptyCounts = (): Record<EpisodeStage, number> => Object.fromEntries(EPISODE_STAGES.map((s) => [s, 0])) as Record<EpisodeStage, number>;

const seriesFields = (s: SeriesEntity) => ({ title: s.title, slug: s.slug, description: s.description, audience: s.audience, language: s.language, category: s.category });
const episodeFields = (e: EpisodeEntity) => ({ title: e.title, stage: e.stage, assigneeId: e.assigneeId, dueDate: e.dueDate, position: e.position, notes: e.notes, description: e.description });

@Injectable()
export class SeriesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<SeriesDto[]> {
    const series = await this.ds.getRepository(SeriesEntity).find({ order: { title: 'ASC' } });
    const rows: { series_id: string; stage: EpisodeStage; n: number }[] = await this.ds.query(
      `SELECT series_id, stage, count(*)::int AS n FROM episodes GROUP BY series_id, stage`,
    );
    return series.map((s) => {
      const episodeCounts = emptyCounts();
      for (const r of rows) if (r.series_id === s.id) episodeCounts[r.stage] = r.n;
      return { id: s.id, ...seriesFields(s), episodeCounts, createdAt: s.createdAt, updatedAt: s.updatedAt };
    });
  }

  async get(id: string): Promise<SeriesDetailDto> {
    const s = await this.ds.getRepository(SeriesEntity).findOneBy({ id });
    if (!s) throw new NotFoundException('No series with this id.');
    const episodes = await this.episodes(this.ds.manager, { seriesId: id });
    const episodeCounts = emptyCounts();
    for (const e of episodes) episodeCounts[e.stage]++;
    return { id: s.id, ...seriesFields(s), episodeCounts, createdAt: s.createdAt, updatedAt: s.updatedAt, episodes };
  }

  async create(body: CreateSeriesDto, actorId: string): Promise<SeriesDetailDto> {
    const slug = body.slug ?? slugify(body.title);
    if (!slug) throw new BadRequestException({ message: 'The title has no letters or digits to make a web address from; give a slug.', fields: { slug: ['slug is needed'] } });
    const id = await this.ds.transaction(async (em) => {
      await this.assertSlugFree(em, slug);
      const s = await em.save(em.create(SeriesEntity, { ...body, slug }));
      await this.audit.record({ actorId, action: 'series.created', entityType: 'series', entityId: s.id, after: seriesFields(s) }, em);
      return s.id;
    });
    return this.get(id);
  }

  async update(id: string, body: UpdateSeriesDto, actorId: string): Promise<SeriesDetailDto> {
    await this.ds.transaction(async (em) => {
      const s = await em.findOne(SeriesEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s) throw new NotFoundException('No series with this id.');
      const before = seriesFields(s);
      if (body.slug && body.slug !== s.slug) await this.assertSlugFree(em, body.slug);
      for (const [k, v] of Object.entries(body)) if (v !== undefined) Object.assign(s, { [k]: v });
      await em.save(s);
      await this.audit.record({ actorId, action: 'series.updated', entityType: 'series', entityId: id, before, after: seriesFields(s) }, em);
    });
    return this.get(id);
  }

  async addEpisode(seriesId: string, body: CreateEpisodeDto, actorId: string): Promise<EpisodeDto> {
    const id = await this.ds.transaction(async (em) => {
      const series = await em.findOne(SeriesEntity, { where: { id: seriesId }, lock: { mode: 'pessimistic_write' } });
      if (!series) throw new NotFoundException('No series with this id.');
      if (body.assigneeId) await this.assertStaff(em, body.assigneeId);
      const position = await this.nextPosition(em, seriesId, 'idea');
      const e = await em.save(em.create(EpisodeEntity, { ...body, seriesId, stage: 'idea', position }));
      await this.audit.record({ actorId, action: 'episode.created', entityType: 'episode', entityId: e.id, after: { seriesId, ...episodeFields(e) } }, em);
      return e.id;
    });
    return this.getEpisode(id);
  }

  async getEpisode(id: string): Promise<EpisodeDto> {
    const [episode] = await this.episodes(this.ds.manager, { id });
    if (!episode) throw new NotFoundException('No episode with this id.');
    return episode;
  }

  async updateEpisode(id: string, body: UpdateEpisodeDto, actorId: string): Promise<EpisodeDto> {
    await this.ds.transaction(async (em) => {
      const e = await em.findOne(EpisodeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!e) throw new NotFoundException('No episode with this id.');
      const before = episodeFields(e);
      if (body.stage && body.stage !== e.stage) {
        const move = checkEpisodeMove(e.stage, body.stage);
        if (!move.ok) throw new ConflictException(move.reason);
        e.position = body.position ?? (await this.nextPosition(em, e.seriesId, body.stage));
        e.stage = body.stage;
      }
      if (body.assigneeId) await this.assertStaff(em, body.assigneeId);
      for (const key of ['title', 'description', 'assigneeId', 'dueDate', 'notes', 'position'] as const) {
        if (body[key] !== undefined) Object.assign(e, { [key]: body[key] });
      }
      await em.save(e);
      const action = before.stage !== e.stage ? 'episode.stage_changed' : 'episode.updated';
      await this.audit.record({ actorId, action, entityType: 'episode', entityId: id, before, after: episodeFields(e) }, em);
    });
    return this.getEpisode(id);
  }

  private async episodes(em: EntityManager, where: { id?: string; seriesId?: string }): Promise<EpisodeDto[]> {
    const rows: EpisodeDto[] = await em
      .createQueryBuilder(EpisodeEntity, 'e')
      .leftJoin(UserEntity, 'u', 'u.id = e.assigneeId')
      .select(['e.id AS id', 'e.seriesId AS "seriesId"', 'e.title AS title', 'e.description AS description', 'e.stage AS stage'])
      .addSelect(['e.assigneeId AS "assigneeId"', 'u.name AS "assigneeName"', `to_char(e.dueDate, 'YYYY-MM-DD') AS "dueDate"`, 'e.notes AS notes'])
      .addSelect(['e.position AS position', 'e.createdAt AS "createdAt"', 'e.updatedAt AS "updatedAt"'])
      .innerJoin(EpisodePublicationEntity, 'p', 'p.id = e.id')
      .addSelect(['p.state AS "publicationState"', 'p.visibility AS visibility', 'p.slug AS "publicSlug"', 'p.publishAt AS "publishAt"', 'p.unpublishAt AS "unpublishAt"'])
      .where(where.id ? 'e.id = :id' : 'e.seriesId = :seriesId', where)
      .orderBy(`array_position(ARRAY['${EPISODE_STAGES.join("','")}'], e.stage)`)
      .addOrderBy('e.position')
      .addOrderBy('e.createdAt')
      .getRawMany();
    return rows;
  }

  private async nextPosition(em: EntityManager, seriesId: string, stage: EpisodeStage): Promise<number> {
    const [{ next }] = await em.query(`SELECT coalesce(max(position) + 1, 0)::int AS next FROM episodes WHERE series_id = $1 AND stage = $2`, [seriesId, stage]);
    return next;
  }

  private async assertSlugFree(em: EntityManager, slug: string): Promise<void> {
    if (await em.existsBy(SeriesEntity, { slug })) {
      throw new ConflictException(`Another series already uses the web address "${slug}". Choose another title or slug.`);
    }
  }

  private async assertStaff(em: EntityManager, userId: string): Promise<void> {
    if (!(await em.existsBy(UserEntity, { id: userId, active: true }))) {
      throw new BadRequestException({ message: 'The assignee is not an active staff member.', fields: { assigneeId: ['no active staff member with this id'] } });
    }
  }
}
