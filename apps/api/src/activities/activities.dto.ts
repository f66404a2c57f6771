import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ACTIVITY_STATUSES, CAMERA_PLANS, CRITERIA, GATES, RIGHTS_CONSENTS, VISIBILITIES } from '@app/domain';
import type { ActivityStatus, CameraPlan, CriterionName, GateName, GateStatus, RightsConsent, Visibility } from '@app/domain';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ActivityQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Activities starting at or after (date or date-time)' })
  @IsOptional()
  @IsISO8601({}, { message: 'from must be a date like 2026-01-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-01', description: 'Activities starting before (date or date-time)' })
  @IsOptional()
  @IsISO8601({}, { message: 'to must be a date like 2027-01-01' })
  to?: string;

  @ApiPropertyOptional({ description: 'Only those that qualify (true) or do not (false)' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean({ message: 'qualifies must be true or false' })
  qualifies?: boolean;

  @ApiPropertyOptional({ example: 'Lezing', description: 'One of the activity’s categories (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  category?: string;

  @ApiPropertyOptional({ description: 'Room id or room name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  room?: string;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 50;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset = 0;
}

export class GateDto {
  @ApiProperty({ enum: GATES }) name: GateName;
  @ApiProperty({ description: 'false only when the gate fails; needs_confirmation does not block' }) passed: boolean;
  @ApiProperty({ enum: ['passed', 'failed', 'needs_confirmation'] }) status: GateStatus;
  @ApiProperty({ example: 'Needs confirmation: ask the presenter for consent and check the rights' }) reason: string;
}

export class CriterionDto {
  @ApiProperty({ enum: CRITERIA }) name: CriterionName;
  @ApiProperty({ example: 25 }) weight: number;
  @ApiProperty({ example: 1, description: '0..1' }) value: number;
  @ApiProperty({ example: '44 registrations (14 on the waiting list) for 30 seats: 147%' }) reason: string;
}

export class QualificationDto {
  @ApiProperty({ description: 'No hard gate failed' }) eligible: boolean;
  @ApiProperty({ description: 'The verdict: the staff override if any, else eligible and score ≥ threshold' }) qualifies: boolean;
  @ApiProperty({ example: 78, description: '0–100' }) score: number;
  @ApiProperty({ example: 50 }) threshold: number;
  @ApiProperty({ enum: GATES, isArray: true }) needsConfirmation: GateName[];
  @ApiProperty() overridden: boolean;
  @ApiProperty({ type: [GateDto] }) gates: GateDto[];
  @ApiProperty({ type: [CriterionDto] }) criteria: CriterionDto[];
}

export class ActivityRoomDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() streamingEquipped: boolean;
}

export class VerdictOverrideDto {
  @ApiProperty() qualifies: boolean;
  @ApiProperty() note: string;
  @ApiProperty({ nullable: true, type: String }) by: string | null;
  @ApiProperty({ nullable: true, type: Date }) at: Date | null;
}

export class ActivityDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() start: Date;
  @ApiProperty() end: Date;
  @ApiProperty() allDay: boolean;
  @ApiProperty({ type: ActivityRoomDto, nullable: true }) room: ActivityRoomDto | null;
  @ApiProperty({ description: 'The LOCATION as written in the calendar' }) location: string;
  @ApiProperty({ type: [String] }) audience: string[];
  @ApiProperty({ type: [String], description: 'The calendar categories' }) category: string[];
  @ApiProperty({ nullable: true, type: Number }) capacity: number | null;
  @ApiProperty({ nullable: true, type: Number }) registrations: number | null;
  @ApiProperty({ nullable: true, type: Number }) waitlist: number | null;
  @ApiProperty() presenter: string;
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ApiProperty({ enum: ACTIVITY_STATUSES }) status: ActivityStatus;
  @ApiProperty({ enum: RIGHTS_CONSENTS }) rightsConsent: RightsConsent;
  @ApiProperty({ enum: CAMERA_PLANS, nullable: true }) cameraPlan: CameraPlan | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'null: judged from category and title' }) audienceParticipation: boolean | null;
  @ApiProperty({ type: VerdictOverrideDto, nullable: true }) override: VerdictOverrideDto | null;
  @ApiProperty({ type: QualificationDto }) qualification: QualificationDto;
}

export class ActivityPageDto {
  @ApiProperty({ type: [ActivityDto] }) items: ActivityDto[];
  @ApiProperty() total: number;
}

export class UpdateActivityDto {
  @ApiPropertyOptional({ enum: RIGHTS_CONSENTS, description: 'Presenter/performer consent and rights to stream' })
  @IsOptional()
  @IsIn(RIGHTS_CONSENTS, { message: `rightsConsent must be one of: ${RIGHTS_CONSENTS.join(', ')}` })
  rightsConsent?: RightsConsent;

  @ApiPropertyOptional({ enum: CAMERA_PLANS, nullable: true, description: 'How attendees are kept out of the stream; null: no plan' })
  @IsOptional()
  @IsIn([...CAMERA_PLANS, null], { message: `cameraPlan must be one of: ${CAMERA_PLANS.join(', ')}, or null` })
  cameraPlan?: CameraPlan | null;

  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'Whether attendees take part (and so appear on camera); null: judge from category and title' })
  @IsOptional()
  @IsIn([true, false, null], { message: 'audienceParticipation must be true, false or null' })
  audienceParticipation?: boolean | null;
}

export class SetVerdictDto {
  @ApiProperty({ description: 'true: stream it; false: do not' })
  @IsBoolean({ message: 'qualifies must be true or false' })
  qualifies: boolean;

  @ApiProperty({ example: 'Presenter asked not to be streamed; decided in the planning meeting' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(3, { message: 'note must explain the decision (at least 3 characters)' })
  @MaxLength(2000)
  note: string;
}

export class WeightsDto implements Record<CriterionName, number> {
  @ApiProperty({ example: 25 }) @IsNumber() @Min(0) @Max(100) demand: number;
  @ApiProperty({ example: 20 }) @IsNumber() @Min(0) @Max(100) remoteAccess: number;
  @ApiProperty({ example: 15 }) @IsNumber() @Min(0) @Max(100) roomEquipped: number;
  @ApiProperty({ example: 15 }) @IsNumber() @Min(0) @Max(100) crewAvailable: number;
  @ApiProperty({ example: 10 }) @IsNumber() @Min(0) @Max(100) reuseValue: number;
  @ApiProperty({ example: 15 }) @IsNumber() @Min(0) @Max(100) remoteSuitability: number;
}

export class QualificationSettingsDto {
  @ApiProperty({ type: WeightsDto, description: 'Relative weights (0–100 each); the score is their weighted mean' })
  @ValidateNested()
  @Type(() => WeightsDto)
  weights: WeightsDto;

  @ApiProperty({ example: 50, description: 'Minimum score for an eligible activity to qualify' })
  @IsInt()
  @Min(0)
  @Max(100)
  threshold: number;

  @ApiProperty({ example: 1, description: 'Crew members a livestream needs' })
  @IsInt()
  @Min(1)
  @Max(20)
  crewNeeded: number;
}
