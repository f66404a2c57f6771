import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_S = 24 * 3600;

/** Sent once per playback (e.g. with navigator.sendBeacon when the page is hidden). Nothing identifies the viewer. */
export class ViewBeaconDto {
  @ApiProperty({ example: 95.5, description: 'Seconds actually played' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'watchedSeconds must be a number of seconds' })
  @Min(0)
  @Max(MAX_S)
  watchedSeconds: number;

  @ApiProperty({ example: 184.2, description: 'Length of the video as the player saw it (the server prefers its own measurement)' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'durationSeconds must be a number of seconds' })
  @Min(0.1)
  @Max(MAX_S)
  durationSeconds: number;
}

export class StatsQueryDto {
  @ApiPropertyOptional({ example: '2026-03-01', description: 'First day (default: 30 days ago)' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date like 2026-03-01' })
  @IsISO8601({ strict: true }, { message: 'from must be a date like 2026-03-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Last day (default: today)' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date like 2026-03-31' })
  @IsISO8601({ strict: true }, { message: 'to must be a date like 2026-03-31' })
  to?: string;
}

export class VideoStatsDto {
  @ApiProperty({ format: 'uuid' }) episodeId: string;
  @ApiProperty() title: string;
  @ApiProperty() seriesTitle: string;
  @ApiProperty({ nullable: true, type: String }) slug: string | null;
  @ApiProperty() views: number;
  @ApiProperty({ description: 'Seconds played in all' }) watchedSeconds: number;
  @ApiProperty({ example: 0.72, description: 'Average share of the video watched per view, 0–1' }) averageWatchThrough: number;
}

export class VideoStatsListDto {
  @ApiProperty({ example: '2026-03-01' }) from: string;
  @ApiProperty({ example: '2026-03-31' }) to: string;
  @ApiProperty({ type: [VideoStatsDto], description: 'Videos with at least one view, most viewed first' }) items: VideoStatsDto[];
}
