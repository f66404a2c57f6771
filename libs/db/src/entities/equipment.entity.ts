import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const EQUIPMENT_KINDS = ['camera', 'microphone', 'audio', 'lighting', 'encoder', 'network', 'computer', 'other'] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];

/** A named set of equipment that usually travels together, e.g. "Mobile streaming kit 1". */
@Entity('equipment_kits')
export class EquipmentKitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  notes: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One bookable item of streaming equipment. */
@Entity('equipment')
export class EquipmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: 'other' })
  kind: EquipmentKind;

  @Column({ name: 'kit_id', type: 'uuid', nullable: true })
  kitId: string | null;

  @Column({ type: 'text', default: '' })
  notes: string;

  /** Retired items stay for history but cannot be booked. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
