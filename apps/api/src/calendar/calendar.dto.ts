import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class ImportCalendarDto {
  @ApiPropertyOptional({
    example: 'https://bibliotheek.libcal.com/ical_subscribe.php?cid=1234',
    description: 'An ICS feed to import (http, https or webcal), instead of uploading a file',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/^(https?|webcals?):\/\/\S+$/i, { message: 'url must be an http, https or webcal address' })
  url?: string;

  @ApiPropertyOptional({ example: 2026, description: 'The calendar year to import; the current year when left out' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a year like 2026' })
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class ImportProblemDto {
  @ApiProperty({ example: 42, description: 'Line in the file (1 = the first line)' }) line: number;
  @ApiProperty({ example: 'DTEND "2026-13-01" is not an iCalendar date' }) message: string;
}

export class ImportSkippedDto {
  @ApiProperty({ example: 'UID concert-0612@bibliotheek (line 80)' }) ref: string;
  @ApiProperty({ example: 'cancelled' }) reason: string;
}

export class ImportResultDto {
  @ApiProperty({ enum: ['ics', 'csv'] }) format: 'ics' | 'csv';
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ description: 'New activities' }) created: number;
  @ApiProperty({ description: 'Activities whose calendar details changed (staff decisions on them are kept)' }) updated: number;
  @ApiProperty({ description: 'Activities already imported exactly like this' }) unchanged: number;
  @ApiProperty({ type: [ImportSkippedDto] }) skipped: ImportSkippedDto[];
  @ApiProperty({ type: [ImportProblemDto], description: 'Always empty on success: any error refuses the whole file (422)' }) errors: ImportProblemDto[];
}

export class ImportRefusedDto extends ImportResultDto {
  @ApiProperty({ example: 422 }) statusCode: number;
  @ApiProperty({ example: 'The calendar file has 2 errors; nothing was imported.' }) message: string;
}
