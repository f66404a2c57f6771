import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UserEntity } from '@app/db';
import { hashPassword, Role } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import { CreateUserDto, UpdateUserDto, UserDto } from './users.dto';

const toDto = (u: UserEntity): UserDto => ({ id: u.id, email: u.email, name: u.name, roles: u.roles, active: u.active, createdAt: u.createdAt });

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Staff for crew and assignee pickers; admins are listed for every role, as they may do anything. */
  async list(role: Role | undefined, includeInactive = false): Promise<UserDto[]> {
    const q = this.ds.getRepository(UserEntity).createQueryBuilder('u').orderBy('u.name').addOrderBy('u.email');
    if (!includeInactive) q.andWhere('u.active');
    if (role) q.andWhere(`(:role = ANY(u.roles) OR 'admin' = ANY(u.roles))`, { role });
    return (await q.getMany()).map(toDto);
  }

  async create(body: CreateUserDto, actorId: string): Promise<UserDto> {
    const email = body.email.toLowerCase();
    const passwordHash = await hashPassword(body.password);
    return this.ds.transaction(async (em) => {
      if (await em.existsBy(UserEntity, { email })) throw new ConflictException(`There is already an account for ${email}.`);
      const user = await em.save(em.create(UserEntity, { email, name: body.name, roles: body.roles, passwordHash }));
      const dto = toDto(user);
      await this.audit.record({ actorId, action: 'user.created', entityType: 'user', entityId: user.id, after: dto }, em);
      return dto;
    });
  }

  async update(id: string, body: UpdateUserDto, actorId: string): Promise<UserDto> {
    const passwordHash = body.password ? await hashPassword(body.password) : undefined;
    return this.ds.transaction(async (em) => {
      const user = await em.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundException('No staff account with this id.');
      if (id === actorId && ((body.roles && !body.roles.includes('admin')) || body.active === false)) {
        throw new BadRequestException('You cannot take away your own admin role or deactivate your own account; ask another admin.');
      }
      const before = toDto(user);
      if (body.name !== undefined) user.name = body.name;
      if (body.roles !== undefined) user.roles = body.roles;
      if (body.active !== undefined) user.active = body.active;
      if (passwordHash) user.passwordHash = passwordHash;
      await em.save(user);
      const after = toDto(user);
      await this.audit.record({ actorId, action: 'user.updated', entityType: 'user', entityId: id, before, after: { ...after, passwordChanged: !!passwordHash } }, em);
      return after;
    });
  }
}
