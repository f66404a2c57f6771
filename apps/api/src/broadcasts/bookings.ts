import { ConflictException } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { Booking, CrewRole, findConflicts, Interval } from '@app/domain';
import type { ConflictDto } from './broadcasts.dto';

/** What a broadcast books besides its time. */
export interface Resources {
  roomId: string | null;
  crew: { userId: string; role: CrewRole }[];
  equipmentIds: string[];
}

/** The bookings a broadcast with these resources wants for each of its booked intervals. */
export function wantedBookings(resources: Resources, slots: { broadcastId: string; busy: Interval }[]): Booking[] {
  const people = [...new Set(resources.crew.map((c) => c.userId))];
  return slots.flatMap(({ broadcastId, busy }) => [
    ...(resources.roomId ? [{ kind: 'room' as const, resourceId: resources.roomId, broadcastId, ...busy }] : []),
    ...people.map((userId) => ({ kind: 'crew' as const, resourceId: userId, broadcastId, ...busy })),
    ...resources.equipmentIds.map((id) => ({ kind: 'equipment' as const, resourceId: id, broadcastId, ...busy })),
  ]);
}

/** A Postgres range literal of a half-open interval. */
export const rangeLiteral = (iv: Interval): string => `[${iv.from.toISOString()},${iv.to.toISOString()})`;

/**
 * Explains why wanted bookings cannot be made: reads the existing bookings of the same resources in the
 * same period (the database enforces the same rule with exclusion constraints) and lets the domain rule
 * find the clashes. `excludeIds` are the broadcasts being changed, which may keep their own bookings.
 */
export async function explainConflicts(em: EntityManager, wanted: Booking[], excludeIds: string[]): Promise<ConflictDto[]> {
  if (!wanted.length) return [];
  const from = new Date(Math.min(...wanted.map((w) => w.from.getTime())));
  const to = new Date(Math.max(...wanted.map((w) => w.to.getTime())));
  const ids = (kind: Booking['kind']) => [...new Set(wanted.filter((w) => w.kind === kind).map((w) => w.resourceId))];
  const rows: { kind: Booking['kind']; resourceId: string; broadcastId: string; title: string; from: Date; to: Date }[] = await em.query(
    `WITH w AS (SELECT tstzrange($1, $2) AS r)
     SELECT 'room' AS kind, b.room_id::text AS "resourceId", b.id::text AS "broadcastId", b.title, lower(b.busy) AS "from", upper(b.busy) AS "to"
       FROM broadcasts b, w WHERE b.room_id = ANY($3::uuid[]) AND b.status NOT IN ('cancelled','failed') AND b.busy && w.r AND b.id <> ALL($6::uuid[])
     UNION ALL
     SELECT 'crew', c.user_id::text, b.id::text, b.title, lower(c.busy), upper(c.busy)
       FROM broadcast_crew c JOIN broadcasts b ON b.id = c.broadcast_id, w WHERE c.booking AND c.user_id = ANY($4::uuid[]) AND c.busy && w.r AND b.id <> ALL($6::uuid[])
     UNION ALL
     SELECT 'equipment', e.equipment_id::text, b.id::text, b.title, lower(e.busy), upper(e.busy)
       FROM broadcast_equipment e JOIN broadcasts b ON b.id = e.broadcast_id, w WHERE e.booking AND e.equipment_id = ANY($5::uuid[]) AND e.busy && w.r AND b.id <> ALL($6::uuid[])`,
    [from, to, ids('room'), ids('crew'), ids('equipment'), excludeIds],
  );
  const titles = new Map(rows.map((r) => [r.broadcastId, r.title]));
  return findConflicts(wanted, rows).map((c) => ({ ...c, withTitle: titles.get(c.withBroadcastId) ?? '' }));
}

const KIND_WORDS = { room: 'the room', crew: 'a crew member', equipment: 'equipment' } as const;

/** The 409 for a double booking, naming what is taken and by which broadcast. */
export function doubleBooking(conflicts: ConflictDto[]): ConflictException {
  const taken = [...new Set(conflicts.map((c) => `${KIND_WORDS[c.kind]} (booked for “${c.withTitle}”)`))];
  const message = conflicts.length
    ? `Double booking: ${taken.join(', ')} at this time, set-up and tear-down included. Choose another time, room, crew or equipment.`
    : 'Another booking of the same room, crew or equipment was made at the same moment. Reload and try again.';
  return new ConflictException({ statusCode: 409, error: 'Conflict', message, conflicts });
}

/** The Postgres error code of a failed query, e.g. 23P01 for an exclusion-constraint violation. */
export const pgCode = (err: unknown): string | undefined => (err instanceof QueryFailedError ? (err.driverError as { code?: string }).code : undefined);
export const pgConstraint = (err: unknown): string | undefined => (err instanceof QueryFailedError ? (err.driverError as { constraint?: string }).constraint : undefined);
