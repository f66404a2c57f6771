import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@app/domain';

export const ACCESS_KEY = 'access';
export type Access = { public: true } | { roles: Role[] };

/** Anyone may call this route, without logging in. */
export const Public = () => SetMetadata(ACCESS_KEY, { public: true } satisfies Access);

/**
 * Logged-in staff with one of these roles (admin always) may call this route. Routes that declare
 * neither @Public nor @Roles are refused: access is denied by default.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { roles } satisfies Access),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not logged in, or the session expired' }),
    ApiForbiddenResponse({ description: `Needs role: ${roles.length ? roles.join(', ') : 'any staff role'}` }),
  );

/** Every staff role. */
export const AnyStaff = () => Roles('admin', 'planner', 'producer', 'editor');
