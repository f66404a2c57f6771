import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ActivityStatus, CameraPlan, RightsConsent, Visibility } from '@app/domain';

/** One occurrence of an event from the library's activity calendar. */
@Entity('activities')
export class ActivityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  source: 'ics' | 'csv';

  /** The calendar's UID of the event. */
  @Column({ name: 'source_uid', type: 'text' })
  sourceUid: string;

  /** '' for a single event; for an occurrence of a recurring event, its original start (RECURRENCE-ID) in UTC ISO. */
  @Column({ type: 'text', default: '' })
  occurrence: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ name: 'all_day', type: 'boolean', default: false })
  allDay: boolean;

  /** The LOCATION as written in the calendar. */
  @Column({ type: 'text', default: '' })
  location: string;

  @Column({ name: 'room_id', type: 'uuid', nullable: true })
  roomId: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  categories: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  audience: string[];

  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @Column({ type: 'int', nullable: true })
  registrations: number | null;

  @Column({ type: 'int', nullable: true })
  waitlist: number | null;

  @Column({ type: 'text', default: '' })
  presenter: string;

  @Column({ type: 'text', default: 'public' })
  visibility: Visibility;

  @Column({ type: 'text', default: 'confirmed' })
  status: ActivityStatus;

  /** Hash of the imported columns: an unchanged re-import leaves the row alone. */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  @Column({ name: 'rights_consent', type: 'text', default: 'unknown' })
  rightsConsent: RightsConsent;

  /** null: judged from the category and title. */
  @Column({ name: 'audience_participation', type: 'boolean', nullable: true })
  audienceParticipation: boolean | null;

  @Column({ name: 'camera_plan', type: 'text', nullable: true })
  cameraPlan: CameraPlan | null;

  /** A staff override of the computed verdict: true qualifies, false does not, null no override. */
  @Column({ name: 'verdict_override', type: 'boolean', nullable: true })
  verdictOverride: boolean | null;

  @Column({ name: 'verdict_note', type: 'text', nullable: true })
  verdictNote: string | null;

  @Column({ name: 'verdict_by', type: 'uuid', nullable: true })
  verdictBy: string | null;

  @Column({ name: 'verdict_at', type: 'timestamptz', nullable: true })
  verdictAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
