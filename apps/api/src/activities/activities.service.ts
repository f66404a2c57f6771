import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityEntity, QualificationSettingsEntity } from '@app/db';
import { CRITERIA, DEFAULT_QUALIFICATION_SETTINGS, qualify, QualificationSettings } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import { ActivityDto, ActivityQueryDto, QualificationSettingsDto, SetVerdictDto, UpdateActivityDto } from './activities.dto';

interface Row {
  activity: ActivityEntity;
  room: { id: string; name: string; capacity: number | null; streamingEquipped: boolean } | null;
  crewFree: number;
}

/** Quotes a CSV cell; a leading = + - @ is neutralised so a spreadsheet does not run it as a formula. */
function csvCell(v: unknown): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STAFF_FIELDS = ['rightsConsent', 'cameraPlan', 'audienceParticipation', 'verdictOverride', 'verdictNote', 'verdictBy', 'verdictAt'] as const;

@Injectable()
export class ActivitiesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async settings(): Promise<QualificationSettings> {
    const row = await this.ds.getRepository(QualificationSettingsEntity).findOneBy({ id: 1 });
    return row ? { weights: { ...DEFAULT_QUALIFICATION_SETTINGS.weights, ...row.weights }, threshold: row.threshold, crewNeeded: row.crewNeeded } : DEFAULT_QUALIFICATION_SETTINGS;
  }

  async saveSettings(dto: QualificationSettingsDto, actorId: string): Promise<QualificationSettings> {
    if (Object.values(dto.weights).every((w) => w === 0)) throw new BadRequestException('At least one weight must be above 0.');
    const before = await this.settings();
    const after: QualificationSettings = { weights: { ...dto.weights }, threshold: dto.threshold, crewNeeded: dto.crewNeeded };
    await this.ds.transaction(async (em) => {
      await em.upsert(QualificationSettingsEntity, { id: 1, ...after, updatedBy: actorId }, ['id']);
      await this.audit.record({ actorId, action: 'qualification.settings', entityType: 'qualification_settings', entityId: '1', before, after }, em);
    });
    return after;
  }

  /** Activities with their qualification, filtered and paged; `limit: null` returns them all (for the CSV report). */
  async list(q: ActivityQueryDto, page: { limit: number; offset: number } | null): Promise<{ items: ActivityDto[]; total: number }> {
    const qb = this.rows().orderBy('a.starts_at', 'ASC').addOrderBy('a.id', 'ASC');
    if (q.from) qb.andWhere('a.starts_at >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('a.starts_at < :to', { to: new Date(q.to) });
    if (q.category) qb.andWhere('EXISTS (SELECT 1 FROM unnest(a.categories) c WHERE lower(c) = lower(:category))', { category: q.category.trim() });
    if (q.room) {
      if (UUID.test(q.room)) qb.andWhere('a.room_id = :roomId', { roomId: q.room });
      else qb.andWhere('lower(btrim(r.name)) = lower(btrim(:roomName))', { roomName: q.room });
    }
    const settings = await this.settings();
    let items = (await this.fetch(qb)).map((row) => this.toDto(row, settings));
    if (q.qualifies !== undefined) items = items.filter((i) => i.qualification.qualifies === q.qualifies);
    return { items: page ? items.slice(page.offset, page.offset + page.limit) : items, total: items.length };
  }

  /** The same report as a CSV file, one row per activity, for a spreadsheet. */
  async report(q: ActivityQueryDto): Promise<string> {
    const { items } = await this.list(q, null);
    const header = ['id', 'title', 'start', 'end', 'room', 'category', 'audience', 'status', 'eligible', 'qualifies', 'score', 'needs_confirmation', 'failed_gates', 'override_note', ...CRITERIA.map((c) => `${c}_value`)];
    const lines = items.map((i) => {
      const q = i.qualification;
      return [
        i.id,
        i.title,
        i.start.toISOString(),
        i.end.toISOString(),
        i.room?.name ?? i.location,
        i.category.join('; '),
        i.audience.join('; '),
        i.status,
        q.eligible,
        q.qualifies,
        q.score,
        q.needsConfirmation.join('; '),
        q.gates.filter((g) => !g.passed).map((g) => g.reason).join('; '),
        i.override?.note ?? '',
        ...CRITERIA.map((c) => q.criteria.find((x) => x.name === c)?.value ?? ''),
      ];
    });
    return [header, ...lines].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
  }

  async get(id: string): Promise<ActivityDto> {
    const [row] = await this.fetch(this.rows().where('a.id = :id', { id }));
    if (!row) throw new NotFoundException('There is no activity with this id.');
    return this.toDto(row, await this.settings());
  }

  update(id: string, dto: UpdateActivityDto, actorId: string): Promise<ActivityDto> {
    return this.change(id, actorId, 'activity.update', () => ({ ...dto }));
  }

  setVerdict(id: string, dto: SetVerdictDto, actorId: string): Promise<ActivityDto> {
    return this.change(id, actorId, 'activity.verdict', () => ({ verdictOverride: dto.qualifies, verdictNote: dto.note, verdictBy: actorId, verdictAt: new Date() }));
  }

  clearVerdict(id: string, actorId: string): Promise<ActivityDto> {
    return this.change(id, actorId, 'activity.verdict', (a) => {
      if (a.verdictOverride === null) throw new NotFoundException('This activity has no staff verdict to remove.');
      return { verdictOverride: null, verdictNote: null, verdictBy: null, verdictAt: null };
    });
  }

  /** Changes staff fields under a row lock, with an audit entry holding the verdict before and after. */
  private async change(id: string, actorId: string, action: string, patch: (a: ActivityEntity) => Partial<ActivityEntity>): Promise<ActivityDto> {
    const settings = await this.settings();
    await this.ds.transaction(async (em: EntityManager) => {
      const [row] = await this.fetch(this.rows(em).where('a.id = :id', { id }).setLock('pessimistic_write', undefined, ['a']));
      if (!row) throw new NotFoundException('There is no activity with this id.');
      const change = patch(row.activity);
      await em.update(ActivityEntity, id, change);
      const next: Row = { ...row, activity: { ...row.activity, ...change } };
      const snapshot = (r: Row) => {
        const d = this.toDto(r, settings);
        return { ...Object.fromEntries(STAFF_FIELDS.map((k) => [k, r.activity[k]])), qualifies: d.qualification.qualifies, score: d.qualification.score };
      };
      await this.audit.record({ actorId, action, entityType: 'activity', entityId: id, before: snapshot(row), after: snapshot(next) }, em);
    });
    return this.get(id);
  }

  /**
   * Activities with their room and the number of producers free at that time: staff with the producer role
   * who are not booked as crew on another broadcast overlapping the activity.
   */
  private rows(em: EntityManager = this.ds.manager) {
    return em
      .getRepository(ActivityEntity)
      .createQueryBuilder('a')
      .leftJoin('rooms', 'r', 'r.id = a.room_id')
      .addSelect(['r.id AS room_id_', 'r.name AS room_name', 'r.capacity AS room_capacity', 'r.streaming_equipped AS room_equipped'])
      .addSelect(
        `(SELECT count(*)::int FROM users u WHERE u.active AND 'producer' = ANY(u.roles) AND NOT EXISTS (
           SELECT 1 FROM broadcast_crew bc JOIN broadcasts b ON b.id = bc.broadcast_id
           WHERE bc.user_id = u.id AND bc.booking AND bc.busy && tstzrange(a.starts_at, a.ends_at, '[)') AND b.activity_id IS DISTINCT FROM a.id))`,
        'crew_free',
      );
  }

  private async fetch(qb: ReturnType<ActivitiesService['rows']>): Promise<Row[]> {
    const { entities, raw } = await qb.getRawAndEntities<{ room_id_: string | null; room_name: string; room_capacity: number | null; room_equipped: boolean; crew_free: number }>();
    return entities.map((activity, i) => {
      const r = raw[i];
      return {
        activity,
        room: r.room_id_ ? { id: r.room_id_, name: r.room_name, capacity: r.room_capacity, streamingEquipped: r.room_equipped } : null,
        crewFree: r.crew_free,
      };
    });
  }

  private toDto({ activity: a, room, crewFree }: Row, settings: QualificationSettings): ActivityDto {
    const qualification = qualify(
      {
        title: a.title,
        description: a.description,
        categories: a.categories,
        audience: a.audience,
        visibility: a.visibility,
        status: a.status,
        rightsConsent: a.rightsConsent,
        audienceParticipation: a.audienceParticipation,
        cameraPlan: a.cameraPlan,
        capacity: a.capacity ?? room?.capacity ?? null,
        registrations: a.registrations,
        waitlist: a.waitlist,
        roomStreamingEquipped: room ? room.streamingEquipped : null,
        crewFree,
        override: a.verdictOverride === null ? null : { qualifies: a.verdictOverride, note: a.verdictNote ?? '' },
      },
      settings,
    );
    return {
      id: a.id,
      title: a.title,
      description: a.description,
      start: a.startsAt,
      end: a.endsAt,
      allDay: a.allDay,
      room: room ? { id: room.id, name: room.name, streamingEquipped: room.streamingEquipped } : null,
      location: a.location,
      audience: a.audience,
      category: a.categories,
      capacity: a.capacity,
      registrations: a.registrations,
      waitlist: a.waitlist,
      presenter: a.presenter,
      visibility: a.visibility,
      status: a.status,
      rightsConsent: a.rightsConsent,
      cameraPlan: a.cameraPlan,
      audienceParticipation: a.audienceParticipation,
      override: a.verdictOverride === null ? null : { qualifies: a.verdictOverride, note: a.verdictNote ?? '', by: a.verdictBy, at: a.verdictAt },
      qualification,
    };
  }
}
