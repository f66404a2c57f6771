import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { EquipmentEntity, EquipmentKitEntity } from '@app/db';
import { AuditService } from '../audit/audit.service';
import { CreateEquipmentDto, CreateKitDto, EquipmentDto, KitDto, UpdateEquipmentDto } from './equipment.dto';

const toDto = (e: EquipmentEntity): EquipmentDto => ({ id: e.id, name: e.name, kind: e.kind, kitId: e.kitId, notes: e.notes, active: e.active });

/** A unique-name violation becomes a 409 a librarian understands. */
function nameTaken(err: unknown, what: string, name: string): unknown {
  const code = err instanceof QueryFailedError ? (err.driverError as { code?: string }).code : undefined;
  return code === '23505' ? new ConflictException(`There is already ${what} called "${name}".`) : err;
}

@Injectable()
export class EquipmentService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(includeRetired = false): Promise<EquipmentDto[]> {
    const items = await this.ds.getRepository(EquipmentEntity).find({ where: includeRetired ? {} : { active: true }, order: { name: 'ASC' } });
    return items.map(toDto);
  }

  async create(body: CreateEquipmentDto, actorId: string): Promise<EquipmentDto> {
    return this.ds
      .transaction(async (em) => {
        if (body.kitId) await this.assertKit(em, body.kitId);
        const item = await em.save(em.create(EquipmentEntity, body));
        await this.audit.record({ actorId, action: 'equipment.created', entityType: 'equipment', entityId: item.id, after: toDto(item) }, em);
        return toDto(item);
      })
      .catch((err) => Promise.reject(nameTaken(err, 'equipment', body.name)));
  }

  async update(id: string, body: UpdateEquipmentDto, actorId: string): Promise<EquipmentDto> {
    return this.ds
      .transaction(async (em) => {
        const item = await em.findOne(EquipmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!item) throw new NotFoundException('No equipment item with this id.');
        if (body.kitId) await this.assertKit(em, body.kitId);
        const before = toDto(item);
        for (const [k, v] of Object.entries(body)) if (v !== undefined) Object.assign(item, { [k]: v });
        await em.save(item);
        await this.audit.record({ actorId, action: 'equipment.updated', entityType: 'equipment', entityId: id, before, after: toDto(item) }, em);
        return toDto(item);
      })
      .catch((err) => Promise.reject(nameTaken(err, 'equipment', body.name ?? '')));
  }

  async kits(): Promise<KitDto[]> {
    const [kits, items] = await Promise.all([
      this.ds.getRepository(EquipmentKitEntity).find({ order: { name: 'ASC' } }),
      this.ds.getRepository(EquipmentEntity).find({ where: { active: true }, order: { name: 'ASC' } }),
    ]);
    return kits.map((k) => ({ id: k.id, name: k.name, notes: k.notes, items: items.filter((i) => i.kitId === k.id).map(toDto) }));
  }

  async createKit(body: CreateKitDto, actorId: string): Promise<KitDto> {
    const ids = [...new Set(body.equipmentIds ?? [])];
    return this.ds
      .transaction(async (em) => {
        const kit = await em.save(em.create(EquipmentKitEntity, { name: body.name, notes: body.notes ?? '' }));
        if (ids.length) {
          const found = await em.countBy(EquipmentEntity, { id: In(ids) });
          if (found !== ids.length) throw new BadRequestException({ message: 'Some equipment items do not exist.', fields: { equipmentIds: ['unknown equipment item'] } });
          await em.update(EquipmentEntity, { id: In(ids) }, { kitId: kit.id });
        }
        const items = (await em.findBy(EquipmentEntity, { kitId: kit.id })).map(toDto);
        await this.audit.record({ actorId, action: 'equipment_kit.created', entityType: 'equipment_kit', entityId: kit.id, after: { name: kit.name, equipmentIds: ids } }, em);
        return { id: kit.id, name: kit.name, notes: kit.notes, items };
      })
      .catch((err) => Promise.reject(nameTaken(err, 'a kit', body.name)));
  }

  private async assertKit(em: EntityManager, kitId: string): Promise<void> {
    if (!(await em.existsBy(EquipmentKitEntity, { id: kitId }))) {
      throw new BadRequestException({ message: 'There is no equipment kit with this id.', fields: { kitId: ['unknown kit'] } });
    }
  }
}
