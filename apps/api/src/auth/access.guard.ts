import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { hasAnyRole, Role } from '@app/domain';
import { Access, ACCESS_KEY } from './access.decorators';

export interface AuthUser {
  id: string;
  email: string;
  roles: Role[];
}

/** The global guard: deny by default, then @Public, then a valid bearer token with an allowed role. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!access) throw new ForbiddenException('This route declares no access rule, so it is closed.');
    if ('public' in access) return true;

    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers?.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new UnauthorizedException('Log in first: this needs a staff account.');
    let payload: { sub: string; email: string; roles: Role[] };
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch {
      throw new UnauthorizedException('Your session has expired or is invalid. Log in again.');
    }
    const user: AuthUser = { id: payload.sub, email: payload.email, roles: payload.roles };
    req.user = user;
    if (!hasAnyRole(user.roles, access.roles)) {
      throw new ForbiddenException(`This needs one of the roles: ${access.roles.join(', ')}.`);
    }
    return true;
  }
}
