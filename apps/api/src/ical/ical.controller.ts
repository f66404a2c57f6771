import { Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AnyStaff, Public, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { FeedUrlDto } from './ical.dto';
import { IcalService } from './ical.service';

const base = (req: Request) => `${req.protocol}://${req.get('host')}`;

@ApiTags('calendar feeds')
@Controller('ical')
export class IcalController {
  constructor(private readonly ical: IcalService) {}

  @Post('users/:userId/token')
  @AnyStaff()
  @HttpCode(201)
  @ApiOperation({ summary: 'Make a new secret calendar address for a staff member (themself or, for anyone, an admin)' })
  @ApiCreatedResponse({ type: FeedUrlDto })
  @ApiForbiddenResponse({ description: 'Not your own calendar and not an admin' })
  @ApiNotFoundResponse()
  userToken(@Param('userId', ParseUUIDPipe) userId: string, @CurrentUser() user: AuthUser, @Req() req: Request): Promise<FeedUrlDto> {
    return this.ical.rotate('users', userId, user, base(req));
  }

  @Post('rooms/:roomId/token')
  @Roles('planner')
  @HttpCode(201)
  @ApiOperation({ summary: 'Make a new secret calendar address for a room' })
  @ApiCreatedResponse({ type: FeedUrlDto })
  @ApiNotFoundResponse()
  roomToken(@Param('roomId', ParseUUIDPipe) roomId: string, @CurrentUser() user: AuthUser, @Req() req: Request): Promise<FeedUrlDto> {
    return this.ical.rotate('rooms', roomId, user, base(req));
  }

  @Get('users/:token.ics')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiOperation({ summary: "A staff member's broadcasts as iCalendar (subscribe in a calendar app)" })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar' })
  @ApiNotFoundResponse({ description: 'Unknown or replaced address' })
  userFeed(@Param('token') token: string): Promise<string> {
    return this.ical.feed('users', token);
  }

  @Get('rooms/:token.ics')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiOperation({ summary: "A room's broadcasts as iCalendar (subscribe in a calendar app)" })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar' })
  @ApiNotFoundResponse({ description: 'Unknown or replaced address' })
  roomFeed(@Param('token') token: string): Promise<string> {
    return this.ical.feed('rooms', token);
  }
}
