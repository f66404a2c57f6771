import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyStaff, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { CreateEquipmentDto, CreateKitDto, EquipmentDto, EquipmentListDto, EquipmentQueryDto, KitDto, KitListDto, UpdateEquipmentDto } from './equipment.dto';
import { EquipmentService } from './equipment.service';

@ApiTags('equipment')
@Controller('equipment')
export class EquipmentController {
  constructor(private readonly equipment: EquipmentService) {}

  @Get()
  @AnyStaff()
  @ApiOkResponse({ type: EquipmentListDto })
  async list(@Query() q: EquipmentQueryDto): Promise<EquipmentListDto> {
    const items = await this.equipment.list(q.includeRetired);
    return { items, total: items.length };
  }

  @Post()
  @Roles('planner', 'producer')
  @ApiCreatedResponse({ type: EquipmentDto })
  @ApiConflictResponse({ description: 'An item with this name exists' })
  create(@Body() body: CreateEquipmentDto, @CurrentUser() user: AuthUser): Promise<EquipmentDto> {
    return this.equipment.create(body, user.id);
  }

  @Get('kits')
  @AnyStaff()
  @ApiOkResponse({ type: KitListDto })
  async kits(): Promise<KitListDto> {
    const items = await this.equipment.kits();
    return { items, total: items.length };
  }

  @Post('kits')
  @Roles('planner', 'producer')
  @ApiCreatedResponse({ type: KitDto })
  @ApiConflictResponse({ description: 'A kit with this name exists' })
  createKit(@Body() body: CreateKitDto, @CurrentUser() user: AuthUser): Promise<KitDto> {
    return this.equipment.createKit(body, user.id);
  }

  @Patch(':id')
  @Roles('planner', 'producer')
  @ApiOkResponse({ type: EquipmentDto })
  @ApiNotFoundResponse()
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateEquipmentDto, @CurrentUser() user: AuthUser): Promise<EquipmentDto> {
    return this.equipment.update(id, body, user.id);
  }
}
