import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AnyStaff, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { siteBase } from '../public/site-urls';
import { PublicationDto, PublishDto, RejectDto, UnpublishDto, UpdatePublicationDto } from './publication.dto';
import { PublicationService } from './publication.service';

const refusals = () =>
  applyDecorators(
    ApiNotFoundResponse({ description: 'No such episode' }),
    ApiConflictResponse({ description: 'Not possible in the episode’s state, or its recording is not ready; the message says why' }),
  );

@ApiTags('publication')
@Controller('episodes')
export class PublicationController {
  constructor(
    private readonly publication: PublicationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id/publication')
  @AnyStaff()
  @ApiOperation({ summary: 'Review and publication state, schedule, public address and published metadata of an episode' })
  @ApiOkResponse({ type: PublicationDto })
  @ApiNotFoundResponse({ description: 'No such episode' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser, @Req() req: Request): Promise<PublicationDto> {
    return this.publication.get(id, user, siteBase(this.config, req));
  }

  @Patch(':id/publication')
  @Roles('producer', 'editor')
  @ApiOperation({ summary: 'Change tags, transcript, chapters, or the web address before the first publication' })
  @ApiOkResponse({ type: PublicationDto })
  @ApiNotFoundResponse({ description: 'No such episode' })
  @ApiConflictResponse({ description: 'The web address is taken, or fixed because the episode was published' })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdatePublicationDto, @CurrentUser() user: AuthUser, @Req() req: Request): Promise<PublicationDto> {
    return this.publication.update(id, body, user, siteBase(this.config, req));
  }

  @Post(':id/submit')
  @Roles('producer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a draft for review (moves the board card to review)' })
  @ApiOkResponse({ type: PublicationDto })
  @refusals()
  submit(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser, @Req() req: Request): Promise<PublicationDto> {
    return this.publication.act(id, { action: 'submit' }, user, siteBase(this.config, req));
  }

  @Post(':id/approve')
  @Roles('editor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve an episode in review; its recording must be ready' })
  @ApiOkResponse({ type: PublicationDto })
  @refusals()
  approve(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser, @Req() req: Request): Promise<PublicationDto> {
    return this.publication.act(id, { action: 'approve' }, user, siteBase(this.config, req));
  }

  @Post(':id/reject')
  @Roles('editor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send an episode back to the producer with a comment (back to draft; board card to editing)' })
  @ApiOkResponse({ type: PublicationDto })
  @ApiBadRequestResponse({ description: 'No comment' })
  @refusals()
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() body: RejectDto, @CurrentUser() user: AuthUser, @Req() req: Request): Promise<PublicationDto> {
    return this.publication.act(id, { action: 'reject', comment: body.comment }, user, siteBase(this.config, req));
  }

  @Post(':id/publish')
  @Roles('editor')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish now, or schedule it with publishAt (sending again moves the time); on a published episode, change its visibility',
  })
  @ApiOkResponse({ type: PublicationDto })
  @ApiBadRequestResponse({ description: 'The time has passed, or comes after the scheduled unpublish' })
  @refusals()
  publish(@Param('id', ParseUUIDPipe) id: string, @Body() body: PublishDto, @CurrentUser() user: AuthUser, @Req() req: Request): Promise<PublicationDto> {
    const publishAt = body.publishAt ? new Date(body.publishAt) : undefined;
    return this.publication.act(id, { action: 'publish', visibility: body.visibility, publishAt }, user, siteBase(this.config, req));
  }

  @Post(':id/unpublish')
  @Roles('editor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a published episode offline now, or at a time (sending again moves the time)' })
  @ApiOkResponse({ type: PublicationDto })
  @ApiBadRequestResponse({ description: 'The time has passed, or comes before the scheduled publication' })
  @refusals()
  unpublish(@Param('id', ParseUUIDPipe) id: string, @Body() body: UnpublishDto, @CurrentUser() user: AuthUser, @Req() req: Request): Promise<PublicationDto> {
    return this.publication.act(id, { action: 'unpublish', at: body.at ? new Date(body.at) : undefined }, user, siteBase(this.config, req));
  }

  @Post(':id/retire')
  @Roles('editor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire an episode for good: offline, and nothing scheduled' })
  @ApiOkResponse({ type: PublicationDto })
  @refusals()
  retire(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser, @Req() req: Request): Promise<PublicationDto> {
    return this.publication.act(id, { action: 'retire' }, user, siteBase(this.config, req));
  }

  @Delete(':id/schedule')
  @Roles('editor')
  @ApiOperation({ summary: 'Cancel the scheduled publish and unpublish' })
  @ApiOkResponse({ type: PublicationDto })
  @refusals()
  cancelSchedule(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser, @Req() req: Request): Promise<PublicationDto> {
    return this.publication.act(id, { action: 'cancel_schedule' }, user, siteBase(this.config, req));
  }
}
