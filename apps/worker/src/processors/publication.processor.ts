import { Job, UnrecoverableError, Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { applyPublication, AuditEventEntity, EpisodePublicationEntity, getPublication, publicationAuditFields, publicationFacts } from '@app/db';
import { decidePublication, PublicationRequest } from '@app/domain';
import { PublicationJob, QUEUES } from '@app/jobs';

export interface PublicationDeps {
  ds: DataSource;
  config: AppConfig;
  log: Logger;
  now?: () => Date;
}

export type PublicationOutcome = 'published' | 'unpublished' | 'stale' | 'gone';

/**
 * Carries out a scheduled publish or unpublish. The database decides: only when the episode is still scheduled
 * for exactly this action and time does anything happen, so a job for a changed or cancelled schedule, or a job
 * run twice, does nothing. When the rules refuse at the time (e.g. the recording was replaced and is not ready),
 * the schedule is cleared, the refusal is in the audit log, and the job fails without retrying.
 */
export function publicationProcessor(deps: PublicationDeps) {
  const { ds, log } = deps;
  const now = deps.now ?? (() => new Date());

  return async (job: Job<PublicationJob>): Promise<PublicationOutcome> => {
    const { episodeId, action } = job.data;
    const at = new Date(job.data.at);
    const result = await ds.transaction(async (em): Promise<PublicationOutcome | { refused: string }> => {
      const row = await getPublication(em, episodeId, { lock: true });
      if (!row) return 'gone';
      const scheduled = action === 'publish' ? row.publishAt : row.unpublishAt;
      if (scheduled?.getTime() !== at.getTime()) return 'stale';

      const request: PublicationRequest = action === 'publish' ? { action, visibility: row.visibility! } : { action };
      const decision = decidePublication(request, publicationFacts(row), 'scheduler', now());
      const audit = { actorId: null, entityType: 'episode', entityId: episodeId, before: publicationAuditFields(row) };
      if (!decision.ok) {
        await em.update(EpisodePublicationEntity, episodeId, action === 'publish' ? { publishAt: null } : { unpublishAt: null });
        await em.insert(AuditEventEntity, { ...audit, action: 'publication.schedule_failed', after: { action, at: job.data.at, reason: decision.reason } });
        return { refused: decision.reason };
      }
      const next = await applyPublication(em, row, decision.change, now());
      await em.insert(AuditEventEntity, { ...audit, action: `publication.${action}ed`, after: { ...publicationAuditFields(next), scheduledFor: job.data.at } });
      return action === 'publish' ? 'published' : 'unpublished';
    });
    if (typeof result === 'object') {
      log.warn({ episodeId, action, reason: result.refused }, 'scheduled publication refused');
      throw new UnrecoverableError(result.refused);
    }
    log.info({ episodeId, action, outcome: result }, 'scheduled publication');
    return result;
  };
}

/** A BullMQ worker on the publication queue; close() it on shutdown. */
export function startPublicationWorker(deps: PublicationDeps & { connection: Redis }): Worker<PublicationJob> {
  const worker = new Worker<PublicationJob>(QUEUES.publication, publicationProcessor(deps), {
    connection: deps.connection,
    prefix: deps.config.QUEUE_PREFIX,
    concurrency: 4,
  });
  worker.on('failed', (job, err) => deps.log.warn({ episodeId: job?.data.episodeId, attempt: job?.attemptsMade, err: err.message }, 'publication job failed'));
  worker.on('error', (err) => deps.log.error({ err: err.message }, 'publication worker error'));
  return worker;
}
