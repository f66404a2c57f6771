import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyStaff, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { ChecklistTemplateDto, ChecklistTemplateListDto, CreateChecklistTemplateDto, UpdateChecklistTemplateDto } from './checklists.dto';
import { ChecklistsService } from './checklists.service';

@ApiTags('checklists')
@Controller('checklist-templates')
export class ChecklistsController {
  constructor(private readonly checklists: ChecklistsService) {}

  @Get()
  @AnyStaff()
  @ApiOkResponse({ type: ChecklistTemplateListDto })
  async list(): Promise<ChecklistTemplateListDto> {
    const items = await this.checklists.list();
    return { items, total: items.length };
  }

  @Post()
  @Roles('planner')
  @ApiCreatedResponse({ type: ChecklistTemplateDto })
  @ApiConflictResponse({ description: 'A template with this name exists' })
  create(@Body() body: CreateChecklistTemplateDto, @CurrentUser() user: AuthUser): Promise<ChecklistTemplateDto> {
    return this.checklists.create(body, user.id);
  }

  @Get(':id')
  @AnyStaff()
  @ApiOkResponse({ type: ChecklistTemplateDto })
  @ApiNotFoundResponse()
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ChecklistTemplateDto> {
    return this.checklists.get(id);
  }

  @Patch(':id')
  @Roles('planner')
  @ApiOkResponse({ type: ChecklistTemplateDto })
  @ApiNotFoundResponse()
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateChecklistTemplateDto, @CurrentUser() user: AuthUser): Promise<ChecklistTemplateDto> {
    return this.checklists.update(id, body, user.id);
  }

  @Delete(':id')
  @Roles('planner')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; broadcasts keep the checklist they copied' })
  @ApiNotFoundResponse()
  remove(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.checklists.remove(id, user.id);
  }
}
