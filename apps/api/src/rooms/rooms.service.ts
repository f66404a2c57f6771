import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RoomEntity } from '@app/db';
import { AuditService } from '../audit/audit.service';
import { CreateRoomDto, UpdateRoomDto } from './rooms.dto';

const roomKey = (name: string) => name.trim().toLowerCase();

@Injectable()
export class RoomsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<RoomEntity[]> {
    return this.ds.getRepository(RoomEntity).find({ order: { name: 'ASC' } });
  }

  async get(id: string): Promise<RoomEntity> {
    const room = await this.ds.getRepository(RoomEntity).findOneBy({ id });
    if (!room) throw new NotFoundException('There is no room with this id.');
    return room;
  }

  create(dto: CreateRoomDto, actorId: string): Promise<RoomEntity> {
    return this.ds.transaction(async (em) => {
      const inserted = await em.createQueryBuilder().insert().into(RoomEntity).values({ ...dto, name: dto.name.trim() }).orIgnore().returning('*').execute();
      if (!inserted.raw.length) throw this.nameTaken(dto.name);
      const room = await em.findOneByOrFail(RoomEntity, { id: inserted.raw[0].id });
      await this.audit.record({ actorId, action: 'room.create', entityType: 'room', entityId: room.id, after: room }, em);
      return room;
    });
  }

  update(id: string, dto: UpdateRoomDto, actorId: string): Promise<RoomEntity> {
    return this.ds.transaction(async (em) => {
      const before = await em.findOne(RoomEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw new NotFoundException('There is no room with this id.');
      const name = dto.name?.trim() ?? before.name;
      const [other] = await em.query(`SELECT 1 FROM rooms WHERE lower(btrim(name)) = lower($1) AND id <> $2`, [name, id]);
      if (other) throw this.nameTaken(name);
      const after = await em.save(RoomEntity, { ...before, ...dto, name });
      await this.audit.record({ actorId, action: 'room.update', entityType: 'room', entityId: id, before, after }, em);
      return after;
    });
  }

  /**
   * The ids of the rooms with these names (case and surrounding spaces ignored), creating the missing ones.
   * Safe against concurrent imports creating the same room.
   */
  async ensureByNames(names: string[], em: EntityManager): Promise<Map<string, string>> {
    const wanted = [...new Map(names.filter((n) => n.trim()).map((n) => [roomKey(n), n.trim()])).values()];
    if (wanted.length) {
      await em.query(`INSERT INTO rooms (name) SELECT unnest($1::text[]) ON CONFLICT ((lower(btrim(name)))) DO NOTHING`, [wanted]);
    }
    const rows: { id: string; key: string }[] = wanted.length
      ? await em.query(`SELECT id, lower(btrim(name)) AS key FROM rooms WHERE lower(btrim(name)) = ANY($1::text[])`, [wanted.map(roomKey)])
      : [];
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  private nameTaken(name: string): ConflictException {
    return new ConflictException(`A room called "${name.trim()}" already exists.`);
  }
}
