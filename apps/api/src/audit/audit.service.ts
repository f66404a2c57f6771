import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEventEntity } from '@app/db';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * The audit log: who changed what, when, before/after. Pass the transaction's EntityManager so the
 * audit row commits or rolls back with the change it describes.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async record(entry: AuditEntry, em: EntityManager = this.ds.manager): Promise<void> {
    await em.insert(AuditEventEntity, {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: (entry.before ?? null) as object,
      after: (entry.after ?? null) as object,
    });
  }

  list(filter: { entityType?: string; entityId?: string; limit: number; offset: number }): Promise<[AuditEventEntity[], number]> {
    const where: { entityType?: string; entityId?: string } = {};
    if (filter.entityType) where.entityType = filter.entityType;
    if (filter.entityId) where.entityId = filter.entityId;
    return this.ds.getRepository(AuditEventEntity).findAndCount({ where, order: { at: 'DESC' }, take: filter.limit, skip: filter.offset });
  }
}
