/** Production stages of a screencast episode, in board order. */
export const EPISODE_STAGES = ['idea', 'script', 'recording', 'editing', 'review', 'published'] as const;
export type EpisodeStage = (typeof EPISODE_STAGES)[number];
