import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  BroadcastChecklistItemEntity,
  BroadcastCrewEntity,
  BroadcastEntity,
  BroadcastEquipmentEntity,
  BroadcastStatusChangeEntity,
  ChecklistTemplateEntity,
  RestreamDestinationEntity,
} from '@app/db';
import { allowedTransitions, anyOverlap, bookedInterval, BroadcastStatus, checkTransition, CREW_ROLES, expandRepeat, Interval, isEditable } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import { doubleBooking, explainConflicts, pgCode, pgConstraint, rangeLiteral, Resources, wantedBookings } from './bookings';
import {
  AddChecklistItemDto,
  BroadcastDetailDto,
  BroadcastDto,
  BroadcastQueryDto,
  ChecklistItemDto,
  CreateBroadcastDto,
  CreatedBroadcastDto,
  UpdateBroadcastDto,
} from './broadcasts.dto';
import { restreamDto } from './stream-keys.service';

const MAX_DURATION_MS = 24 * 3600_000;

/** A 400 naming the field, as the validation pipe gives. */
const badField = (field: string, message: string) => new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [message], fields: { [field]: [message] } });

/** The parts of a broadcast the audit log keeps before and after a change. */
const schedule = (b: BroadcastDto) => ({
  title: b.title,
  start: b.start,
  end: b.end,
  setupMinutes: b.setupMinutes,
  teardownMinutes: b.teardownMinutes,
  roomId: b.roomId,
  status: b.status,
  crew: b.crew.map((c) => ({ userId: c.userId, role: c.role })),
  equipmentIds: b.equipment.map((e) => e.id),
  seriesId: b.seriesId,
});

@Injectable()
export class BroadcastsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(q: BroadcastQueryDto): Promise<{ items: BroadcastDto[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => where.push(sql.replace('?', `$${params.push(value)}`));
    if (q.from) add('b.ends_at > ?', new Date(q.from));
    if (q.to) add('b.starts_at < ?', new Date(q.to));
    if (q.status) add('b.status = ?', q.status);
    if (q.roomId) add('b.room_id = ?', q.roomId);
    if (q.activityId) add('b.activity_id = ?', q.activityId);
    if (q.repeatGroupId) add('b.repeat_group_id = ?', q.repeatGroupId);
    if (q.userId) add('EXISTS (SELECT 1 FROM broadcast_crew c WHERE c.broadcast_id = b.id AND c.user_id = ?)', q.userId);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM broadcasts b ${filter}`, params);
    const page: { id: string }[] = await this.ds.query(
      `SELECT b.id FROM broadcasts b ${filter} ORDER BY b.starts_at, b.id LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    return { items: await this.load(this.ds.manager, page.map((r) => r.id)), total };
  }

  async get(id: string, em: EntityManager = this.ds.manager): Promise<BroadcastDetailDto> {
    const [b] = await this.load(em, [id]);
    if (!b) throw new NotFoundException('No broadcast with this id.');
    const [checklist, history, restreams] = await Promise.all([
      this.checklist(em, id),
      em.query(
        `SELECT s.from_status AS "from", s.to_status AS "to", s.changed_by AS "byUserId", u.name AS "byName", s.changed_at AS "at", s.note
           FROM broadcast_status_changes s LEFT JOIN users u ON u.id = s.changed_by WHERE s.broadcast_id = $1 ORDER BY s.changed_at, s.id`,
        [id],
      ),
      em.getRepository(RestreamDestinationEntity).find({ where: { broadcastId: id }, order: { createdAt: 'ASC' } }),
    ]);
    return {
      ...b,
      checklist,
      history,
      restreams: restreams.map(restreamDto),
      nextStatuses: [...allowedTransitions(b.status)],
    };
  }

  async create(body: CreateBroadcastDto, actorId: string): Promise<CreatedBroadcastDto> {
    const activity = body.activityId ? await this.activity(body.activityId) : null;
    if (activity && body.repeat) throw badField('repeat', 'A broadcast of a calendar activity does not repeat: plan each occurrence of the activity on its own.');
    const title = body.title ?? activity?.title;
    const start = body.start ? new Date(body.start) : activity?.startsAt;
    const end = body.end ? new Date(body.end) : activity?.endsAt;
    if (!title) throw badField('title', 'title is needed (or an activityId to take it from)');
    if (!start || !end) throw badField(start ? 'end' : 'start', `${start ? 'end' : 'start'} is needed (or an activityId to take it from)`);
    this.assertSlot(start, end);
    const setupMinutes = body.setupMinutes ?? this.config.BROADCAST_SETUP_MINUTES;
    const teardownMinutes = body.teardownMinutes ?? this.config.BROADCAST_TEARDOWN_MINUTES;

    let slots: Interval[] = [{ from: start, to: end }];
    if (body.repeat) {
      const r = expandRepeat(slots[0], { ...body.repeat, until: body.repeat.until ? new Date(body.repeat.until) : undefined }, this.config.TIMEZONE);
      if (!r.ok) throw badField('repeat', r.reason);
      slots = r.occurrences;
    }
    const busy = slots.map((s) => bookedInterval(s.from, s.to, setupMinutes, teardownMinutes));
    if (anyOverlap(busy)) throw badField('repeat', 'The repeated broadcasts would overlap each other (set-up and tear-down included). Repeat less often or make them shorter.');

    const resources = await this.resolveResources({
      roomId: body.roomId !== undefined ? body.roomId : (activity?.roomId ?? null),
      crew: body.crew ?? [],
      equipmentIds: body.equipmentIds ?? [],
      kitIds: body.kitIds ?? [],
    });
    const template = await this.template(body.checklistTemplateId);
    const wanted = wantedBookings(resources, busy.map((b, i) => ({ broadcastId: `new-${i}`, busy: b })));

    const ids = await this.book(wanted, [], async (em) => {
      if (activity) await this.assertActivityFree(em, activity.id);
      const repeatGroupId = body.repeat ? randomUUID() : null;
      const inserted = await em.insert(
        BroadcastEntity,
        slots.map((s, i) => ({
          activityId: activity?.id ?? null,
          title,
          description: body.description ?? '',
          startsAt: s.from,
          endsAt: s.to,
          setupMinutes,
          teardownMinutes,
          busy: rangeLiteral(busy[i]),
          roomId: resources.roomId,
          status: 'draft' as const,
          repeatGroupId,
          createdBy: actorId,
        })),
      );
      const ids: string[] = inserted.identifiers.map((r) => r.id);
      for (const id of ids) {
        await this.saveResources(em, id, resources);
        if (template?.items.length) {
          await em.insert(BroadcastChecklistItemEntity, template.items.map((item, position) => ({ broadcastId: id, label: item.label, required: item.required, position })));
        }
        await em.insert(BroadcastStatusChangeEntity, { broadcastId: id, fromStatus: null, toStatus: 'draft', changedBy: actorId, note: 'created' });
      }
      for (const b of await this.load(em, ids)) {
        await this.audit.record({ actorId, action: 'broadcast.created', entityType: 'broadcast', entityId: b.id, after: { ...schedule(b), activityId: b.activityId, repeatGroupId: b.repeatGroupId } }, em);
      }
      return ids;
    });
    const first = await this.get(ids[0]);
    return { ...first, occurrences: ids.map((id, i) => ({ id, start: slots[i].from, end: slots[i].to })) };
  }

  async update(id: string, body: UpdateBroadcastDto, actorId: string): Promise<BroadcastDetailDto> {
    const current = await this.get(id);
    this.assertEditable(current.status);
    const start = body.start ? new Date(body.start) : current.start;
    const end = body.end ? new Date(body.end) : current.end;
    this.assertSlot(start, end);
    const setupMinutes = body.setupMinutes ?? current.setupMinutes;
    const teardownMinutes = body.teardownMinutes ?? current.teardownMinutes;
    const busy = bookedInterval(start, end, setupMinutes, teardownMinutes);
    const resources = await this.resolveResources({
      roomId: body.roomId !== undefined ? body.roomId : current.roomId,
      crew: body.crew ?? current.crew,
      equipmentIds: body.equipmentIds ?? current.equipment.map((e) => e.id),
      kitIds: body.kitIds ?? [],
    });
    const wanted = wantedBookings(resources, [{ broadcastId: id, busy }]);
    if (body.seriesId && !(await this.ds.query(`SELECT 1 FROM series WHERE id = $1`, [body.seriesId])).length) throw badField('seriesId', 'There is no series with this id.');

    await this.book(wanted, [id], async (em) => {
      const [locked] = await em.query(`SELECT status FROM broadcasts WHERE id = $1 FOR UPDATE`, [id]);
      this.assertEditable(locked.status);
      const [before] = await this.load(em, [id]);
      // Release the old crew and kit first, so a change of time does not clash with people being replaced.
      await em.delete(BroadcastCrewEntity, { broadcastId: id });
      await em.delete(BroadcastEquipmentEntity, { broadcastId: id });
      await em.update(BroadcastEntity, { id }, {
        title: body.title ?? current.title,
        description: body.description ?? current.description,
        startsAt: start,
        endsAt: end,
        setupMinutes,
        teardownMinutes,
        busy: rangeLiteral(busy),
        roomId: resources.roomId,
        seriesId: body.seriesId !== undefined ? body.seriesId : current.seriesId,
      });
      await this.saveResources(em, id, resources);
      const [after] = await this.load(em, [id]);
      await this.audit.record({ actorId, action: 'broadcast.updated', entityType: 'broadcast', entityId: id, before: schedule(before), after: schedule(after) }, em);
    });
    return this.get(id);
  }

  /** `actorId` is null when the system moves it (the ingest going on air or ending). */
  async transition(id: string, to: BroadcastStatus, note: string | undefined, actorId: string | null): Promise<BroadcastDetailDto> {
    return this.ds.transaction(async (em) => {
      const [b] = await em.query(`SELECT status, stream_key_hash IS NOT NULL AS "hasStreamKey" FROM broadcasts WHERE id = $1 FOR UPDATE`, [id]);
      if (!b) throw new NotFoundException('No broadcast with this id.');
      const open: { label: string }[] = await em.query(
        `SELECT label FROM broadcast_checklist_items WHERE broadcast_id = $1 AND required AND done_at IS NULL ORDER BY position, id`,
        [id],
      );
      const verdict = checkTransition(b.status, to, { openRequiredItems: open.map((o) => o.label), hasStreamKey: b.hasStreamKey });
      if (!verdict.ok) throw new ConflictException(verdict.reason);
      await em.update(BroadcastEntity, { id }, { status: to });
      await em.insert(BroadcastStatusChangeEntity, { broadcastId: id, fromStatus: b.status, toStatus: to, changedBy: actorId, note: note ?? '' });
      await this.audit.record({ actorId, action: 'broadcast.status_changed', entityType: 'broadcast', entityId: id, before: { status: b.status }, after: { status: to, note: note ?? '' } }, em);
      return this.get(id, em);
    });
  }

  async tickChecklistItem(id: string, itemId: string, done: boolean, actorId: string): Promise<ChecklistItemDto> {
    return this.ds.transaction(async (em) => {
      const status = await this.lockForChecklist(em, id);
      const item = await em.findOneBy(BroadcastChecklistItemEntity, { id: itemId, broadcastId: id });
      if (!item) throw new NotFoundException('This broadcast has no checklist item with this id.');
      if (!done && item.required && status === 'ready') {
        throw new ConflictException('This broadcast is ready, so its required items must stay done. Move it back to scheduled first.');
      }
      const wasDone = item.doneAt !== null;
      if (done !== wasDone) {
        await em.update(BroadcastChecklistItemEntity, { id: itemId }, done ? { doneAt: new Date(), doneBy: actorId } : { doneAt: null, doneBy: null });
        await this.audit.record(
          { actorId, action: 'broadcast.checklist_ticked', entityType: 'broadcast', entityId: id, before: { itemId, label: item.label, done: wasDone }, after: { itemId, label: item.label, done } },
          em,
        );
      }
      return (await this.checklist(em, id)).find((i) => i.id === itemId)!;
    });
  }

  async addChecklistItem(id: string, body: AddChecklistItemDto, actorId: string): Promise<ChecklistItemDto> {
    return this.ds.transaction(async (em) => {
      const status = await this.lockForChecklist(em, id);
      const required = body.required ?? true;
      if (required && status === 'ready') throw new ConflictException('This broadcast is ready; move it back to scheduled before adding a required item.');
      const [{ next }] = await em.query(`SELECT coalesce(max(position) + 1, 0)::int AS next FROM broadcast_checklist_items WHERE broadcast_id = $1`, [id]);
      const { identifiers } = await em.insert(BroadcastChecklistItemEntity, { broadcastId: id, label: body.label, required, position: next });
      await this.audit.record({ actorId, action: 'broadcast.checklist_item_added', entityType: 'broadcast', entityId: id, after: { label: body.label, required } }, em);
      return (await this.checklist(em, id)).find((i) => i.id === identifiers[0].id)!;
    });
  }

  /** Runs a booking change: explains conflicts first, and turns a lost race on an exclusion constraint into the same 409. */
  private async book<T>(wanted: ReturnType<typeof wantedBookings>, excludeIds: string[], work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.ds.transaction(async (em) => {
        const conflicts = await explainConflicts(em, wanted, excludeIds);
        if (conflicts.length) throw doubleBooking(conflicts);
        return work(em);
      });
    } catch (err) {
      if (pgCode(err) === '23505' && pgConstraint(err) === 'broadcasts_one_per_activity') {
        throw new ConflictException('This activity already has a broadcast (cancel that one first to plan a new one).');
      }
      if (pgCode(err) !== '23P01') throw err;
      throw doubleBooking(await explainConflicts(this.ds.manager, wanted, excludeIds));
    }
  }

  private async load(em: EntityManager, ids: string[]): Promise<BroadcastDto[]> {
    if (!ids.length) return [];
    const [rows, crew, equipment] = await Promise.all([
      em.query(
        `SELECT b.id, b.activity_id AS "activityId", b.title, b.description, b.starts_at AS "start", b.ends_at AS "end",
                b.setup_minutes AS "setupMinutes", b.teardown_minutes AS "teardownMinutes", lower(b.busy) AS "bookedFrom", upper(b.busy) AS "bookedUntil",
                b.room_id AS "roomId", r.name AS "roomName", b.status, b.repeat_group_id AS "repeatGroupId", b.series_id AS "seriesId",
                b.stream_key_hash IS NOT NULL AS "hasStreamKey", b.stream_key_rotated_at AS "streamKeyRotatedAt", b.created_at AS "createdAt", b.updated_at AS "updatedAt"
           FROM broadcasts b LEFT JOIN rooms r ON r.id = b.room_id WHERE b.id = ANY($1::uuid[]) ORDER BY b.starts_at, b.id`,
        [ids],
      ),
      em.query(
        `SELECT c.broadcast_id AS "broadcastId", c.user_id AS "userId", u.name, c.role FROM broadcast_crew c JOIN users u ON u.id = c.user_id
          WHERE c.broadcast_id = ANY($1::uuid[]) ORDER BY array_position($2::text[], c.role), u.name`,
        [ids, CREW_ROLES],
      ),
      em.query(
        `SELECT be.broadcast_id AS "broadcastId", e.id, e.name, e.kind FROM broadcast_equipment be JOIN equipment e ON e.id = be.equipment_id
          WHERE be.broadcast_id = ANY($1::uuid[]) ORDER BY e.name`,
        [ids],
      ),
    ]);
    return rows.map((b: BroadcastDto) => ({
      ...b,
      crew: crew.filter((c: { broadcastId: string }) => c.broadcastId === b.id).map(({ userId, name, role }: BroadcastDto['crew'][number]) => ({ userId, name, role })),
      equipment: equipment.filter((e: { broadcastId: string }) => e.broadcastId === b.id).map(({ id, name, kind }: BroadcastDto['equipment'][number]) => ({ id, name, kind })),
    }));
  }

  private checklist(em: EntityManager, id: string): Promise<ChecklistItemDto[]> {
    return em.query(
      `SELECT id, label, required, done_at IS NOT NULL AS done, done_by AS "doneBy", done_at AS "doneAt", position
         FROM broadcast_checklist_items WHERE broadcast_id = $1 ORDER BY position, id`,
      [id],
    );
  }

  private async lockForChecklist(em: EntityManager, id: string): Promise<BroadcastStatus> {
    const [b] = await em.query(`SELECT status FROM broadcasts WHERE id = $1 FOR UPDATE`, [id]);
    if (!b) throw new NotFoundException('No broadcast with this id.');
    if (!['draft', 'scheduled', 'ready', 'live'].includes(b.status)) throw new ConflictException(`The checklist of a ${b.status} broadcast is closed.`);
    return b.status;
  }

  private async activity(id: string): Promise<{ id: string; title: string; startsAt: Date; endsAt: Date; roomId: string | null }> {
    const [a] = await this.ds.query(`SELECT id, title, starts_at AS "startsAt", ends_at AS "endsAt", room_id AS "roomId", status FROM activities WHERE id = $1`, [id]);
    if (!a) throw badField('activityId', 'There is no activity with this id.');
    if (a.status === 'cancelled') throw new ConflictException('This activity is cancelled in the calendar, so there is nothing to stream.');
    return a;
  }

  private async assertActivityFree(em: EntityManager, activityId: string): Promise<void> {
    const [other] = await em.query(`SELECT id, title FROM broadcasts WHERE activity_id = $1 AND status NOT IN ('cancelled','failed')`, [activityId]);
    if (other) throw new ConflictException(`This activity already has a broadcast, “${other.title}” (cancel that one first to plan a new one).`);
  }

  private async template(id: string | undefined): Promise<ChecklistTemplateEntity | null> {
    const repo = this.ds.getRepository(ChecklistTemplateEntity);
    if (!id) return repo.findOneBy({ isDefault: true });
    const t = await repo.findOneBy({ id });
    if (!t) throw badField('checklistTemplateId', 'There is no checklist template with this id.');
    return t;
  }

  /** Checks the room, people and equipment exist and may be booked; expands kits into their items. */
  private async resolveResources(input: Resources & { kitIds: string[] }): Promise<Resources> {
    const em = this.ds.manager;
    if (input.roomId && !(await em.query(`SELECT 1 FROM rooms WHERE id = $1`, [input.roomId])).length) throw badField('roomId', 'There is no room with this id.');
    const crew = [...new Map(input.crew.map((c) => [`${c.userId}:${c.role}`, { userId: c.userId, role: c.role }])).values()];
    const people = [...new Set(crew.map((c) => c.userId))];
    const active: { id: string }[] = people.length ? await em.query(`SELECT id FROM users WHERE id = ANY($1::uuid[]) AND active`, [people]) : [];
    const unknownPeople = people.filter((p) => !active.some((a) => a.id === p));
    if (unknownPeople.length) throw badField('crew', `Not an active staff member: ${unknownPeople.join(', ')}.`);

    const kitIds = [...new Set(input.kitIds)];
    if (kitIds.length) {
      const kits: { id: string }[] = await em.query(`SELECT id FROM equipment_kits WHERE id = ANY($1::uuid[])`, [kitIds]);
      const unknownKits = kitIds.filter((k) => !kits.some((f) => f.id === k));
      if (unknownKits.length) throw badField('kitIds', `There is no equipment kit with id ${unknownKits.join(', ')}.`);
    }
    const fromKits: { id: string }[] = kitIds.length ? await em.query(`SELECT id FROM equipment WHERE kit_id = ANY($1::uuid[]) AND active`, [kitIds]) : [];
    const equipmentIds = [...new Set([...input.equipmentIds, ...fromKits.map((e) => e.id)])];
    const usable: { id: string }[] = equipmentIds.length ? await em.query(`SELECT id FROM equipment WHERE id = ANY($1::uuid[]) AND active`, [equipmentIds]) : [];
    const unusable = equipmentIds.filter((e) => !usable.some((u) => u.id === e));
    if (unusable.length) throw badField('equipmentIds', `Unknown or retired equipment: ${unusable.join(', ')}.`);
    return { roomId: input.roomId, crew, equipmentIds };
  }

  private async saveResources(em: EntityManager, broadcastId: string, r: Resources): Promise<void> {
    // Always in id order, so two bookings of the same people and kit wait for each other instead of deadlocking.
    const crew = [...r.crew].sort((a, b) => a.userId.localeCompare(b.userId) || a.role.localeCompare(b.role));
    if (crew.length) await em.insert(BroadcastCrewEntity, crew.map((c) => ({ broadcastId, ...c })));
    const equipmentIds = [...r.equipmentIds].sort();
    if (equipmentIds.length) await em.insert(BroadcastEquipmentEntity, equipmentIds.map((equipmentId) => ({ broadcastId, equipmentId })));
  }

  private assertSlot(start: Date, end: Date): void {
    if (end <= start) throw badField('end', 'end must be after start');
    if (end.getTime() - start.getTime() > MAX_DURATION_MS) throw badField('end', 'A broadcast can last at most 24 hours; check the end date.');
  }

  private assertEditable(status: BroadcastStatus): void {
    if (!isEditable(status)) throw new ConflictException(`A ${status} broadcast can no longer be rescheduled or re-crewed.`);
  }
}
