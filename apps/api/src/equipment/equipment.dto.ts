import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { EQUIPMENT_KINDS, EquipmentKind } from '@app/db';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateEquipmentDto {
  @ApiProperty({ example: 'Camera Sony ZV-E10 #1' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ enum: EQUIPMENT_KINDS, default: 'other' })
  @IsOptional()
  @IsIn(EQUIPMENT_KINDS, { message: `kind must be one of: ${EQUIPMENT_KINDS.join(', ')}` })
  kind?: EquipmentKind;

  @ApiPropertyOptional({ nullable: true, description: 'The kit it belongs to' })
  @IsOptional()
  @IsUUID('all', { message: 'kitId must be the id of an equipment kit' })
  kitId?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

export class UpdateEquipmentDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(200) name?: string;

  @ApiPropertyOptional({ enum: EQUIPMENT_KINDS })
  @IsOptional()
  @IsIn(EQUIPMENT_KINDS, { message: `kind must be one of: ${EQUIPMENT_KINDS.join(', ')}` })
  kind?: EquipmentKind;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID('all', { message: 'kitId must be the id of an equipment kit' }) kitId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notes?: string;
  @ApiPropertyOptional({ description: 'false retires the item: it stays in history but cannot be booked' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class CreateKitDto {
  @ApiProperty({ example: 'Mobiele streamingset 1' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notes?: string;

  @ApiPropertyOptional({ type: [String], description: 'Items to put in this kit (they leave any other kit)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each of equipmentIds must be the id of an equipment item' })
  equipmentIds?: string[];
}

export class EquipmentQueryDto {
  @ApiPropertyOptional({ description: 'Include retired items', default: false })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  includeRetired?: boolean;
}

export class EquipmentDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: EQUIPMENT_KINDS }) kind: EquipmentKind;
  @ApiProperty({ nullable: true, type: String }) kitId: string | null;
  @ApiProperty() notes: string;
  @ApiProperty() active: boolean;
}

export class EquipmentListDto {
  @ApiProperty({ type: [EquipmentDto] }) items: EquipmentDto[];
  @ApiProperty() total: number;
}

export class KitDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() notes: string;
  @ApiProperty({ type: [EquipmentDto] }) items: EquipmentDto[];
}

export class KitListDto {
  @ApiProperty({ type: [KitDto] }) items: KitDto[];
  @ApiProperty() total: number;
}
