import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LiveEndReason } from '@app/domain';

/** One time a broadcast was on the ingest, from the first accepted publish until it ended. */
@Entity('live_sessions')
export class LiveSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'broadcast_id', type: 'uuid' })
  broadcastId: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  /** When the first live segment was listed. */
  @Column({ name: 'live_at', type: 'timestamptz', nullable: true })
  liveAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: LiveEndReason | null;

  @Column({ name: 'stopped_by', type: 'uuid', nullable: true })
  stoppedBy: string | null;

  @Column({ type: 'int', default: 0 })
  reconnects: number;

  @Column({ name: 'recording_asset_id', type: 'uuid', nullable: true })
  recordingAssetId: string | null;

  @Column({ name: 'episode_id', type: 'uuid', nullable: true })
  episodeId: string | null;
}
