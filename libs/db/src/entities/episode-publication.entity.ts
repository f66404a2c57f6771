import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PublicationState, VideoVisibility } from '@app/domain';

/** One line of an episode's transcript, from `startS` seconds into the video. */
export interface TranscriptCue {
  startS: number;
  text: string;
}

export interface Chapter {
  startS: number;
  title: string;
}

/**
 * The publication side of an episode: the same `episodes` row that EpisodeEntity maps for production, seen
 * through the columns the review-and-publish workflow owns (state, schedule, public slug, published metadata).
 * Title, description, series and stage stay EpisodeEntity's.
 */
@Entity('episodes')
export class EpisodePublicationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'publication_state', type: 'text', default: 'draft' })
  state: PublicationState;

  @Column({ type: 'text', nullable: true })
  visibility: VideoVisibility | null;

  /** The episode's web address on the public site; fixed once the episode has been published. */
  @Column({ name: 'public_slug', type: 'text', nullable: true, unique: true })
  slug: string | null;

  @Column({ name: 'publish_at', type: 'timestamptz', nullable: true })
  publishAt: Date | null;

  @Column({ name: 'unpublish_at', type: 'timestamptz', nullable: true })
  unpublishAt: Date | null;

  /** When patrons could first see it. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** The recording patrons see: the newest ready one when it was published. */
  @Column({ name: 'published_asset_id', type: 'uuid', nullable: true })
  publishedAssetId: string | null;

  /** The editor's comment when the episode was last sent back. */
  @Column({ name: 'review_comment', type: 'text', nullable: true })
  reviewComment: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  tags: string[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  transcript: TranscriptCue[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  chapters: Chapter[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
