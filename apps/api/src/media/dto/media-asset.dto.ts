import { ApiProperty } from '@nestjs/swagger';
import { ASSET_STATUSES, AssetStatus } from '@app/domain';
import type { MediaAssetEntity } from '@app/db';

class LoudnessDto {
  @ApiProperty({ description: 'Integrated loudness (LUFS)', example: -19.4 }) integrated: number;
  @ApiProperty({ description: 'True peak (dBTP)', example: -2.1 }) truePeak: number | null;
  @ApiProperty({ description: 'Loudness range (LU)', example: 6.3 }) range: number | null;
  @ApiProperty({ description: 'Gating threshold (LUFS)', example: -29.6 }) threshold: number | null;
  @ApiProperty({ description: 'Offset for the second loudnorm pass (LU)', example: 0.2 }) offset: number | null;
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

  static from(a: MediaAssetEntity): MediaAssetDto {
    return {
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
    };
  }
}
