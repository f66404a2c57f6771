import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { ChecklistTemplateEntity } from '@app/db';
import { AuditService } from '../audit/audit.service';
import { ChecklistTemplateDto, CreateChecklistTemplateDto, UpdateChecklistTemplateDto } from './checklists.dto';

const toDto = (t: ChecklistTemplateEntity): ChecklistTemplateDto => ({
  id: t.id,
  name: t.name,
  items: t.items.map((i) => ({ label: i.label, required: i.required })),
  isDefault: t.isDefault,
  updatedAt: t.updatedAt,
});

function nameTaken(err: unknown, name: string | undefined): unknown {
  const code = err instanceof QueryFailedError ? (err.driverError as { code?: string }).code : undefined;
  return code === '23505' ? new ConflictException(`There is already a checklist template called "${name}".`) : err;
}

/** Run-of-show checklist templates; one may be the default copied onto every new broadcast. */
@Injectable()
export class ChecklistsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ChecklistTemplateDto[]> {
    return (await this.ds.getRepository(ChecklistTemplateEntity).find({ order: { isDefault: 'DESC', name: 'ASC' } })).map(toDto);
  }

  async get(id: string): Promise<ChecklistTemplateDto> {
    const t = await this.ds.getRepository(ChecklistTemplateEntity).findOneBy({ id });
    if (!t) throw new NotFoundException('No checklist template with this id.');
    return toDto(t);
  }

  async create(body: CreateChecklistTemplateDto, actorId: string): Promise<ChecklistTemplateDto> {
    return this.ds
      .transaction(async (em) => {
        if (body.isDefault) await this.clearDefault(em);
        const t = await em.save(em.create(ChecklistTemplateEntity, { name: body.name, items: body.items, isDefault: body.isDefault ?? false }));
        await this.audit.record({ actorId, action: 'checklist_template.created', entityType: 'checklist_template', entityId: t.id, after: toDto(t) }, em);
        return toDto(t);
      })
      .catch((err) => Promise.reject(nameTaken(err, body.name)));
  }

  async update(id: string, body: UpdateChecklistTemplateDto, actorId: string): Promise<ChecklistTemplateDto> {
    return this.ds
      .transaction(async (em) => {
        const t = await em.findOne(ChecklistTemplateEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!t) throw new NotFoundException('No checklist template with this id.');
        const before = toDto(t);
        if (body.isDefault && !t.isDefault) await this.clearDefault(em);
        if (body.name !== undefined) t.name = body.name;
        if (body.items !== undefined) t.items = body.items.map((i) => ({ label: i.label, required: i.required }));
        if (body.isDefault !== undefined) t.isDefault = body.isDefault;
        await em.save(t);
        await this.audit.record({ actorId, action: 'checklist_template.updated', entityType: 'checklist_template', entityId: id, before, after: toDto(t) }, em);
        return toDto(t);
      })
      .catch((err) => Promise.reject(nameTaken(err, body.name)));
  }

  /** Broadcasts keep their own copies, so deleting a template changes no broadcast. */
  async remove(id: string, actorId: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const t = await em.findOneBy(ChecklistTemplateEntity, { id });
      if (!t) throw new NotFoundException('No checklist template with this id.');
      await em.delete(ChecklistTemplateEntity, { id });
      await this.audit.record({ actorId, action: 'checklist_template.deleted', entityType: 'checklist_template', entityId: id, before: toDto(t) }, em);
    });
  }

  private async clearDefault(em: EntityManager): Promise<void> {
    await em.update(ChecklistTemplateEntity, { isDefault: true }, { isDefault: false });
  }
}
