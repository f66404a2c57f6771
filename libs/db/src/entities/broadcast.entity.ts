import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BroadcastStatus, CrewRole } from '@app/domain';

/** A planned livestream, from an activity or stand-alone. */
@Entity('broadcasts')
export class BroadcastEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'activity_id', type: 'uuid', nullable: true })
  activityId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ name: 'setup_minutes', type: 'int', default: 0 })
  setupMinutes: number;

  @Column({ name: 'teardown_minutes', type: 'int', default: 0 })
  teardownMinutes: number;

  /** `[starts_at - setup, ends_at + teardown)` as a range literal; the database checks it matches. */
  @Column({ type: 'tstzrange', select: false })
  busy: string;

  @Column({ name: 'room_id', type: 'uuid', nullable: true })
  roomId: string | null;

  @Column({ type: 'text', default: 'draft' })
  status: BroadcastStatus;

  /** Shared by the broadcasts created together as one repeating series. */
  @Column({ name: 'repeat_group_id', type: 'uuid', nullable: true })
  repeatGroupId: string | null;

  /** The series its recordings become episodes of. */
  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  seriesId: string | null;

  /** The stream key, encrypted (never selected unless asked for). */
  @Column({ name: 'stream_key_sealed', type: 'text', nullable: true, select: false })
  streamKeySealed: string | null;

  /** SHA-256 of the stream key, for the RTMP ingest to look a key up. */
  @Column({ name: 'stream_key_hash', type: 'text', nullable: true, select: false })
  streamKeyHash: string | null;

  @Column({ name: 'stream_key_rotated_at', type: 'timestamptz', nullable: true })
  streamKeyRotatedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A staff member working on a broadcast in a role. Its booked slot is copied from the broadcast by the database. */
@Entity('broadcast_crew')
export class BroadcastCrewEntity {
  @PrimaryColumn({ name: 'broadcast_id', type: 'uuid' })
  broadcastId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  role: CrewRole;
}

/** An equipment item booked for a broadcast. Its booked slot is copied from the broadcast by the database. */
@Entity('broadcast_equipment')
export class BroadcastEquipmentEntity {
  @PrimaryColumn({ name: 'broadcast_id', type: 'uuid' })
  broadcastId: string;

  @PrimaryColumn({ name: 'equipment_id', type: 'uuid' })
  equipmentId: string;
}

/** One run-of-show item of one broadcast; done when `doneAt` is set. */
@Entity('broadcast_checklist_items')
export class BroadcastChecklistItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'broadcast_id', type: 'uuid' })
  broadcastId: string;

  @Column({ type: 'int', default: 0 })
  position: number;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'boolean', default: true })
  required: boolean;

  @Column({ name: 'done_by', type: 'uuid', nullable: true })
  doneBy: string | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;
}

/** Who moved a broadcast from which status to which, and when. */
@Entity('broadcast_status_changes')
export class BroadcastStatusChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'broadcast_id', type: 'uuid' })
  broadcastId: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: BroadcastStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: BroadcastStatus;

  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy: string | null;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Column({ type: 'text', default: '' })
  note: string;
}

/** Where the live stream is forwarded (YouTube, Facebook, …); the key is encrypted at rest. */
@Entity('restream_destinations')
export class RestreamDestinationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'broadcast_id', type: 'uuid' })
  broadcastId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'rtmp_url', type: 'text' })
  rtmpUrl: string;

  @Column({ name: 'key_sealed', type: 'text', select: false })
  keySealed: string;

  /** The last characters of the key, for recognising it. */
  @Column({ name: 'key_hint', type: 'text' })
  keyHint: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
