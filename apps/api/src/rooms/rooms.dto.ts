import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateRoomDto {
  @ApiProperty({ example: 'Zaal 1' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ nullable: true, example: 40, description: 'Seats' })
  @IsOptional()
  @IsInt({ message: 'capacity must be a whole number of seats' })
  @Min(0)
  @Max(100_000)
  capacity?: number | null;

  @ApiPropertyOptional({ default: false, description: 'Has a streaming kit installed (camera position, sound desk, wired network)' })
  @IsOptional()
  @IsBoolean()
  streamingEquipped?: boolean;

  @ApiPropertyOptional({ example: 'Beamer aanwezig; geluid via de zaalmixer' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class UpdateRoomDto extends PartialType(CreateRoomDto) {}

export class RoomDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: Number }) capacity: number | null;
  @ApiProperty() streamingEquipped: boolean;
  @ApiProperty() notes: string;
  @ApiProperty() createdAt: Date;
}

export class RoomListDto {
  @ApiProperty({ type: [RoomDto] }) items: RoomDto[];
  @ApiProperty() total: number;
}
