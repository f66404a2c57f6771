import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ChecklistItemTemplateDto {
  @ApiProperty({ example: 'Sound check with the presenter' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'label must not be empty' })
  @MaxLength(300)
  label: string;

  @ApiProperty({ description: 'A broadcast cannot become ready until required items are done', default: true })
  @IsBoolean()
  required: boolean;
}

export class CreateChecklistTemplateDto {
  @ApiProperty({ example: 'Lecture with Q&A' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: [ChecklistItemTemplateDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemTemplateDto)
  items: ChecklistItemTemplateDto[];

  @ApiPropertyOptional({ description: 'Copied onto new broadcasts that name no template', default: false })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;
}

export class UpdateChecklistTemplateDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(200) name?: string;

  @ApiPropertyOptional({ type: [ChecklistItemTemplateDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemTemplateDto)
  items?: ChecklistItemTemplateDto[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() isDefault?: boolean;
}

export class ChecklistTemplateDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [ChecklistItemTemplateDto] }) items: ChecklistItemTemplateDto[];
  @ApiProperty() isDefault: boolean;
  @ApiProperty() updatedAt: Date;
}

export class ChecklistTemplateListDto {
  @ApiProperty({ type: [ChecklistTemplateDto] }) items: ChecklistTemplateDto[];
  @ApiProperty() total: number;
}
