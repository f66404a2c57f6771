import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Views of one published video on one day (in the library's time zone). Only totals: no cookie, IP address,
 * user agent or per-view row is ever stored. Average watch-through = watchThroughSum / views.
 */
@Entity('video_views_daily')
export class VideoViewsDailyEntity {
  @PrimaryColumn({ name: 'episode_id', type: 'uuid' })
  episodeId: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'int', default: 0 })
  views: number;

  @Column({ name: 'watched_s', type: 'double precision', default: 0 })
  watchedS: number;

  /** Sum over views of the watched share of the video (0..1 each). */
  @Column({ name: 'watch_through_sum', type: 'double precision', default: 0 })
  watchThroughSum: number;
}
