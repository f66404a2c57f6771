import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export interface ChecklistTemplateItem {
  label: string;
  required: boolean;
}

/** A run-of-show checklist copied onto each new broadcast (the default one unless another is chosen). */
@Entity('checklist_templates')
export class ChecklistTemplateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  items: ChecklistTemplateItem[];

  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
