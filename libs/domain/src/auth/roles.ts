export const ROLES = ['admin', 'planner', 'producer', 'editor'] as const;
export type Role = (typeof ROLES)[number];

/** Admin may do anything a route allows to any role; others need one of the listed roles. */
export function hasAnyRole(userRoles: readonly Role[], allowed: readonly Role[]): boolean {
  return userRoles.includes('admin') || userRoles.some((r) => allowed.includes(r));
}
