/** Production stages of a screencast episode, in board order. */
export const EPISODE_STAGES = ['idea', 'script', 'recording', 'editing', 'review', 'published'] as const;
export type EpisodeStage = (typeof EPISODE_STAGES)[number];

/**
 * An episode moves one stage at a time on the board: forward when the work is done, back when it needs
 * redoing (e.g. review sends it back to editing). Returns a reason when the move is not allowed.
 */
export function checkEpisodeMove(from: EpisodeStage, to: EpisodeStage): { ok: true } | { ok: false; reason: string } {
  const distance = EPISODE_STAGES.indexOf(to) - EPISODE_STAGES.indexOf(from);
  if (distance === 0 || Math.abs(distance) === 1) return { ok: true };
  const i = EPISODE_STAGES.indexOf(from);
  const neighbours = [EPISODE_STAGES[i - 1], EPISODE_STAGES[i + 1]].filter(Boolean).join(' or ');
  return { ok: false, reason: `An episode moves one stage at a time: from ${from} it can go to ${neighbours}, not ${to}.` };
}
