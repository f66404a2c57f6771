import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ActivityEntity } from '@app/db';
import { AuditService } from '../audit/audit.service';
import { RoomsService } from '../rooms/rooms.service';
import { CalendarActivity } from './calendar-file';
import { fetchCalendar } from './calendar-fetch';
import { ImportResultDto } from './calendar.dto';
import { readCalendarFile } from './read-calendar';

/** The activity columns an import owns; everything else on the row is staff work and is never overwritten. */
const IMPORTED = ['title', 'description', 'startsAt', 'endsAt', 'allDay', 'location', 'categories', 'audience', 'capacity', 'registrations', 'waitlist', 'presenter', 'visibility', 'status'] as const;
type Imported = Pick<ActivityEntity, (typeof IMPORTED)[number]>;

function importedOf(a: CalendarActivity | ActivityEntity): Imported {
  return Object.fromEntries(IMPORTED.map((k) => [k, a[k]])) as Imported;
}

function hashOf(a: Imported): string {
  const plain = { ...a, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString() };
  return createHash('sha256').update(JSON.stringify(IMPORTED.map((k) => plain[k]))).digest('base64url');
}

@Injectable()
export class CalendarImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly rooms: RoomsService,
  ) {}

  fetch(url: string): Promise<Buffer> {
    return fetchCalendar(url, { maxBytes: this.config.CALENDAR_IMPORT_MAX_BYTES, allowPrivate: this.config.CALENDAR_FETCH_ALLOW_PRIVATE });
  }

  /** Imports one calendar year from an ICS or CSV file in one transaction: all of it, or (on any error) nothing. */
  async import(bytes: Buffer, source: string, year: number | undefined, actorId: string): Promise<ImportResultDto> {
    const zone = this.config.TIMEZONE;
    const y = year ?? DateTime.now().setZone(zone).year;
    const from = DateTime.fromObject({ year: y, month: 1, day: 1 }, { zone });
    const window = { from: from.toJSDate(), to: from.plus({ years: 1 }).toJSDate() };
    const read = readCalendarFile(bytes, {
      year: y,
      window,
      zone,
      maxActivities: this.config.CALENDAR_MAX_ACTIVITIES,
      maxOccurrencesPerEvent: this.config.CALENDAR_MAX_OCCURRENCES_PER_EVENT,
    });
    const result: ImportResultDto = { format: read.format, year: y, created: 0, updated: 0, unchanged: 0, skipped: read.skipped, errors: read.errors };
    if (read.errors.length) {
      const n = read.errors.length;
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: `The calendar file has ${n === 1 ? 'an error' : `${n} errors`}; nothing was imported.`,
        ...result,
      });
    }

    return this.ds.transaction(async (em) => {
      // One import at a time: two imports of overlapping files would otherwise both insert the same events.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('calendar-import'))`);
      const roomIds = await this.rooms.ensureByNames(read.activities.map((a) => a.location), em);
      const roomOf = (location: string) => roomIds.get(location.trim().toLowerCase()) ?? null;
      const uids = [...new Set(read.activities.map((a) => a.sourceUid).concat(read.recurringUids))];
      const existing = new Map<string, ActivityEntity>();
      for (let i = 0; i < uids.length; i += 5000) {
        const rows = await em.getRepository(ActivityEntity).createQueryBuilder('a').where('a.source_uid = ANY(:uids)', { uids: uids.slice(i, i + 5000) }).getMany();
        for (const r of rows) existing.set(`${r.sourceUid}\n${r.occurrence}`, r);
      }

      const inserts: Partial<ActivityEntity>[] = [];
      const seen = new Set<string>();
      for (const a of read.activities) {
        const key = `${a.sourceUid}\n${a.occurrence}`;
        seen.add(key);
        const imported = importedOf(a);
        const contentHash = hashOf(imported);
        const row = existing.get(key);
        if (!row) {
          if (a.status === 'cancelled') result.skipped.push({ ref: a.ref, reason: 'cancelled' });
          else inserts.push({ ...imported, source: read.format, sourceUid: a.sourceUid, occurrence: a.occurrence, roomId: roomOf(a.location), contentHash });
        } else if (row.contentHash === contentHash) result.unchanged++;
        else {
          await this.update(em, row, { ...imported, roomId: roomOf(a.location), contentHash }, actorId);
          result.updated++;
        }
      }
      // An occurrence of a recurring event this file lists completely, missing now (a new EXDATE): cancelled.
      const recurring = new Set(read.recurringUids);
      for (const [key, row] of existing) {
        if (seen.has(key) || !recurring.has(row.sourceUid) || row.occurrence === '' || row.status === 'cancelled') continue;
        if (row.startsAt < window.from || row.startsAt >= window.to) continue;
        const imported = { ...importedOf(row), status: 'cancelled' as const };
        await this.update(em, row, { status: 'cancelled', contentHash: hashOf(imported) }, actorId);
        result.updated++;
      }
      for (let i = 0; i < inserts.length; i += 1000) await em.insert(ActivityEntity, inserts.slice(i, i + 1000));
      result.created = inserts.length;

      const { skipped, errors, ...counts } = result;
      await this.audit.record(
        { actorId, action: 'calendar.import', entityType: 'calendar_import', entityId: randomUUID(), after: { source, ...counts, skipped: skipped.length, errors: errors.length } },
        em,
      );
      return result;
    });
  }

  private async update(em: EntityManager, row: ActivityEntity, change: Partial<ActivityEntity>, actorId: string): Promise<void> {
    await em.update(ActivityEntity, row.id, change);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const k of [...IMPORTED, 'roomId'] as const) {
      if (!(k in change)) continue;
      const was = JSON.stringify(row[k]);
      if (was !== JSON.stringify(change[k])) {
        before[k] = row[k];
        after[k] = change[k];
      }
    }
    await this.audit.record({ actorId, action: 'activity.import-update', entityType: 'activity', entityId: row.id, before, after }, em);
  }
}
