import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ForbiddenException, Inject, Injectable, Logger, NotFoundException, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ERRORS, Server, Upload } from '@tus/server';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { EpisodeEntity, MediaAssetEntity } from '@app/db';
import { AssetStatus, assertAssetTransition } from '@app/domain';
import { Jobs } from '@app/jobs';
import { checkFilename } from '@app/media';
import type { Storage } from '@app/storage';
import type { AuthUser } from '../auth/access.guard';
import { AuditService } from '../audit/audit.service';
import { STORAGE } from '../media/storage.provider';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SWEEP_EVERY_MS = 10 * 60_000;
/** An upload that finished this long ago without a probe job (Redis was down) gets its job again. */
const REQUEUE_AFTER_S = 5 * 60;

/** A tus error: the status and a plain-text body the producer's uploader shows. */
const refuse = (status_code: number, message: string) => ({ status_code, body: `${message}\n` });

const readableSize = (bytes: number) =>
  bytes >= 1024 ** 3 ? `${Math.round((bytes / 1024 ** 3) * 10) / 10} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;

/**
 * Resumable uploads (tus 1.0): bytes stream straight into media storage, the upload id is the media asset id,
 * and a finished upload goes to the probe queue. Abandoned uploads expire and are swept away.
 */
@Injectable()
export class UploadsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Uploads');
  private readonly user = new AsyncLocalStorage<AuthUser>();
  private readonly tus: Server;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STORAGE) private readonly storage: Storage,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: Jobs,
    private readonly audit: AuditService,
  ) {
    this.tus = new Server({
      path: '/api/uploads',
      datastore: storage.uploadStore(this.expiryMs),
      maxSize: config.UPLOAD_MAX_BYTES,
      relativeLocation: true,
      allowedOrigins: () => false,
      disableTerminationForFinishedUploads: true,
      namingFunction: () => randomUUID(),
      onUploadCreate: async (_req, upload) => {
        await this.created(upload);
        return {};
      },
      onUploadFinish: async (_req, upload) => {
        await this.finished(upload.id);
        return {};
      },
      onResponseError: (_req, err) => this.explain(err),
    });
  }

  private get expiryMs(): number {
    return Math.round(this.config.UPLOAD_EXPIRY_HOURS * 3600_000);
  }

  /** Hands one tus request to the tus server, on behalf of a logged-in producer. */
  handle(req: IncomingMessage, res: ServerResponse, user: AuthUser): Promise<void> {
    return this.user.run(user, () => this.tus.handle(req, res));
  }

  /** Only the producer who started an upload (or an admin) may resume or cancel it. */
  async assertOwner(id: string, user: AuthUser): Promise<MediaAssetEntity> {
    const asset = await this.ds.getRepository(MediaAssetEntity).findOneBy({ id });
    if (!asset) throw new NotFoundException('There is no upload with this id. It may have expired or been cancelled; start the upload again.');
    if (asset.uploadedBy !== user.id && !user.roles.includes('admin')) {
      throw new ForbiddenException('This upload was started by someone else; only they or an administrator can continue or cancel it.');
    }
    return asset;
  }

  private async created(upload: Upload): Promise<void> {
    const user = this.user.getStore()!;
    const meta = upload.metadata ?? {};
    const filename = (meta.filename ?? '').trim();
    if (!filename) throw refuse(400, 'Name the file: the upload needs "filename" in its Upload-Metadata.');
    if (filename.length > 255) throw refuse(400, 'The file name is longer than 255 characters. Rename the file and try again.');
    if (upload.sizeIsDeferred || upload.size === undefined) throw refuse(400, 'Send the size of the file (Upload-Length) when starting the upload.');
    const refused = checkFilename(filename, this.config.UPLOAD_ALLOWED_CONTAINERS);
    if (refused) throw refuse(415, refused.message);

    const episodeId = meta.episodeId ?? null;
    const broadcastId = meta.broadcastId ?? null;
    if ((episodeId === null) === (broadcastId === null)) {
      throw refuse(400, 'Say what this recording is for: give either "episodeId" or "broadcastId" in the Upload-Metadata (not both).');
    }
    const target = episodeId ?? broadcastId!;
    const what = episodeId ? 'episode' : 'broadcast';
    if (!UUID.test(target)) throw refuse(400, `"${target.slice(0, 60)}" is not a valid ${what} id.`);
    const exists = episodeId
      ? await this.ds.getRepository(EpisodeEntity).existsBy({ id: episodeId })
      : (await this.ds.query(`SELECT 1 FROM broadcasts WHERE id = $1`, [broadcastId])).length > 0;
    if (!exists) throw refuse(400, `There is no ${what} with id ${target}. Choose an existing ${what} and upload again.`);

    await this.ds.transaction(async (em) => {
      await em.insert(MediaAssetEntity, {
        id: upload.id,
        episodeId,
        broadcastId,
        filename,
        sourceKey: this.storage.uploadKey(upload.id),
        sizeBytes: upload.size,
        status: 'uploading',
        uploadedBy: user.id,
      });
      await this.audit.record(
        { actorId: user.id, action: 'media.upload-started', entityType: 'media_asset', entityId: upload.id, after: { filename, sizeBytes: upload.size, episodeId, broadcastId } },
        em,
      );
    });
  }

  private async finished(id: string): Promise<void> {
    const user = this.user.getStore();
    await this.ds.transaction(async (em) => {
      if (await this.move(em, id, 'uploading', 'uploaded', { uploadedAt: new Date() })) {
        await this.audit.record({ actorId: user?.id ?? null, action: 'media.uploaded', entityType: 'media_asset', entityId: id }, em);
      }
    });
    await this.jobs.probe(id);
  }

  /**
   * tus termination. The request has no body, so it goes to the tus server as a web Request; when the bytes are
   * deleted the asset row goes too, before the producer hears 204.
   */
  async terminate(req: IncomingMessage, res: ServerResponse, user: AuthUser): Promise<void> {
    const id = (req.url ?? '').split('/').pop()!;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const response = await this.user.run(user, () => this.tus.handleWeb(new Request(`http://localhost${req.url}`, { method: 'DELETE', headers })));
    if (response.status === 204) {
      await this.ds.transaction(async (em) => {
        const deleted = await em.delete(MediaAssetEntity, { id, status: 'uploading' });
        if (deleted.affected) await this.audit.record({ actorId: user.id, action: 'media.upload-cancelled', entityType: 'media_asset', entityId: id }, em);
      });
    }
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  private async move(em: EntityManager, id: string, from: AssetStatus, to: AssetStatus, patch: Partial<MediaAssetEntity> = {}): Promise<boolean> {
    assertAssetTransition(from, to);
    const res = await em
      .createQueryBuilder()
      .update(MediaAssetEntity)
      .set({ ...patch, status: to })
      .where('id = :id AND status = :from', { id, from })
      .execute();
    return res.affected === 1;
  }

  private explain(err: Error | { status_code: number; body: string }): { status_code: number; body: string } | undefined {
    if (!('status_code' in err)) return undefined;
    if (err.body === ERRORS.ERR_MAX_SIZE_EXCEEDED.body) {
      return refuse(413, `This file is larger than the upload limit of ${readableSize(this.config.UPLOAD_MAX_BYTES)}. Trim the recording or export it at a lower bitrate, then upload it again.`);
    }
    if (err.body === ERRORS.ERR_SIZE_EXCEEDED.body) return refuse(413, 'More bytes arrived than the upload announced. Start the upload again.');
    if (err.status_code === 404 || err.status_code === 410) {
      return refuse(err.status_code, 'This upload no longer exists: it expired or was cancelled. Start the upload again.');
    }
    return undefined;
  }

  /**
   * Deletes uploads not finished within UPLOAD_EXPIRY_HOURS (their asset becomes `failed` with a reason) and
   * re-queues finished uploads whose probe job never reached Redis. Runs at start-up and every 10 minutes.
   */
  async sweep(): Promise<{ expired: number; requeued: number }> {
    const repo = this.ds.getRepository(MediaAssetEntity);
    const expired = await repo
      .createQueryBuilder('a')
      .where(`a.status = 'uploading' AND a.created_at < now() - make_interval(secs => :s)`, { s: this.expiryMs / 1000 })
      .getMany();
    for (const asset of expired) {
      await this.tus.datastore.remove(asset.id).catch(() => undefined);
      for (const key of await this.storage.list(asset.sourceKey)) await this.storage.delete(key);
      await this.ds.transaction((em) =>
        this.move(em, asset.id, 'uploading', 'failed', {
          reasonCode: 'upload_expired',
          reason: `The upload was not finished within ${this.config.UPLOAD_EXPIRY_HOURS} hours, so the part that arrived was deleted. Upload the file again.`,
        }),
      );
    }
    const stuck = await repo
      .createQueryBuilder('a')
      .where(`a.status = 'uploaded' AND a.uploaded_at < now() - make_interval(secs => :s)`, { s: REQUEUE_AFTER_S })
      .getMany();
    for (const asset of stuck) await this.jobs.probe(asset.id);
    return { expired: expired.length, requeued: stuck.length };
  }

  onApplicationBootstrap(): void {
    const run = () =>
      this.sweep().then(
        (r) => (r.expired || r.requeued) && this.logger.log(`Expired ${r.expired} abandoned upload(s), re-queued ${r.requeued} probe(s)`),
        (err) => this.logger.error(`Sweeping uploads failed: ${err.message}`),
      );
    void run();
    this.timer = setInterval(run, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
