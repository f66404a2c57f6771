import { UsersAndAudit1764370000000 } from './1764370000000-users-and-audit';

/** Every migration in order. New migrations are appended here. */
export const migrations = [UsersAndAudit1764370000000];
