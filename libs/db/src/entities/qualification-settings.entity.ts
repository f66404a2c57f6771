import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CriterionName } from '@app/domain';

/** The admin's qualification weights (one row; without it the defaults apply). */
@Entity('qualification_settings')
export class QualificationSettingsEntity {
  @PrimaryColumn({ type: 'int', default: 1 })
  id: number;

  @Column({ type: 'jsonb' })
  weights: Record<CriterionName, number>;

  @Column({ type: 'int' })
  threshold: number;

  @Column({ name: 'crew_needed', type: 'int' })
  crewNeeded: number;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
