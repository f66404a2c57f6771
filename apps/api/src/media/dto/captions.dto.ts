import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class ChapterInputDto {
  @ApiProperty({ example: 95.5, description: 'Seconds from the start of the recording' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'start must be a number of seconds' })
  @Min(0, { message: 'start must not be negative' })
  @Max(24 * 3600, { message: 'start must lie within the recording' })
  start: number;

  @ApiProperty({ example: 'Inloggen met uw pas', maxLength: 200 })
  @IsString()
  @MinLength(1, { message: 'a chapter needs a title' })
  @MaxLength(200, { message: 'a chapter title may have at most 200 characters' })
  title: string;
}

export class CaptionQueryDto {
  @ApiPropertyOptional({ example: 'Nederlands', description: 'The name players show; defaults to the language\'s own name', maxLength: 60 })
  @IsOptional()
  @IsString()
  @MaxLength(60, { message: 'label may have at most 60 characters' })
  label?: string;
}
