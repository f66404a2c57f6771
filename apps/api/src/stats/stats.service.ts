import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { StatsQueryDto, VideoStatsListDto, ViewBeaconDto } from './stats.dto';

/** View statistics without tracking: per video per day, a count and sums. No cookie, IP address or user agent is kept. */
@Injectable()
export class StatsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Adds one view to today's totals (in the library's time zone). The recording's own length wins over the player's. */
  async recordView(slug: string, beacon: ViewBeaconDto): Promise<void> {
    const counted: unknown[] = await this.ds.query(
      `INSERT INTO video_views_daily AS v (episode_id, day, views, watched_s, watch_through_sum)
       SELECT e.id, (now() AT TIME ZONE $2)::date, 1, least($3, d.s), least($3, d.s) / d.s
       FROM episodes e
       JOIN media_assets a ON a.id = e.published_asset_id
       CROSS JOIN LATERAL (SELECT coalesce(nullif(a.duration_s, 0), $4) AS s) d
       WHERE e.public_slug = $1 AND e.publication_state = 'published' AND e.visibility IN ('public', 'unlisted')
       ON CONFLICT (episode_id, day) DO UPDATE SET
         views = v.views + 1,
         watched_s = v.watched_s + excluded.watched_s,
         watch_through_sum = v.watch_through_sum + excluded.watch_through_sum
       RETURNING 1`,
      [slug, this.config.TIMEZONE, beacon.watchedSeconds, beacon.durationSeconds],
    );
    if (!counted.length) throw new NotFoundException('There is no video at this address. It may have been taken offline.');
  }

  async videos(query: StatsQueryDto): Promise<VideoStatsListDto> {
    const [{ today }]: { today: string }[] = await this.ds.query(`SELECT to_char((now() AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS today`, [this.config.TIMEZONE]);
    const to = query.to ?? today;
    const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    if (from > to) throw new BadRequestException({ message: 'from must not be after to.', fields: { from: ['must not be after to'] } });
    const items = await this.ds.query(
      `SELECT e.id AS "episodeId", e.title, s.title AS "seriesTitle", e.public_slug AS slug,
              sum(v.views)::int AS views, sum(v.watched_s)::float AS "watchedSeconds",
              (sum(v.watch_through_sum) / sum(v.views))::float AS "averageWatchThrough"
       FROM video_views_daily v JOIN episodes e ON e.id = v.episode_id JOIN series s ON s.id = e.series_id
       WHERE v.day BETWEEN $1 AND $2
       GROUP BY e.id, s.title
       ORDER BY views DESC, e.title`,
      [from, to],
    );
    return { from, to, items };
  }
}
