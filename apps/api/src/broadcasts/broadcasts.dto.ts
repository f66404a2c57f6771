import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BROADCAST_STATUSES, BroadcastStatus, CREW_ROLES, CrewRole, MAX_OCCURRENCES, ResourceKind } from '@app/domain';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** An instant with its time zone, so 10:00 means the same to the server as to the planner. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const instant = (field: string) => `${field} must be a date and time with its time zone, like 2026-03-10T10:00:00+01:00`;

export class CrewMemberDto {
  @ApiProperty() @IsUUID('all', { message: 'userId must be the id of a staff member' }) userId: string;
  @ApiProperty({ enum: CREW_ROLES }) @IsIn(CREW_ROLES, { message: `role must be one of: ${CREW_ROLES.join(', ')}` }) role: CrewRole;
}

export class RepeatDto {
  @ApiProperty({ enum: ['daily', 'weekly'] }) @IsIn(['daily', 'weekly'], { message: 'frequency must be daily or weekly' }) frequency: 'daily' | 'weekly';
  @ApiPropertyOptional({ default: 1, description: 'Every n days or weeks' }) @IsOptional() @IsInt() @Min(1) @Max(52) interval?: number;
  @ApiPropertyOptional({ description: 'How many broadcasts in all, the first included (give count or until)', maximum: MAX_OCCURRENCES })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_OCCURRENCES, { message: `count can be at most ${MAX_OCCURRENCES}` })
  count?: number;
  @ApiPropertyOptional({ description: 'Last possible start (give count or until)', example: '2026-06-30T23:59:59+02:00' })
  @IsOptional()
  @Matches(INSTANT, { message: instant('until') })
  @IsISO8601({ strict: true }, { message: instant('until') })
  until?: string;
}

/** The fields a create and an update share. */
class BroadcastFieldsDto {
  @ApiPropertyOptional({ example: 'Lezing: de geschiedenis van onze stad' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;

  @ApiPropertyOptional({ example: '2026-03-10T19:30:00+01:00' })
  @IsOptional()
  @Matches(INSTANT, { message: instant('start') })
  @IsISO8601({ strict: true }, { message: instant('start') })
  start?: string;

  @ApiPropertyOptional({ example: '2026-03-10T21:00:00+01:00' })
  @IsOptional()
  @Matches(INSTANT, { message: instant('end') })
  @IsISO8601({ strict: true }, { message: instant('end') })
  end?: string;

  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsUUID('all', { message: 'roomId must be the id of a room' }) roomId?: string | null;

  @ApiPropertyOptional({ type: [CrewMemberDto], description: 'Replaces the crew; one person may hold several roles' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CrewMemberDto)
  crew?: CrewMemberDto[];

  @ApiPropertyOptional({ type: [String], description: 'Replaces the booked equipment items' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each of equipmentIds must be the id of an equipment item' })
  equipmentIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Books every active item of these kits (added to equipmentIds)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'each of kitIds must be the id of an equipment kit' })
  kitIds?: string[];

  @ApiPropertyOptional({ description: 'Minutes the room, crew and kit are needed before the start (default from BROADCAST_SETUP_MINUTES)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24 * 60)
  setupMinutes?: number;

  @ApiPropertyOptional({ description: 'Minutes they are needed after the end (default from BROADCAST_TEARDOWN_MINUTES)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24 * 60)
  teardownMinutes?: number;
}

export class CreateBroadcastDto extends BroadcastFieldsDto {
  @ApiPropertyOptional({ description: 'Plan the broadcast of this activity: its title, time and room are the defaults' })
  @IsOptional()
  @IsUUID('all', { message: 'activityId must be the id of an activity' })
  activityId?: string;

  @ApiPropertyOptional({ description: 'Run-of-show checklist to copy (default: the default template)' })
  @IsOptional()
  @IsUUID('all', { message: 'checklistTemplateId must be the id of a checklist template' })
  checklistTemplateId?: string;

  @ApiPropertyOptional({ type: RepeatDto, description: 'Create a repeating set of broadcasts, all or none' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RepeatDto)
  repeat?: RepeatDto;
}

export class UpdateBroadcastDto extends BroadcastFieldsDto {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The series its recordings become episodes of (null: a series named after the broadcast)' })
  @IsOptional()
  @IsUUID('all', { message: 'seriesId must be the id of a series' })
  seriesId?: string | null;
}

export class BroadcastQueryDto {
  @ApiPropertyOptional({ description: 'Broadcasts ending after this instant' }) @IsOptional() @IsISO8601({}, { message: instant('from') }) from?: string;
  @ApiPropertyOptional({ description: 'Broadcasts starting before this instant' }) @IsOptional() @IsISO8601({}, { message: instant('to') }) to?: string;
  @ApiPropertyOptional({ enum: BROADCAST_STATUSES }) @IsOptional() @IsIn(BROADCAST_STATUSES, { message: `status must be one of: ${BROADCAST_STATUSES.join(', ')}` }) status?: BroadcastStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() roomId?: string;
  @ApiPropertyOptional({ description: 'Broadcasts this staff member crews' }) @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() activityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() repeatGroupId?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 100;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset = 0;
}

export class TransitionDto {
  @ApiProperty({ enum: BROADCAST_STATUSES }) @IsIn(BROADCAST_STATUSES, { message: `to must be one of: ${BROADCAST_STATUSES.join(', ')}` }) to: BroadcastStatus;
  @ApiPropertyOptional({ description: 'Why, e.g. for a cancellation' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class TickChecklistItemDto {
  @ApiProperty() @IsBoolean({ message: 'done must be true or false' }) done: boolean;
}

export class AddChecklistItemDto {
  @ApiProperty({ example: 'Extra microphone for the Q&A' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'label must not be empty' })
  @MaxLength(300)
  label: string;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() required?: boolean;
}

export class AddRestreamDto {
  @ApiProperty({ example: 'YouTube' }) @Transform(trim) @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(100) name: string;

  @ApiProperty({ example: 'rtmp://a.rtmp.youtube.com/live2' })
  @Matches(/^rtmps?:\/\/[^\s/]+(\/\S*)?$/, { message: 'rtmpUrl must be an rtmp:// or rtmps:// address' })
  @MaxLength(500)
  rtmpUrl: string;

  @ApiProperty({ description: 'The stream key the platform gave; stored encrypted and never shown again in full' })
  @IsString()
  @MinLength(4, { message: 'streamKey looks too short' })
  @MaxLength(500)
  streamKey: string;
}

// ---- responses ----

export class CrewMemberOutDto {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CREW_ROLES }) role: CrewRole;
}

export class EquipmentRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
}

export class BroadcastDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) activityId: string | null;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() start: Date;
  @ApiProperty() end: Date;
  @ApiProperty() setupMinutes: number;
  @ApiProperty() teardownMinutes: number;
  @ApiProperty({ description: 'Start of the time room, crew and kit are booked (start minus set-up)' }) bookedFrom: Date;
  @ApiProperty({ description: 'End of the booked time (end plus tear-down)' }) bookedUntil: Date;
  @ApiProperty({ nullable: true, type: String }) roomId: string | null;
  @ApiProperty({ nullable: true, type: String }) roomName: string | null;
  @ApiProperty({ enum: BROADCAST_STATUSES }) status: BroadcastStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Shared by broadcasts created as one repeating set' }) repeatGroupId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The series its recordings become episodes of' }) seriesId: string | null;
  @ApiProperty({ type: [CrewMemberOutDto] }) crew: CrewMemberOutDto[];
  @ApiProperty({ type: [EquipmentRefDto] }) equipment: EquipmentRefDto[];
  @ApiProperty({ description: 'Whether a stream key is bound (the key itself is only at …/ingest)' }) hasStreamKey: boolean;
  @ApiProperty({ nullable: true, type: Date }) streamKeyRotatedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ChecklistItemDto {
  @ApiProperty() id: string;
  @ApiProperty() label: string;
  @ApiProperty() required: boolean;
  @ApiProperty() done: boolean;
  @ApiProperty({ nullable: true, type: String }) doneBy: string | null;
  @ApiProperty({ nullable: true, type: Date }) doneAt: Date | null;
  @ApiProperty() position: number;
}

export class StatusChangeDto {
  @ApiProperty({ nullable: true, enum: BROADCAST_STATUSES }) from: BroadcastStatus | null;
  @ApiProperty({ enum: BROADCAST_STATUSES }) to: BroadcastStatus;
  @ApiProperty({ nullable: true, type: String }) byUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) byName: string | null;
  @ApiProperty() at: Date;
  @ApiProperty() note: string;
}

export class RestreamDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() rtmpUrl: string;
  @ApiProperty({ example: '••••x7Qz', description: 'Masked: only the last four characters' }) streamKey: string;
  @ApiProperty() createdAt: Date;
}

export class OccurrenceDto {
  @ApiProperty() id: string;
  @ApiProperty() start: Date;
  @ApiProperty() end: Date;
}

export class BroadcastDetailDto extends BroadcastDto {
  @ApiProperty({ type: [ChecklistItemDto] }) checklist: ChecklistItemDto[];
  @ApiProperty({ type: [StatusChangeDto], description: 'Every status change: who and when' }) history: StatusChangeDto[];
  @ApiProperty({ type: [RestreamDto] }) restreams: RestreamDto[];
  @ApiProperty({ enum: BROADCAST_STATUSES, isArray: true, description: 'Statuses it may move to now' }) nextStatuses: BroadcastStatus[];
}

export class CreatedBroadcastDto extends BroadcastDetailDto {
  @ApiProperty({ type: [OccurrenceDto], description: 'Every broadcast created: one, or each occurrence of a repeat' }) occurrences: OccurrenceDto[];
}

export class BroadcastListDto {
  @ApiProperty({ type: [BroadcastDto] }) items: BroadcastDto[];
  @ApiProperty() total: number;
}

export class IngestDto {
  @ApiProperty({ example: 'rtmp://streams.bibliotheek.nl:1935/live' }) rtmpUrl: string;
  @ApiProperty({ description: 'Secret: paste into OBS or the encoder' }) streamKey: string;
  @ApiProperty({ description: 'The key is accepted from here …' }) validFrom: Date;
  @ApiProperty({ description: '… until here' }) validUntil: Date;
}

export class ConflictDto {
  @ApiProperty({ enum: ['room', 'crew', 'equipment'] }) kind: ResourceKind;
  @ApiProperty({ description: 'The room, staff member or equipment item' }) resourceId: string;
  @ApiProperty() withBroadcastId: string;
  @ApiProperty() withTitle: string;
  @ApiProperty({ description: 'The other broadcast holds the resource from …' }) from: Date;
  @ApiProperty({ description: '… until (set-up and tear-down included)' }) to: Date;
}

export class ConflictResponseDto {
  @ApiProperty({ example: 409 }) statusCode: number;
  @ApiProperty() message: string;
  @ApiProperty({ type: [ConflictDto] }) conflicts: ConflictDto[];
}
