import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Min } from 'class-validator';

export class PosterChoiceDto {
  @ApiProperty({ example: 42.5, description: 'Seconds from the start of the recording: the picture on screen then becomes the poster' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'atSeconds must be a number of seconds' })
  @Min(0, { message: 'atSeconds must not be negative' })
  atSeconds: number;
}
