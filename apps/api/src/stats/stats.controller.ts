import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Throttle, ThrottlerException, ThrottlerGuard } from '@nestjs/throttler';
import { Public, Roles } from '../auth/access.decorators';
import { StatsQueryDto, VideoStatsListDto, ViewBeaconDto } from './stats.dto';
import { StatsService } from './stats.service';

/** Per client address and minute, kept in memory only. A branch full of patrons shares one address, so it is generous. */
export const VIEW_BEACONS_PER_MINUTE = 120;

class ViewBeaconThrottlerGuard extends ThrottlerGuard {
  protected async throwThrottlingException(): Promise<void> {
    throw new ThrottlerException('Too many views reported from this address. Wait a minute.');
  }
}

@ApiTags('stats')
@Controller()
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Post('public/videos/:slug/views')
  @Public()
  @HttpCode(204)
  @UseGuards(ViewBeaconThrottlerGuard)
  @Throttle({ default: { limit: VIEW_BEACONS_PER_MINUTE, ttl: 60_000 } })
  @ApiOperation({ summary: 'Count one view of a published video; no cookie, IP address or user agent is stored' })
  @ApiNoContentResponse({ description: 'Counted' })
  @ApiNotFoundResponse({ description: 'No published video at this address' })
  @ApiTooManyRequestsResponse({ description: 'Too many views from one address within a minute' })
  async view(@Param('slug') slug: string, @Body() body: ViewBeaconDto): Promise<void> {
    await this.stats.recordView(slug, body);
  }

  @Get('stats/videos')
  @Roles('editor')
  @ApiOperation({ summary: 'Views and average watch-through per video over a period' })
  @ApiOkResponse({ type: VideoStatsListDto })
  videos(@Query() query: StatsQueryDto): Promise<VideoStatsListDto> {
    return this.stats.videos(query);
  }
}
