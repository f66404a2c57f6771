import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { EpisodeEntity, MediaAssetEntity } from '@app/db';
import { slugify } from '@app/domain';
import { Jobs } from '@app/jobs';
import { concatList, recordingRemuxArgs, runFfmpeg } from '@app/media';
import type { Storage } from '@app/storage';
import { AuditService } from '../audit/audit.service';
import { STORAGE } from '../media/storage.provider';

export interface FinishedSession {
  sessionId: string;
  broadcastId: string;
  /** The session's folder with its recording parts (one per publish). */
  dir: string;
  startedAt: Date;
}

/**
 * Turns a finished live session's recording into a media asset of a new draft episode in the broadcast's series
 * (a series named after the broadcast when none is set), and sends it to the probe queue like an upload.
 */
@Injectable()
export class RecordingService {
  private readonly logger = new Logger('Live');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: Jobs,
    private readonly audit: AuditService,
  ) {}

  async save(s: FinishedSession): Promise<{ assetId: string; episodeId: string } | null> {
    const [session] = await this.ds.query(`SELECT recording_asset_id AS "assetId", episode_id AS "episodeId" FROM live_sessions WHERE id = $1`, [s.sessionId]);
    if (session?.assetId) return session;

    const parts: string[] = [];
    for (const f of (await readdir(s.dir)).filter((f) => /^part-\d+\.ts$/.test(f)).sort()) {
      if ((await stat(path.join(s.dir, f))).size > 0) parts.push(path.join(s.dir, f));
    }
    if (!parts.length) return null;
    const list = path.join(s.dir, 'parts.txt');
    const mp4 = path.join(s.dir, 'recording.mp4');
    await writeFile(list, concatList(parts));
    await runFfmpeg({ args: recordingRemuxArgs(list, mp4), durationS: 0 });

    const assetId = randomUUID();
    const sourceKey = this.storage.uploadKey(assetId);
    const stored = await this.storage.put(sourceKey, createReadStream(mp4), { contentType: 'video/mp4' });
    const day = DateTime.fromJSDate(s.startedAt, { zone: this.config.TIMEZONE }).toISODate();

    const episodeId = await this.ds.transaction(async (em) => {
      const [b] = await em.query(`SELECT title, description, series_id AS "seriesId" FROM broadcasts WHERE id = $1 FOR UPDATE`, [s.broadcastId]);
      let seriesId: string = b.seriesId;
      if (!seriesId) {
        const slug = slugify(b.title) || 'livestream';
        await em.query(`INSERT INTO series (title, slug) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING`, [b.title, slug]);
        [{ id: seriesId }] = await em.query(`SELECT id FROM series WHERE slug = $1`, [slug]);
        await em.query(`UPDATE broadcasts SET series_id = $2 WHERE id = $1`, [s.broadcastId, seriesId]);
      }
      const [{ position }] = await em.query(`SELECT coalesce(max(position) + 1, 0)::int AS position FROM episodes WHERE series_id = $1`, [seriesId]);
      const { identifiers } = await em.insert(EpisodeEntity, {
        seriesId,
        title: `${b.title} (${day})`,
        description: b.description,
        stage: 'editing',
        notes: `Recording of the livestream of ${day}.`,
        position,
      });
      const episodeId: string = identifiers[0].id;
      await em.insert(MediaAssetEntity, {
        id: assetId,
        episodeId,
        broadcastId: s.broadcastId,
        filename: `${(slugify(b.title) || 'livestream').slice(0, 60)}-${day}.mp4`,
        sourceKey,
        sizeBytes: stored.size,
        status: 'uploaded',
        uploadedAt: new Date(),
        uploadedBy: null,
      });
      await em.query(`UPDATE live_sessions SET recording_asset_id = $2, episode_id = $3 WHERE id = $1`, [s.sessionId, assetId, episodeId]);
      await this.audit.record({ actorId: null, action: 'live.recording_saved', entityType: 'broadcast', entityId: s.broadcastId, after: { sessionId: s.sessionId, assetId, episodeId, seriesId, sizeBytes: stored.size } }, em);
      return episodeId;
    });
    await this.jobs.probe(assetId);
    this.logger.log(`Broadcast ${s.broadcastId}: the recording (${Math.round(stored.size / 1024 ** 2)} MiB) is episode ${episodeId}, waiting for the probe.`);
    for (const f of [...parts, list, mp4]) await rm(f, { force: true });
    await rmdir(s.dir).catch(() => undefined);
    return { assetId, episodeId };
  }
}
