import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AssetStatus } from '@app/domain';
import { EpisodeEntity } from './episode.entity';

const bigintAsNumber = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * One uploaded recording. Its id is the tus upload id; the stored bytes live at `sourceKey` in media storage.
 * The probe facts are filled in by the probe job; `reason` says why a file was rejected or failed.
 */
@Entity('media_assets')
export class MediaAssetEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'episode_id', type: 'uuid', nullable: true })
  episodeId: string | null;

  @ManyToOne(() => EpisodeEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'episode_id' })
  episode?: EpisodeEntity;

  @Column({ name: 'broadcast_id', type: 'uuid', nullable: true })
  broadcastId: string | null;

  /** The name the producer's file had; shown to people, never used as a storage key. */
  @Column({ type: 'text' })
  filename: string;

  @Column({ name: 'source_key', type: 'text' })
  sourceKey: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintAsNumber })
  sizeBytes: number;

  @Column({ type: 'text', default: 'uploading' })
  status: AssetStatus;

  /** A stable code for the rejection or failure (e.g. `playlist`), for translated messages. */
  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @Column({ type: 'text', nullable: true })
  format: string | null;

  @Column({ name: 'video_codec', type: 'text', nullable: true })
  videoCodec: string | null;

  @Column({ name: 'audio_codec', type: 'text', nullable: true })
  audioCodec: string | null;

  @Column({ type: 'int', nullable: true })
  width: number | null;

  @Column({ type: 'int', nullable: true })
  height: number | null;

  @Column({ type: 'double precision', nullable: true })
  fps: number | null;

  @Column({ name: 'duration_s', type: 'double precision', nullable: true })
  durationS: number | null;

  @Column({ name: 'bit_rate', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  bitRate: number | null;

  @Column({ name: 'audio_channels', type: 'int', nullable: true })
  audioChannels: number | null;

  /** EBU R128 loudnorm first pass: integrated loudness (LUFS), true peak (dBTP), range (LU), threshold, offset. */
  @Column({ name: 'loudness_i', type: 'double precision', nullable: true })
  loudnessI: number | null;

  @Column({ name: 'loudness_tp', type: 'double precision', nullable: true })
  loudnessTp: number | null;

  @Column({ name: 'loudness_lra', type: 'double precision', nullable: true })
  loudnessLra: number | null;

  @Column({ name: 'loudness_thresh', type: 'double precision', nullable: true })
  loudnessThresh: number | null;

  @Column({ name: 'loudness_offset', type: 'double precision', nullable: true })
  loudnessOffset: number | null;

  @Column({ name: 'uploaded_at', type: 'timestamptz', nullable: true })
  uploadedAt: Date | null;

  @Column({ name: 'probed_at', type: 'timestamptz', nullable: true })
  probedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
