import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { UserEntity } from '@app/db';
import { decoyHash, verifyPassword } from '@app/domain';

const UNITS = { s: 1, m: 60, h: 3600, d: 86400 } as const;
export const ttlSeconds = (ttl: string): number => Number(ttl.slice(0, -1)) * UNITS[ttl.slice(-1) as keyof typeof UNITS];

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The same 401 whether the e-mail or the password was wrong, after the same amount of work. */
  async login(email: string, password: string): Promise<{ accessToken: string; expiresIn: number }> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email AND u.active', { email: email.trim().toLowerCase() })
      .getOne();
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !ok) throw new UnauthorizedException('E-mail address or password is not correct.');
    const expiresIn = ttlSeconds(this.config.JWT_TTL);
    const accessToken = await this.jwt.signAsync({ sub: user.id, email: user.email, roles: user.roles }, { expiresIn });
    return { accessToken, expiresIn };
  }

  async me(id: string): Promise<Pick<UserEntity, 'id' | 'email' | 'name' | 'roles'>> {
    const user = await this.users.findOne({ where: { id, active: true } });
    if (!user) throw new UnauthorizedException('This account no longer exists or was deactivated.');
    return { id: user.id, email: user.email, name: user.name, roles: user.roles };
  }
}
