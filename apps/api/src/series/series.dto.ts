import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { EPISODE_STAGES, EpisodeStage, PUBLICATION_STATES, PublicationState, VIDEO_VISIBILITIES, VideoVisibility } from '@app/domain';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateSeriesDto {
  @ApiProperty({ example: 'Zelf je boeken verlengen' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ example: 'zelf-je-boeken-verlengen', description: 'Web address part; made from the title when left out' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug may only hold lower-case letters, digits and single dashes, like "boeken-verlengen"' })
  @MaxLength(80)
  slug?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ example: 'senioren' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(200) audience?: string;

  @ApiPropertyOptional({ example: 'nl', description: 'Language code such as nl, en, ar or pt-BR' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'language must be a language code such as nl, en or pt-BR' })
  language?: string;

  @ApiPropertyOptional({ example: 'digitale vaardigheden' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(200) category?: string;
}

export class UpdateSeriesDto extends PartialType(CreateSeriesDto) {}

export class CreateEpisodeDto {
  @ApiProperty({ example: 'Inloggen in de app' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;

  @ApiPropertyOptional({ nullable: true, description: 'The staff member who works on it now' })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeId must be the id of a staff member' })
  assigneeId?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '2026-05-01' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dueDate must be a date like 2026-05-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be a date like 2026-05-01' })
  dueDate?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) notes?: string;
}

export class UpdateEpisodeDto extends PartialType(CreateEpisodeDto) {
  @ApiPropertyOptional({ enum: EPISODE_STAGES, description: 'Moves one stage at a time, forward or back' })
  @IsOptional()
  @IsIn(EPISODE_STAGES, { message: `stage must be one of: ${EPISODE_STAGES.join(', ')}` })
  stage?: EpisodeStage;

  @ApiPropertyOptional({ description: 'Order within its stage column on the board (0 first)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;
}

export class EpisodeDto {
  @ApiProperty() id: string;
  @ApiProperty() seriesId: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: EPISODE_STAGES }) stage: EpisodeStage;
  @ApiProperty({ nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeName: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-05-01' }) dueDate: string | null;
  @ApiProperty() notes: string;
  @ApiProperty() position: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ enum: PUBLICATION_STATES, description: 'Review and publication (details: GET /api/episodes/{id}/publication)' }) publicationState: PublicationState;
  @ApiProperty({ enum: VIDEO_VISIBILITIES, nullable: true }) visibility: VideoVisibility | null;
  @ApiProperty({ nullable: true, type: String, description: 'Web address on the public site, once published or scheduled' }) publicSlug: string | null;
  @ApiProperty({ nullable: true, type: Date, description: 'Scheduled publication' }) publishAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'Scheduled time to take it offline' }) unpublishAt: Date | null;
}

export class SeriesDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() slug: string;
  @ApiProperty() description: string;
  @ApiProperty() audience: string;
  @ApiProperty() language: string;
  @ApiProperty() category: string;
  @ApiProperty({ description: 'Number of episodes per stage', example: { idea: 2, script: 1, recording: 0, editing: 0, review: 0, published: 3 } })
  episodeCounts: Record<EpisodeStage, number>;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class SeriesDetailDto extends SeriesDto {
  @ApiProperty({ type: [EpisodeDto], description: 'In board order: by stage, then position' }) episodes: EpisodeDto[];
}

export class SeriesListDto {
  @ApiProperty({ type: [SeriesDto] }) items: SeriesDto[];
  @ApiProperty() total: number;
}
