/** A half-open time interval [from, to). */
export interface Interval {
  from: Date;
  to: Date;
}

const MINUTE = 60_000;

/** The time a broadcast takes its room, crew and kit: the slot widened by set-up and tear-down buffers. */
export function bookedInterval(start: Date, end: Date, setupMinutes: number, teardownMinutes: number): Interval {
  return { from: new Date(start.getTime() - setupMinutes * MINUTE), to: new Date(end.getTime() + teardownMinutes * MINUTE) };
}

/** Half-open intervals overlap when each starts before the other ends; touching end-to-start does not. */
export const overlaps = (a: Interval, b: Interval): boolean => a.from < b.to && b.from < a.to;

export type ResourceKind = 'room' | 'crew' | 'equipment';

/** One booking of one resource by one broadcast. */
export interface Booking extends Interval {
  kind: ResourceKind;
  resourceId: string;
  broadcastId: string;
}

export interface Conflict {
  kind: ResourceKind;
  resourceId: string;
  withBroadcastId: string;
  from: Date;
  to: Date;
}

/**
 * The conflicts of wanted bookings with existing ones: the same resource, overlapping intervals, another
 * broadcast. Each clash is reported once, with the interval the other broadcast holds the resource.
 */
export function findConflicts(wanted: Booking[], existing: Booking[]): Conflict[] {
  const seen = new Set<string>();
  const out: Conflict[] = [];
  for (const w of wanted) {
    for (const e of existing) {
      if (e.kind !== w.kind || e.resourceId !== w.resourceId || e.broadcastId === w.broadcastId || !overlaps(w, e)) continue;
      const key = `${e.kind}:${e.resourceId}:${e.broadcastId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ kind: e.kind, resourceId: e.resourceId, withBroadcastId: e.broadcastId, from: e.from, to: e.to });
    }
  }
  return out.sort((a, b) => a.from.getTime() - b.from.getTime() || a.kind.localeCompare(b.kind));
}

/** Whether any two of these intervals overlap each other. */
export function anyOverlap(intervals: Interval[]): boolean {
  const sorted = [...intervals].sort((a, b) => a.from.getTime() - b.from.getTime());
  return sorted.some((iv, i) => i > 0 && overlaps(sorted[i - 1], iv));
}

/** When a broadcast's stream key is accepted by the ingest: from `leadMinutes` before the slot to `graceMinutes` after. */
export const streamKeyWindow = (start: Date, end: Date, leadMinutes: number, graceMinutes: number): Interval => bookedInterval(start, end, leadMinutes, graceMinutes);
