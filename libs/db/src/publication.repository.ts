import type { EntityManager } from 'typeorm';
import { AssetStatus, EpisodeStage, PublicationChange, PublicationFacts, slugify } from '@app/domain';
import { EpisodePublicationEntity } from './entities/episode-publication.entity';

/** An episode's publication columns, with what the rules need: its title, stage and current recording. */
export interface PublicationRow extends EpisodePublicationEntity {
  title: string;
  seriesId: string;
  stage: EpisodeStage;
  /** The newest recording that was not rejected or failed (else simply the newest): the one to review and publish. */
  assetId: string | null;
  assetStatus: AssetStatus | null;
}

/**
 * Reads one episode's publication; with `lock`, for a change: its row stays locked until the transaction ends, so
 * two editors (or an editor and the scheduler) never change it at once. Null when there is no such episode.
 */
export async function getPublication(em: EntityManager, episodeId: string, { lock }: { lock: boolean }): Promise<PublicationRow | null> {
  const query = em
    .createQueryBuilder(EpisodePublicationEntity, 'p')
    .leftJoin(
      (sub) =>
        sub
          .select(['a.id AS id', 'a.status AS status'])
          .from('media_assets', 'a')
          .where('a.episode_id = :episodeId')
          .orderBy(`a.status IN ('rejected','failed')`, 'ASC')
          .addOrderBy('a.created_at', 'DESC')
          .limit(1),
      'asset',
      'true',
    )
    .addSelect(['p.title AS title', 'p.series_id AS series_id', 'p.stage AS stage', 'asset.id AS asset_id', 'asset.status AS asset_status'])
    .where('p.id = :episodeId', { episodeId });
  const row = await (lock ? query.setLock('pessimistic_write', undefined, ['p']) : query).getRawAndEntities();
  const [entity] = row.entities;
  if (!entity) return null;
  const raw = row.raw[0];
  return Object.assign(entity, { title: raw.title, seriesId: raw.series_id, stage: raw.stage, assetId: raw.asset_id, assetStatus: raw.asset_status });
}

export const publicationFacts = (row: PublicationRow): PublicationFacts => ({
  state: row.state,
  visibility: row.visibility,
  publishAt: row.publishAt,
  unpublishAt: row.unpublishAt,
  assetStatus: row.assetStatus,
});

/** What the audit log records before and after a publication change. */
export const publicationAuditFields = (row: Pick<PublicationRow, 'state' | 'visibility' | 'slug' | 'publishAt' | 'unpublishAt' | 'stage' | 'publishedAssetId'>) => ({
  state: row.state,
  visibility: row.visibility,
  slug: row.slug,
  publishAt: row.publishAt?.toISOString() ?? null,
  unpublishAt: row.unpublishAt?.toISOString() ?? null,
  stage: row.stage,
  assetId: row.publishedAssetId,
});

/** A free public slug made from the title: "Je boeken verlengen" → je-boeken-verlengen, or je-boeken-verlengen-2 when taken. */
export async function freePublicSlug(em: EntityManager, title: string, episodeId: string): Promise<string> {
  const base = slugify(title).slice(0, 72).replace(/-+$/, '') || 'video';
  const taken: { slug: string }[] = await em.query(
    `SELECT public_slug AS slug FROM episodes WHERE (public_slug = $1 OR public_slug LIKE $1 || '-%') AND id <> $2`,
    [base, episodeId],
  );
  const used = new Set(taken.map((t) => t.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Writes a decided change to the locked row (see getPublication) and returns the row as it is now.
 * Going live pins the current recording; a published or scheduled episode gets its public slug; a stage
 * change puts the board card at the end of its new column.
 */
export async function applyPublication(em: EntityManager, row: PublicationRow, change: PublicationChange, now: Date): Promise<PublicationRow> {
  const next: PublicationRow = { ...row, state: change.state, visibility: change.visibility, publishAt: change.publishAt, unpublishAt: change.unpublishAt };
  if (change.reviewComment !== undefined) next.reviewComment = change.reviewComment;
  if (change.publishedNow) {
    next.publishedAt = row.publishedAt ?? now;
    next.publishedAssetId = row.assetId;
  }
  if (!next.slug && (next.state === 'published' || next.publishAt)) next.slug = await freePublicSlug(em, row.title, row.id);
  await em.update(EpisodePublicationEntity, row.id, {
    state: next.state,
    visibility: next.visibility,
    slug: next.slug,
    publishAt: next.publishAt,
    unpublishAt: next.unpublishAt,
    publishedAt: next.publishedAt,
    publishedAssetId: next.publishedAssetId,
    reviewComment: next.reviewComment,
  });
  if (change.stage && change.stage !== row.stage) {
    await em.query(
      `UPDATE episodes SET stage = $2, position = (SELECT coalesce(max(position) + 1, 0) FROM episodes WHERE series_id = $3 AND stage = $2) WHERE id = $1`,
      [row.id, change.stage, row.seriesId],
    );
    next.stage = change.stage;
  }
  return next;
}
