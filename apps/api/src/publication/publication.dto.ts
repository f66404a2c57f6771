import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ASSET_STATUSES, AssetStatus, PUBLICATION_ACTIONS, PUBLICATION_STATES, PublicationAction, PublicationState, VideoVisibility, VIDEO_VISIBILITIES } from '@app/domain';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** An instant with its time zone, so 10:00 means the same to the server as to the editor. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const instant = (field: string) => `${field} must be a date and time with its time zone, like 2026-03-10T10:00:00+01:00`;
const MAX_VIDEO_S = 24 * 3600;

export class RejectDto {
  @ApiProperty({ example: 'Het geluid is te zacht vanaf 1:20. Graag opnieuw mixen.', description: 'What needs to change' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'comment must say what needs to change' })
  @MaxLength(5000)
  comment: string;
}

export class PublishDto {
  @ApiProperty({ enum: VIDEO_VISIBILITIES, description: 'public: listed and searchable; unlisted: anyone with the link; internal: staff only' })
  @IsIn(VIDEO_VISIBILITIES, { message: `visibility must be one of: ${VIDEO_VISIBILITIES.join(', ')}` })
  visibility: VideoVisibility;

  @ApiPropertyOptional({ example: '2026-03-10T10:00:00+01:00', description: 'Publish at this time instead of now; sending again replaces the time' })
  @IsOptional()
  @Matches(INSTANT, { message: instant('publishAt') })
  @IsISO8601({ strict: true }, { message: instant('publishAt') })
  publishAt?: string;
}

export class UnpublishDto {
  @ApiPropertyOptional({ example: '2026-06-30T17:00:00+02:00', description: 'Take it offline at this time instead of now; sending again replaces the time' })
  @IsOptional()
  @Matches(INSTANT, { message: instant('at') })
  @IsISO8601({ strict: true }, { message: instant('at') })
  at?: string;
}

export class TranscriptCueDto {
  @ApiProperty({ example: 12.5, description: 'Seconds from the start of the video' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'startS must be a number of seconds' })
  @Min(0)
  @Max(MAX_VIDEO_S)
  startS: number;

  @ApiProperty({ example: 'Open de app van de bibliotheek.' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'a transcript line must not be empty' })
  @MaxLength(1000)
  text: string;
}

export class ChapterDto {
  @ApiProperty({ example: 60, description: 'Seconds from the start of the video' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'startS must be a number of seconds' })
  @Min(0)
  @Max(MAX_VIDEO_S)
  startS: number;

  @ApiProperty({ example: 'Inloggen' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'a chapter title must not be empty' })
  @MaxLength(200)
  title: string;
}

/** The published metadata that is editorial: tags, transcript and chapters, and the web address before first publication. */
export class UpdatePublicationDto {
  @ApiPropertyOptional({ example: 'je-boeken-verlengen', description: 'Web address of the video; can be changed until it is first published' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug may only hold lower-case letters, digits and single dashes, like "boeken-verlengen"' })
  @MaxLength(80)
  slug?: string;

  @ApiPropertyOptional({ type: [String], example: ['bibliotheekpas', 'app'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value))
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'a tag must not be empty' })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [TranscriptCueDto], description: 'The spoken text, line by line; stored in time order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => TranscriptCueDto)
  transcript?: TranscriptCueDto[];

  @ApiPropertyOptional({ type: [ChapterDto], description: 'Stored in time order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ChapterDto)
  chapters?: ChapterDto[];
}

class CurrentAssetDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ASSET_STATUSES }) status: AssetStatus;
}

export class PublicationDto {
  @ApiProperty({ format: 'uuid' }) episodeId: string;
  @ApiProperty({ enum: PUBLICATION_STATES }) state: PublicationState;
  @ApiProperty({ enum: VIDEO_VISIBILITIES, nullable: true }) visibility: VideoVisibility | null;
  @ApiProperty({ nullable: true, type: String, example: 'je-boeken-verlengen', description: 'Given when the episode is first published or scheduled' })
  slug: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Where patrons watch it (published public or unlisted episodes only)' })
  publicUrl: string | null;
  @ApiProperty({ nullable: true, type: Date, description: 'Scheduled publication' }) publishAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'Scheduled time to take it offline' }) unpublishAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When patrons could first see it' }) publishedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'The editor’s comment when it was last sent back' }) reviewComment: string | null;
  @ApiProperty({ type: CurrentAssetDto, nullable: true, description: 'The recording to review and publish: the newest one not rejected' })
  asset: CurrentAssetDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The recording patrons see' }) publishedAssetId: string | null;
  @ApiProperty({ enum: PUBLICATION_ACTIONS, isArray: true, description: 'What the current user may do now' }) allowedActions: PublicationAction[];
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [TranscriptCueDto] }) transcript: TranscriptCueDto[];
  @ApiProperty({ type: [ChapterDto] }) chapters: ChapterDto[];
}
