import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A room in a library branch; calendar imports create rooms from event locations (matched by name). */
@Entity('rooms')
export class RoomEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  /** Has a streaming kit installed (camera position, sound desk, wired network). */
  @Column({ name: 'streaming_equipped', type: 'boolean', default: false })
  streamingEquipped: boolean;

  @Column({ type: 'text', default: '' })
  notes: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
