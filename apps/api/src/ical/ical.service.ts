import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ical from 'ical-generator';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CREW_ROLES } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/access.guard';
import { randomSecret, sha256 } from '../common/crypto';

type FeedKind = 'users' | 'rooms';
const OWNER_COLUMN = { users: 'user_id', rooms: 'room_id' } as const;
/** How far back a feed reaches; everything ahead is listed. */
const PAST_DAYS = 90;

interface FeedRow {
  id: string;
  title: string;
  description: string;
  start: Date;
  end: Date;
  status: string;
  roomName: string | null;
  roles: string[] | null;
  updatedAt: Date;
}

/** Secret-token iCal feeds of one staff member's or one room's broadcasts, for calendar apps. */
@Injectable()
export class IcalService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Makes a new feed address; any earlier address of the same feed stops working. */
  async rotate(kind: FeedKind, ownerId: string, actor: AuthUser, requestBase: string): Promise<{ url: string }> {
    if (kind === 'users' && ownerId !== actor.id && !actor.roles.includes('admin')) {
      throw new ForbiddenException('Only the staff member themself or an admin can make their calendar address.');
    }
    const table = kind === 'users' ? 'users' : 'rooms';
    const token = randomSecret(32);
    await this.ds.transaction(async (em) => {
      if (!(await em.query(`SELECT 1 FROM ${table} WHERE id = $1`, [ownerId])).length) {
        throw new NotFoundException(kind === 'users' ? 'No staff member with this id.' : 'No room with this id.');
      }
      const column = OWNER_COLUMN[kind];
      await em.query(
        `INSERT INTO calendar_feeds (${column}, token_hash) VALUES ($1, $2)
         ON CONFLICT (${column}) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
        [ownerId, sha256(token)],
      );
      await this.audit.record({ actorId: actor.id, action: 'calendar_feed.rotated', entityType: kind === 'users' ? 'user' : 'room', entityId: ownerId }, em);
    });
    return { url: `${(this.config.PUBLIC_URL ?? requestBase).replace(/\/+$/, '')}/api/ical/${kind}/${token}.ics` };
  }

  async feed(kind: FeedKind, token: string): Promise<string> {
    const [owner] = await this.ds.query(
      kind === 'users'
        ? `SELECT u.id, u.name FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.token_hash = $1 AND u.active`
        : `SELECT r.id, r.name FROM calendar_feeds f JOIN rooms r ON r.id = f.room_id WHERE f.token_hash = $1`,
      [sha256(token)],
    );
    if (!owner) throw new NotFoundException('This calendar address is not (or no longer) valid. Ask for a new one in the dashboard.');
    const rows: FeedRow[] = await this.ds.query(
      `SELECT b.id, b.title, b.description, b.starts_at AS start, b.ends_at AS "end", b.status, r.name AS "roomName", b.updated_at AS "updatedAt",
              (SELECT array_agg(c.role ORDER BY array_position($2::text[], c.role)) FROM broadcast_crew c WHERE c.broadcast_id = b.id AND c.user_id = $1) AS roles
         FROM broadcasts b LEFT JOIN rooms r ON r.id = b.room_id
        WHERE b.status NOT IN ('cancelled','failed') AND b.ends_at > now() - make_interval(days => ${PAST_DAYS})
          AND ${kind === 'users' ? 'EXISTS (SELECT 1 FROM broadcast_crew c WHERE c.broadcast_id = b.id AND c.user_id = $1)' : 'b.room_id = $1'}
        ORDER BY b.starts_at`,
      [owner.id, CREW_ROLES],
    );
    const calendar = ical({
      name: kind === 'users' ? `Livestreams – ${owner.name}` : `Livestreams in ${owner.name}`,
      prodId: { company: 'Library Streams', product: 'broadcasts', language: 'EN' },
      ttl: 15 * 60,
    });
    for (const b of rows) {
      const lines = [b.roles ? `Your role: ${b.roles.join(', ').replace(/_/g, ' ')}` : '', `Status: ${b.status}`, b.description].filter(Boolean);
      calendar.createEvent({
        id: `${b.id}@library-streams`,
        start: b.start,
        end: b.end,
        summary: `Livestream: ${b.title}`,
        description: lines.join('\n'),
        location: b.roomName,
        lastModified: b.updatedAt,
        url: this.config.PUBLIC_URL ? `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/broadcasts/${b.id}` : null,
      });
    }
    return calendar.toString();
  }
}
