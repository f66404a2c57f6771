import { ApiProperty } from '@nestjs/swagger';
import { ASSET_STATUSES, AssetStatus } from '@app/domain';
import type { MediaAssetEntity } from '@app/db';
import { versionedUrl } from '@app/storage';

class LoudnessDto {
  @ApiProperty({ description: 'Integrated loudness (LUFS)', example: -19.4 }) integrated: number;
  @ApiProperty({ description: 'True peak (dBTP)', example: -2.1 }) truePeak: number | null;
  @ApiProperty({ description: 'Loudness range (LU)', example: 6.3 }) range: number | null;
  @ApiProperty({ description: 'Gating threshold (LUFS)', example: -29.6 }) threshold: number | null;
  @ApiProperty({ description: 'Offset for the second loudnorm pass (LU)', example: 0.2 }) offset: number | null;
}

export class ProgressDto {
  @ApiProperty({ example: 42.5, description: 'Percent of the processing done' }) percent: number;
  @ApiProperty({ nullable: true, type: Number, example: 95, description: 'Estimated seconds left; null until it can be estimated' }) etaSeconds: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'ladder', description: 'The step running now: playable, ladder, thumbnails, parts, join' }) step: string | null;
}

export class RenditionDto {
  @ApiProperty({ example: 'v720' }) id: string;
  @ApiProperty({ enum: ['video', 'audio'] }) kind: 'video' | 'audio';
  @ApiProperty({ nullable: true, type: Number, example: 1280 }) width: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 720 }) height: number | null;
  @ApiProperty({ example: 2_500_000, description: 'Peak bits per second' }) bandwidth: number;
}

export class CaptionTrackDto {
  @ApiProperty({ example: 'nl', description: 'Language tag (BCP 47)' }) lang: string;
  @ApiProperty({ example: 'Nederlands' }) label: string;
  @ApiProperty({ example: '/api/media/4f0c…/files/hls/captions/nl.vtt', description: 'The WebVTT file' }) url: string;
}

export class ChapterDto {
  @ApiProperty({ example: 95.5, description: 'Seconds from the start' }) startS: number;
  @ApiProperty({ example: 'Inloggen met uw pas' }) title: string;
}

/** Where processing stands: what the dashboard's progress bar and its event stream show. */
export class MediaProgressDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ASSET_STATUSES }) status: AssetStatus;
  @ApiProperty({ nullable: true, type: String, example: 'cancelled' }) reasonCode: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ type: ProgressDto, nullable: true, description: 'While waiting for or in processing; null otherwise' }) progress: ProgressDto | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When the recording became watchable (the first rendition was published)' }) playableAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When processing finished' }) readyAt: Date | null;
  @ApiProperty({ type: [RenditionDto] }) renditions: RenditionDto[];

  static from(a: MediaAssetEntity): MediaProgressDto {
    const active = a.status === 'queued' || a.status === 'processing';
    return {
      id: a.id,
      status: a.status,
      reasonCode: a.reasonCode,
      reason: a.reason,
      progress: active ? { percent: a.progressPercent ?? 0, etaSeconds: a.progressEtaS, step: a.progressStep } : null,
      playableAt: a.playableAt,
      readyAt: a.readyAt,
      renditions: a.renditions.map((r) => ({ id: r.id, kind: r.kind, width: r.width ?? null, height: r.height ?? null, bandwidth: r.bandwidth })),
    };
  }
}

export class MediaAssetDto {
  @ApiProperty({ format: 'uuid', description: 'Also the id of the tus upload that created it' }) id: string;
  @ApiProperty({ enum: ASSET_STATUSES }) status: AssetStatus;
  @ApiProperty({ nullable: true, example: 'playlist', description: 'Stable code of the rejection or failure, for translations' })
  reasonCode: string | null;
  @ApiProperty({ nullable: true, example: 'This file is a playlist, not a recording. Upload the video file itself.' }) reason: string | null;
  @ApiProperty({ example: 'workshop-2025-03-01.mp4' }) filename: string;
  @ApiProperty({ format: 'uuid', nullable: true }) episodeId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) broadcastId: string | null;
  @ApiProperty({ example: 1_873_220_114 }) sizeBytes: number;
  @ApiProperty({ nullable: true, example: 'mov,mp4,m4a,3gp,3g2,mj2' }) format: string | null;
  @ApiProperty({ nullable: true, example: 'h264' }) videoCodec: string | null;
  @ApiProperty({ nullable: true, example: 'aac' }) audioCodec: string | null;
  @ApiProperty({ nullable: true, example: 1920 }) width: number | null;
  @ApiProperty({ nullable: true, example: 1080 }) height: number | null;
  @ApiProperty({ nullable: true, example: 29.97 }) fps: number | null;
  @ApiProperty({ nullable: true, example: 3712.4 }) durationS: number | null;
  @ApiProperty({ nullable: true, example: 4_000_000, description: 'bits per second' }) bitRate: number | null;
  @ApiProperty({ nullable: true, example: 2 }) audioChannels: number | null;
  @ApiProperty({ type: LoudnessDto, nullable: true }) loudness: LoudnessDto | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true }) uploadedAt: Date | null;
  @ApiProperty({ nullable: true }) probedAt: Date | null;
  @ApiProperty({ type: ProgressDto, nullable: true, description: 'While waiting for or in processing; null otherwise' }) progress: ProgressDto | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When the recording became watchable (the first rendition was published)' }) playableAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When processing finished' }) readyAt: Date | null;
  @ApiProperty({ type: [RenditionDto] }) renditions: RenditionDto[];
  @ApiProperty({ nullable: true, type: String, example: '/api/media/4f0c…/files/hls/master.m3u8', description: 'HLS master playlist, once a rendition is published' })
  masterUrl: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '/api/media/4f0c…/files/hls/poster.jpg?v=2',
    description: 'The still image; `?v=` goes up each time a chosen poster replaces it at the same address',
  })
  posterUrl: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 42.5, description: 'The moment (seconds) producers chose for the poster; null: the default moment' })
  posterAtS: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'WebVTT pointing each moment at its thumbnail in the storyboard sprite (#xywh)' })
  storyboardUrl: string | null;
  @ApiProperty({ type: [CaptionTrackDto] }) captions: CaptionTrackDto[];
  @ApiProperty({ type: [ChapterDto] }) chapters: ChapterDto[];
  @ApiProperty({ nullable: true, type: String, description: 'The chapters as WebVTT' }) chaptersUrl: string | null;

  static from(a: MediaAssetEntity): MediaAssetDto {
    const url = (file: string | null) => (file ? `/api/media/${a.id}/files/${file}` : null);
    return {
      ...MediaProgressDto.from(a),
      id: a.id,
      status: a.status,
      reasonCode: a.reasonCode,
      reason: a.reason,
      filename: a.filename,
      episodeId: a.episodeId,
      broadcastId: a.broadcastId,
      sizeBytes: a.sizeBytes,
      format: a.format,
      videoCodec: a.videoCodec,
      audioCodec: a.audioCodec,
      width: a.width,
      height: a.height,
      fps: a.fps,
      durationS: a.durationS,
      bitRate: a.bitRate,
      audioChannels: a.audioChannels,
      loudness:
        a.loudnessI === null
          ? null
          : { integrated: a.loudnessI, truePeak: a.loudnessTp, range: a.loudnessLra, threshold: a.loudnessThresh, offset: a.loudnessOffset },
      createdAt: a.createdAt,
      uploadedAt: a.uploadedAt,
      probedAt: a.probedAt,
      masterUrl: a.renditions.length ? url('hls/master.m3u8') : null,
      posterUrl: a.posterFile && versionedUrl(url(a.posterFile)!, a.posterVersion),
      posterAtS: a.posterAtS,
      storyboardUrl: url(a.storyboardFile),
      captions: a.captions.map((c) => ({ lang: c.lang, label: c.label, url: url(c.file)! })),
      chapters: a.chapters,
      chaptersUrl: a.chapters.length ? url('hls/chapters.vtt') : null,
    };
  }
}
