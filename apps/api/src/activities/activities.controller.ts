import { Body, Controller, Delete, Get, Header, Param, ParseUUIDPipe, Patch, Put, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AnyStaff, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { ActivitiesService } from './activities.service';
import { ActivityDto, ActivityPageDto, ActivityQueryDto, QualificationSettingsDto, SetVerdictDto, UpdateActivityDto } from './activities.dto';

@ApiTags('activities')
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  @AnyStaff()
  @ApiOkResponse({ type: ActivityPageDto, description: 'Activities with their livestream qualification, by start time' })
  list(@Query() q: ActivityQueryDto): Promise<ActivityPageDto> {
    return this.activities.list(q, { limit: q.limit, offset: q.offset });
  }

  @Get('export')
  @AnyStaff()
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="activities-qualification.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The same report (same filters, not paged) as CSV', schema: { type: 'string' } })
  export(@Query() q: ActivityQueryDto): Promise<string> {
    return this.activities.report(q);
  }

  @Get(':id')
  @AnyStaff()
  @ApiOkResponse({ type: ActivityDto })
  @ApiNotFoundResponse()
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ActivityDto> {
    return this.activities.get(id);
  }

  @Patch(':id')
  @Roles('planner')
  @ApiOkResponse({ type: ActivityDto, description: 'Staff decisions: consent, camera plan, audience participation. Re-imports keep them.' })
  @ApiNotFoundResponse()
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateActivityDto, @CurrentUser() user: AuthUser): Promise<ActivityDto> {
    return this.activities.update(id, body, user.id);
  }

  @Put(':id/verdict')
  @Roles('planner')
  @ApiOkResponse({ type: ActivityDto, description: 'Overrides the computed verdict, with a note (kept in the audit log)' })
  @ApiNotFoundResponse()
  setVerdict(@Param('id', ParseUUIDPipe) id: string, @Body() body: SetVerdictDto, @CurrentUser() user: AuthUser): Promise<ActivityDto> {
    return this.activities.setVerdict(id, body, user.id);
  }

  @Delete(':id/verdict')
  @Roles('planner')
  @ApiOkResponse({ type: ActivityDto, description: 'Removes the override: the computed verdict applies again' })
  @ApiNotFoundResponse()
  clearVerdict(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<ActivityDto> {
    return this.activities.clearVerdict(id, user.id);
  }
}

@ApiTags('activities')
@Controller('qualification/settings')
export class QualificationSettingsController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  @AnyStaff()
  @ApiOkResponse({ type: QualificationSettingsDto })
  get(): Promise<QualificationSettingsDto> {
    return this.activities.settings();
  }

  @Put()
  @Roles('admin')
  @ApiOkResponse({ type: QualificationSettingsDto, description: 'New weights and threshold; every verdict is computed with them from now on' })
  save(@Body() body: QualificationSettingsDto, @CurrentUser() user: AuthUser): Promise<QualificationSettingsDto> {
    return this.activities.saveSettings(body, user.id);
  }
}
