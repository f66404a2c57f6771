import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyStaff, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { CreateUserDto, UpdateUserDto, UserDto, UserListDto, UserQueryDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @AnyStaff()
  @ApiOkResponse({ type: UserListDto, description: 'Staff, e.g. for crew and assignee pickers' })
  async list(@Query() q: UserQueryDto): Promise<UserListDto> {
    const items = await this.users.list(q.role, q.includeInactive);
    return { items, total: items.length };
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'An account with this e-mail address exists' })
  create(@Body() body: CreateUserDto, @CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.users.create(body, user.id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ description: 'No such account' })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto, @CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.users.update(id, body, user.id);
  }
}
