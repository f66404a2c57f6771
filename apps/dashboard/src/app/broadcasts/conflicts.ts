import { Conflict } from './broadcasts.api';

export interface ResourceNames {
  rooms: Map<string, string>;
  people: Map<string, string>;
  equipment: Map<string, string>;
}

export interface ConflictLine {
  key: 'conflict.room' | 'conflict.crew' | 'conflict.equipment';
  params: { name: string; title: string; from: string; to: string };
  withBroadcastId: string;
}

/**
 * The API's double-booking conflicts as sentences a planner reads: what is taken, by which broadcast, and
 * when (set-up and tear-down included). One line per resource and broadcast.
 */
export function explainConflicts(conflicts: Conflict[], names: ResourceNames, time: (iso: string) => string): ConflictLine[] {
  const seen = new Set<string>();
  const lines: ConflictLine[] = [];
  for (const c of conflicts) {
    const id = `${c.kind}:${c.resourceId}:${c.withBroadcastId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const map = c.kind === 'room' ? names.rooms : c.kind === 'crew' ? names.people : names.equipment;
    lines.push({
      key: `conflict.${c.kind}`,
      params: { name: map.get(c.resourceId) ?? c.resourceId, title: c.withTitle, from: time(c.from), to: time(c.to) },
      withBroadcastId: c.withBroadcastId,
    });
  }
  return lines;
}
