import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';
import { ChapterDto, TranscriptCueDto } from '../publication/publication.dto';

/*
 * Everything the public API answers is built field by field from these classes: nothing else (ids, storage keys,
 * staff, states, schedules) can reach a patron. A test walks every response against this allow-list.
 */

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const PAGE_SIZE = 24;

export class PublicVideoQueryDto {
  @ApiPropertyOptional({ example: 'boeken verlengen', description: 'Words to search for in title, description, tags, chapters and transcript (Dutch and English)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: 'zelf-je-boeken-verlengen', description: 'Slug of a series' })
  @IsOptional()
  @Matches(SLUG, { message: 'series must be the web address of a series, like "zelf-je-boeken-verlengen"' })
  @MaxLength(80)
  series?: string;

  @ApiPropertyOptional({ example: 'digitale vaardigheden' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(200) category?: string;

  @ApiPropertyOptional({ example: 'nl' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'lang must be a language code such as nl, en or pt-BR' })
  lang?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1)
  @Max(1000)
  page = 1;
}

export class OembedQueryDto {
  @ApiProperty({ example: 'https://bibliotheek.example.nl/videos/je-boeken-verlengen', description: 'A watch or embed page of this site' })
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'url must be the address of a video page' })
  @MaxLength(2000)
  url: string;

  @ApiPropertyOptional({ enum: ['json', 'xml'], default: 'json', description: 'Only json is offered' })
  @IsOptional()
  @IsIn(['json', 'xml'], { message: 'format must be json' })
  format?: 'json' | 'xml';

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(4000) maxwidth?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(56) @Max(4000) maxheight?: number;
}

export class PublicSeriesRefDto {
  @ApiProperty({ example: 'zelf-je-boeken-verlengen' }) slug: string;
  @ApiProperty({ example: 'Zelf je boeken verlengen' }) title: string;
}

export class PublicVideoSummaryDto {
  @ApiProperty({ example: 'je-boeken-verlengen' }) slug: string;
  @ApiProperty({ example: 'Je boeken verlengen in de app' }) title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: PublicSeriesRefDto }) series: PublicSeriesRefDto;
  @ApiProperty({ example: 'nl' }) language: string;
  @ApiProperty({ example: 'digitale vaardigheden' }) category: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ nullable: true, type: Number, example: 184.2 }) durationS: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Still image (JPEG)' }) posterUrl: string | null;
  @ApiProperty() publishedAt: Date;
  @ApiProperty({ description: 'The watch page' }) url: string;
}

export class PublicCaptionsDto {
  @ApiProperty({ example: 'nl' }) language: string;
  @ApiProperty({ example: 'Nederlands' }) label: string;
  @ApiProperty({ description: 'WebVTT file' }) url: string;
}

export class PublicVideoDto extends PublicVideoSummaryDto {
  @ApiProperty({ description: 'false for unlisted videos: reachable by link only, keep them out of search engines' }) listed: boolean;
  @ApiProperty({ description: 'HLS master playlist' }) hlsUrl: string;
  @ApiProperty({ description: 'Page to put in an iframe' }) embedUrl: string;
  @ApiProperty({ nullable: true, type: String, description: 'WebVTT of thumbnail tiles for the scrubber preview' }) storyboardUrl: string | null;
  @ApiProperty({ type: [PublicCaptionsDto], description: 'Caption tracks (also listed in the HLS master playlist)' }) captions: PublicCaptionsDto[];
  @ApiProperty({ type: [TranscriptCueDto], description: 'The spoken text with times, for the interactive transcript' }) transcript: TranscriptCueDto[];
  @ApiProperty({ type: [ChapterDto], description: 'The episode’s chapters, or else the recording’s' }) chapters: ChapterDto[];
}

export class PublicVideoPageDto {
  @ApiProperty({ type: [PublicVideoSummaryDto] }) items: PublicVideoSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class PublicSeriesDto {
  @ApiProperty({ example: 'zelf-je-boeken-verlengen' }) slug: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: 'senioren' }) audience: string;
  @ApiProperty({ example: 'nl' }) language: string;
  @ApiProperty() category: string;
  @ApiProperty() videoCount: number;
  @ApiProperty() latestPublishedAt: Date;
  @ApiProperty({ description: 'The series page' }) url: string;
  @ApiProperty({ description: 'RSS feed of the series' }) feedUrl: string;
}

export class PublicSeriesDetailDto extends PublicSeriesDto {
  @ApiProperty({ type: [PublicVideoSummaryDto], description: 'In the order they were published' }) videos: PublicVideoSummaryDto[];
}

export class PublicSeriesListDto {
  @ApiProperty({ type: [PublicSeriesDto] }) items: PublicSeriesDto[];
}

export class OembedDto {
  @ApiProperty({ example: 'video' }) type: 'video';
  @ApiProperty({ example: '1.0' }) version: '1.0';
  @ApiProperty() title: string;
  @ApiProperty({ description: 'The series' }) author_name: string;
  @ApiProperty() author_url: string;
  @ApiProperty() provider_name: string;
  @ApiProperty() provider_url: string;
  @ApiProperty({ description: 'An iframe with the embed page' }) html: string;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
}
