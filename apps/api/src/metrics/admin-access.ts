import { timingSafeEqual } from 'node:crypto';
import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { Role } from '@app/domain';

export const QUEUE_VIEW_COOKIE = 'queue_view';
export const QUEUE_VIEW_PATH = '/api/admin/queues';
export const QUEUE_VIEW_TTL_S = 3600;

const bearer = (header: string | undefined) => (header?.startsWith('Bearer ') ? header.slice(7) : undefined);

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Admin-only access to the operational endpoints that are not ordinary API routes: the Prometheus scrape (an admin's
 * bearer token, or METRICS_TOKEN for Prometheus) and the queue view (an admin's bearer token, or the short-lived
 * cookie POST /api/admin/queue-view/session sets, because a browser tab opening the page sends no header). The
 * cookie's token is signed with a key of its own, so it is no API bearer token.
 */
@Injectable()
export class AdminAccess {
  private readonly cookieSecret: string;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.cookieSecret = `${config.JWT_SECRET}:queue-view`;
  }

  async metrics(authorization: string | undefined): Promise<void> {
    const token = bearer(authorization);
    if (token && this.config.METRICS_TOKEN && sameSecret(token, this.config.METRICS_TOKEN)) return;
    await this.admin(token, undefined);
  }

  async queueView(authorization: string | undefined, cookieHeader: string | undefined): Promise<void> {
    await this.admin(bearer(authorization), cookie(cookieHeader, QUEUE_VIEW_COOKIE));
  }

  /** A token for the queue view cookie. */
  queueViewToken(user: { id: string; roles: Role[] }): Promise<string> {
    return this.jwt.signAsync({ sub: user.id, roles: user.roles }, { secret: this.cookieSecret, expiresIn: QUEUE_VIEW_TTL_S });
  }

  private async admin(token: string | undefined, viewToken: string | undefined): Promise<void> {
    if (!token && !viewToken) throw new UnauthorizedException('Log in as an administrator first.');
    let roles: Role[];
    try {
      const payload = token ? await this.jwt.verifyAsync(token) : await this.jwt.verifyAsync(viewToken!, { secret: this.cookieSecret });
      roles = payload.roles ?? [];
    } catch {
      throw new UnauthorizedException('Your session has expired or is invalid. Log in again.');
    }
    if (!roles.includes('admin')) throw new ForbiddenException('Only administrators may see this.');
  }
}
