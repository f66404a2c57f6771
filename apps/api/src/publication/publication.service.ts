import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { applyPublication, EpisodePublicationEntity, getPublication, publicationAuditFields, publicationFacts, PublicationRow } from '@app/db';
import {
  allowedPublicationActions,
  decidePublication,
  isOnPublicSite,
  PublicationRequest,
  ScheduledPublication,
  scheduleChanges,
} from '@app/domain';
import { Jobs } from '@app/jobs';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/access.guard';
import { siteUrls } from '../public/site-urls';
import { PublicationDto, UpdatePublicationDto } from './publication.dto';

function auditAction(req: PublicationRequest, before: PublicationRow): string {
  switch (req.action) {
    case 'publish':
      return req.publishAt ? 'publication.publish_scheduled' : before.state === 'published' ? 'publication.visibility_changed' : 'publication.published';
    case 'unpublish':
      return req.at ? 'publication.unpublish_scheduled' : 'publication.unpublished';
    case 'cancel_schedule':
      return 'publication.schedule_cancelled';
    default:
      return `publication.${{ submit: 'submitted', approve: 'approved', reject: 'rejected', retire: 'retired' }[req.action]}`;
  }
}

/** Review and publication of episodes: the rules are in @app/domain, the row changes in @app/db, the schedule in @app/jobs. */
@Injectable()
export class PublicationService {
  private readonly log = new Logger(PublicationService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    @Inject(Jobs) private readonly jobs: Jobs,
  ) {}

  async get(id: string, user: AuthUser, base: string): Promise<PublicationDto> {
    const row = await getPublication(this.ds.manager, id, { lock: false });
    if (!row) throw new NotFoundException('No episode with this id.');
    return this.toDto(row, user, base);
  }

  /** Submit, approve, reject, publish, unpublish, retire or cancel the schedule: one transaction with its audit entry. */
  async act(id: string, req: PublicationRequest, user: AuthUser, base: string): Promise<PublicationDto> {
    const now = new Date();
    const { next, cancel } = await this.ds.transaction(async (em) => {
      const row = await this.lock(em, id);
      const decision = decidePublication(req, publicationFacts(row), user, now);
      if (!decision.ok) {
        const Refusal = { forbidden: ForbiddenException, conflict: ConflictException, invalid: BadRequestException }[decision.kind];
        throw new Refusal(decision.reason);
      }
      const next = await applyPublication(em, row, decision.change, now);
      await this.audit.record(
        {
          actorId: user.id,
          action: auditAction(req, row),
          entityType: 'episode',
          entityId: id,
          before: publicationAuditFields(row),
          after: { ...publicationAuditFields(next), ...(req.action === 'reject' ? { comment: next.reviewComment } : {}) },
        },
        em,
      );
      const { cancel, add } = scheduleChanges(row, next);
      // Added before the commit: if Redis refuses, nothing changes. A job whose commit then fails finds no matching schedule.
      for (const s of add) await this.jobs.schedulePublication(this.job(id, s));
      return { next, cancel };
    });
    await this.removeJobs(id, cancel);
    return this.toDto(next, user, base);
  }

  async update(id: string, body: UpdatePublicationDto, user: AuthUser, base: string): Promise<PublicationDto> {
    const next = await this.ds.transaction(async (em) => {
      const row = await this.lock(em, id);
      const before = { slug: row.slug, tags: row.tags, chapters: row.chapters, transcriptLines: row.transcript.length };
      if (body.slug !== undefined && body.slug !== row.slug) {
        if (row.publishedAt) throw new ConflictException('This episode has been published, so its web address stays the same: links to it must keep working.');
        if (await em.existsBy(EpisodePublicationEntity, { slug: body.slug })) {
          throw new ConflictException(`Another episode already uses the web address "${body.slug}". Choose another.`);
        }
        row.slug = body.slug;
      }
      if (body.tags) row.tags = body.tags.filter((t, i) => body.tags!.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i);
      if (body.transcript) row.transcript = [...body.transcript].sort((a, b) => a.startS - b.startS).map(({ startS, text }) => ({ startS, text }));
      if (body.chapters) row.chapters = [...body.chapters].sort((a, b) => a.startS - b.startS).map(({ startS, title }) => ({ startS, title }));
      await em.update(EpisodePublicationEntity, id, { slug: row.slug, tags: row.tags, transcript: row.transcript, chapters: row.chapters });
      await this.audit.record(
        {
          actorId: user.id,
          action: 'publication.updated',
          entityType: 'episode',
          entityId: id,
          before,
          after: { slug: row.slug, tags: row.tags, chapters: row.chapters, transcriptLines: row.transcript.length },
        },
        em,
      );
      return row;
    });
    return this.toDto(next, user, base);
  }

  private async lock(em: EntityManager, id: string): Promise<PublicationRow> {
    const row = await getPublication(em, id, { lock: true });
    if (!row) throw new NotFoundException('No episode with this id.');
    return row;
  }

  private job(episodeId: string, s: ScheduledPublication) {
    return { episodeId, action: s.action, at: s.at.toISOString() };
  }

  /** After the commit. A job that cannot be removed (e.g. it is running) finds the schedule changed and does nothing. */
  private async removeJobs(episodeId: string, cancel: ScheduledPublication[]): Promise<void> {
    for (const s of cancel) {
      await this.jobs.cancelPublication(this.job(episodeId, s)).catch((err: Error) => this.log.warn(`Could not remove a stale publication job of episode ${episodeId}: ${err.message}`));
    }
  }

  private toDto(row: PublicationRow, user: AuthUser, base: string): PublicationDto {
    return {
      episodeId: row.id,
      state: row.state,
      visibility: row.visibility,
      slug: row.slug,
      publicUrl: row.slug && isOnPublicSite(row.state, row.visibility) ? siteUrls(base).video(row.slug) : null,
      publishAt: row.publishAt,
      unpublishAt: row.unpublishAt,
      publishedAt: row.publishedAt,
      reviewComment: row.reviewComment,
      asset: row.assetId && row.assetStatus ? { id: row.assetId, status: row.assetStatus } : null,
      publishedAssetId: row.publishedAssetId,
      allowedActions: allowedPublicationActions(publicationFacts(row), user.roles),
      tags: row.tags,
      transcript: row.transcript,
      chapters: row.chapters,
    };
  }
}
