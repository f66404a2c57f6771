import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyStaff, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { CreateRoomDto, RoomDto, RoomListDto, UpdateRoomDto } from './rooms.dto';
import { RoomsService } from './rooms.service';

@ApiTags('rooms')
@Controller('rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Get()
  @AnyStaff()
  @ApiOkResponse({ type: RoomListDto })
  async list(): Promise<RoomListDto> {
    const items = await this.rooms.list();
    return { items, total: items.length };
  }

  @Post()
  @Roles('planner')
  @ApiCreatedResponse({ type: RoomDto })
  @ApiConflictResponse({ description: 'A room with this name exists' })
  create(@Body() body: CreateRoomDto, @CurrentUser() user: AuthUser): Promise<RoomDto> {
    return this.rooms.create(body, user.id);
  }

  @Get(':id')
  @AnyStaff()
  @ApiOkResponse({ type: RoomDto })
  @ApiNotFoundResponse()
  get(@Param('id', ParseUUIDPipe) id: string): Promise<RoomDto> {
    return this.rooms.get(id);
  }

  @Patch(':id')
  @Roles('planner')
  @ApiOkResponse({ type: RoomDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'A room with this name exists' })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateRoomDto, @CurrentUser() user: AuthUser): Promise<RoomDto> {
    return this.rooms.update(id, body, user.id);
  }
}
