import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MediaAssetEntity } from '@app/db';
import { assertAssetTransition } from '@app/domain';
import { Jobs } from '@app/jobs';
import type { AuthUser } from '../auth/access.guard';
import { AuditService } from '../audit/audit.service';

/** Reads an asset and locks its row until the transaction ends. */
export async function lockAsset(em: EntityManager, id: string): Promise<MediaAssetEntity> {
  const asset = await em.findOne(MediaAssetEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!asset) throw new NotFoundException('There is no media file with this id. It may have been cancelled before the upload finished.');
  return asset;
}

const CANCELLED = 'Processing was cancelled and what it had made was removed. Choose "Process again" to start over.';

/**
 * Cancelling and restarting processing, and choosing the poster. The row is changed first and the queue after the
 * commit, so a job never reads the row from before. Running jobs notice the row and stop; the run's job removes its
 * files. Should the queue be unreachable after the commit, asking again (to process a queued recording, or for the same
 * poster) queues the job once more.
 */
@Injectable()
export class MediaProcessingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: Jobs,
    private readonly audit: AuditService,
  ) {}

  async cancel(id: string, user: AuthUser): Promise<MediaAssetEntity> {
    const cancelled = await this.ds.transaction(async (em) => {
      const asset = await lockAsset(em, id);
      if (asset.status !== 'queued' && asset.status !== 'processing') {
        throw new ConflictException(`Only a recording that is waiting for processing or being processed can be cancelled; this one is ${asset.status}.`);
      }
      assertAssetTransition(asset.status, 'failed');
      await em.update(MediaAssetEntity, id, {
        status: 'failed',
        reasonCode: 'cancelled',
        reason: CANCELLED,
        progressPercent: null,
        progressEtaS: null,
        progressStep: null,
        renditions: [],
        playableAt: null,
        readyAt: null,
        posterFile: null,
        storyboardFile: null,
      });
      const run = asset.transcodeRun;
      await this.audit.record({ actorId: user.id, action: 'media.processing_cancelled', entityType: 'media_asset', entityId: id, before: { status: asset.status, run }, after: { status: 'failed', run } }, em);
      return em.findOneByOrFail(MediaAssetEntity, { id });
    });
    await this.jobs.cancelTranscode(id, cancelled.transcodeRun);
    return cancelled;
  }

  /**
   * Processes a ready or failed recording again from the start, as a new run; the files of a ready one stay
   * watchable meanwhile. For a queued recording it makes sure its job is queued.
   */
  async retranscode(id: string, user: AuthUser): Promise<MediaAssetEntity> {
    const queued = await this.ds.transaction(async (em) => {
      const asset = await lockAsset(em, id);
      if (asset.status === 'queued') return asset;
      if (asset.status !== 'ready' && asset.status !== 'failed') {
        throw new ConflictException(`Only a processed, failed or cancelled recording can be processed again; this one is ${asset.status}. Cancel the processing first.`);
      }
      if (!asset.probedAt || asset.durationS === null) {
        throw new ConflictException('This upload was never checked successfully, so it cannot be processed. Upload the recording again.');
      }
      assertAssetTransition(asset.status, 'queued');
      const run = asset.transcodeRun + 1;
      await em.update(MediaAssetEntity, id, {
        status: 'queued',
        transcodeRun: run,
        reasonCode: null,
        reason: null,
        progressPercent: 0,
        progressEtaS: null,
        progressStep: null,
        transcodeStartedAt: null,
        readyAt: null,
      });
      await this.audit.record({ actorId: user.id, action: 'media.processing_restarted', entityType: 'media_asset', entityId: id, before: { status: asset.status, run: asset.transcodeRun }, after: { status: 'queued', run } }, em);
      return em.findOneByOrFail(MediaAssetEntity, { id });
    });
    await this.jobs.transcode(id, queued.transcodeRun);
    return queued;
  }

  /**
   * Chooses the moment of a processed recording whose picture becomes its poster. The row keeps the choice (processing
   * it again renders that moment too) and the poster job renders it; once published, `posterUrl` has a higher `?v=`.
   */
  async choosePoster(id: string, atSeconds: number, user: AuthUser): Promise<MediaAssetEntity> {
    const chosen = await this.ds.transaction(async (em) => {
      const asset = await lockAsset(em, id);
      if (asset.status !== 'ready') {
        throw new ConflictException(`The poster can be chosen once the recording has been processed; this one is ${asset.status}.`);
      }
      if (!asset.posterFile) throw new ConflictException('This recording has no picture (it is sound only), so it has no poster.');
      const durationS = asset.durationS ?? 0;
      if (atSeconds > durationS) {
        const within = `must lie within the recording: from 0 to ${durationS} seconds`;
        throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`atSeconds ${within}`], fields: { atSeconds: [within] } });
      }
      await em.update(MediaAssetEntity, id, { posterAtS: atSeconds });
      await this.audit.record({ actorId: user.id, action: 'media.poster_chosen', entityType: 'media_asset', entityId: id, before: { atSeconds: asset.posterAtS }, after: { atSeconds } }, em);
      return em.findOneByOrFail(MediaAssetEntity, { id });
    });
    await this.jobs.poster(id);
    return chosen;
  }
}
