import { Episode, Stage, STAGES } from './series.api';

/** The stage before and after this one (an episode moves one stage at a time, as the API enforces). */
export function neighbours(stage: Stage): { prev: Stage | null; next: Stage | null } {
  const i = STAGES.indexOf(stage);
  return { prev: STAGES[i - 1] ?? null, next: STAGES[i + 1] ?? null };
}

export function canMove(from: Stage, to: Stage): boolean {
  return Math.abs(STAGES.indexOf(to) - STAGES.indexOf(from)) === 1;
}

/** Past its due date and not yet published; `today` is YYYY-MM-DD (local). */
export function isOverdue(e: Episode, today: string): boolean {
  return !!e.dueDate && e.stage !== 'published' && e.dueDate < today;
}

/** The board's columns: every stage, its episodes in board order. */
export function columns(episodes: Episode[]): { stage: Stage; episodes: Episode[] }[] {
  return STAGES.map((stage) => ({
    stage,
    episodes: episodes.filter((e) => e.stage === stage).sort((a, b) => a.position - b.position),
  }));
}
