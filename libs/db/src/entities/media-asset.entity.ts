import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AssetStatus } from '@app/domain';
import { EpisodeEntity } from './episode.entity';

/** A published HLS rendition, as the master playlist lists it (the fields of @app/media's Rendition). */
export interface AssetRendition {
  id: string;
  kind: 'video' | 'audio';
  playlist: string;
  codecs: string;
  bandwidth: number;
  width?: number;
  height?: number;
  fps?: number;
  channels?: number;
}

/** One caption track: its WebVTT file (relative to the asset's files) and its plain text, for search. */
export interface AssetCaption {
  lang: string;
  label: string;
  file: string;
  playlist: string;
  transcript: string;
}

export interface AssetChapter {
  startS: number;
  title: string;
}

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

  /** Incremented each time processing is started again; jobs of an older run stop. */
  @Column({ name: 'transcode_run', type: 'int', default: 0 })
  transcodeRun: number;

  @Column({ name: 'progress_percent', type: 'double precision', nullable: true })
  progressPercent: number | null;

  @Column({ name: 'progress_eta_s', type: 'int', nullable: true })
  progressEtaS: number | null;

  /** The processing step running now (playable, ladder, thumbnails, chunks, join). */
  @Column({ name: 'progress_step', type: 'text', nullable: true })
  progressStep: string | null;

  @Column({ name: 'transcode_started_at', type: 'timestamptz', nullable: true })
  transcodeStartedAt: Date | null;

  /** When the first rendition was published: the recording can be watched from then on. */
  @Column({ name: 'playable_at', type: 'timestamptz', nullable: true })
  playableAt: Date | null;

  @Column({ name: 'ready_at', type: 'timestamptz', nullable: true })
  readyAt: Date | null;

  /** Renditions published so far, as listed in hls/master.m3u8. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  renditions: AssetRendition[];

  /** Files relative to the asset's folder (`hls/poster.jpg`), served at /api/media/{id}/files/{file}. */
  @Column({ name: 'poster_file', type: 'text', nullable: true })
  posterFile: string | null;

  /** The moment (seconds into the recording) producers chose for the poster; null: the default moment. */
  @Column({ name: 'poster_at_s', type: 'double precision', nullable: true })
  posterAtS: number | null;

  /** Goes up each time a new poster picture is published at `posterFile`: the poster URL carries it as `?v=`. */
  @Column({ name: 'poster_version', type: 'int', default: 0 })
  posterVersion: number;

  @Column({ name: 'storyboard_file', type: 'text', nullable: true })
  storyboardFile: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  captions: AssetCaption[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  chapters: AssetChapter[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
