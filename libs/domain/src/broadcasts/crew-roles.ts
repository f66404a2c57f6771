/** What a staff member does on a broadcast. One person may hold several roles on the same broadcast. */
export const CREW_ROLES = ['producer', 'camera', 'host', 'chat_moderator'] as const;
export type CrewRole = (typeof CREW_ROLES)[number];
