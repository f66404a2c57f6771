import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { BroadcastStatus, liveSlug, liveSlugIdRange, recordingNotice } from '@app/domain';
import type { PublicLiveDto, PublicLiveListDto } from './live.dto';

const UPCOMING = 20;
/** Patrons see broadcasts planned stand-alone or of a public calendar activity; never drafts. */
const PUBLIC = `coalesce(a.visibility, 'public') = 'public'`;
const PAGE_STATUS: Record<BroadcastStatus, PublicLiveDto['status'] | null> = {
  draft: null,
  scheduled: 'upcoming',
  ready: 'upcoming',
  live: 'live',
  ended: 'ended',
  published: 'ended',
  failed: 'ended',
  cancelled: 'cancelled',
};

const playlistUrl = (id: string) => `/api/live/${id}/index.m3u8`;

/** What the patron portal shows of livestreams: what is on now, what is coming, and one broadcast's page. */
@Injectable()
export class PublicLiveService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<PublicLiveListDto> {
    const [live, upcoming] = await Promise.all([
      this.ds.query(
        `SELECT b.id, b.title, coalesce(s.live_at, s.started_at) AS "startedAt"
           FROM broadcasts b JOIN live_sessions s ON s.broadcast_id = b.id AND s.ended_at IS NULL LEFT JOIN activities a ON a.id = b.activity_id
          WHERE b.status = 'live' AND ${PUBLIC} ORDER BY 3, b.id`,
      ),
      this.ds.query(
        `SELECT b.id, b.title, b.starts_at AS start FROM broadcasts b LEFT JOIN activities a ON a.id = b.activity_id
          WHERE b.status IN ('scheduled', 'ready') AND b.ends_at > now() AND ${PUBLIC} ORDER BY b.starts_at, b.id LIMIT ${UPCOMING}`,
      ),
    ]);
    return {
      live: live.map((b: { id: string; title: string; startedAt: Date }) => ({ slug: liveSlug(b.title, b.id), title: b.title, startedAt: b.startedAt, playlist: playlistUrl(b.id) })),
      upcoming: upcoming.map((b: { id: string; title: string; start: Date }) => ({ slug: liveSlug(b.title, b.id), title: b.title, start: b.start })),
    };
  }

  async watch(slug: string): Promise<PublicLiveDto> {
    const range = liveSlugIdRange(slug);
    const notFound = new NotFoundException('There is no public livestream at this address.');
    if (!range) throw notFound;
    const rows: { id: string; title: string; description: string; status: BroadcastStatus; start: Date; end: Date }[] = await this.ds.query(
      `SELECT b.id, b.title, b.description, b.status, b.starts_at AS start, b.ends_at AS "end" FROM broadcasts b LEFT JOIN activities a ON a.id = b.activity_id
        WHERE b.id BETWEEN $1 AND $2 AND b.status <> 'draft' AND ${PUBLIC} ORDER BY b.id LIMIT 10`,
      [range.from, range.to],
    );
    const b = rows.find((r) => liveSlug(r.title, r.id) === slug) ?? rows[0];
    if (!b) throw notFound;
    const [session] = await this.ds.query(
      `SELECT s.live_at AS "liveAt", s.ended_at AS "endedAt", s.recording_asset_id AS "assetId", m.status AS "assetStatus",
              e.publication_state AS "publicationState", e.publish_at AS "publishAt", e.published_at AS "publishedAt", e.public_slug AS "publicSlug"
         FROM live_sessions s LEFT JOIN media_assets m ON m.id = s.recording_asset_id LEFT JOIN episodes e ON e.id = s.episode_id
        WHERE s.broadcast_id = $1 AND s.live_at IS NOT NULL ORDER BY s.live_at DESC LIMIT 1`,
      [b.id],
    );
    const status = PAGE_STATUS[b.status]!;
    return {
      slug: liveSlug(b.title, b.id),
      title: b.title,
      description: b.description,
      status,
      start: b.start,
      end: b.end,
      startedAt: session?.liveAt ?? null,
      endedAt: session?.endedAt ?? null,
      playlist: status === 'live' ? playlistUrl(b.id) : null,
      recording:
        status === 'ended'
          ? recordingNotice(session?.endedAt ? { ...session, assetStatus: session.assetId ? session.assetStatus : null } : null, this.config.TIMEZONE)
          : null,
    };
  }
}
