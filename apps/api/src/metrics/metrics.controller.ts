import { Controller, Get, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { AdminAccess, QUEUE_VIEW_COOKIE, QUEUE_VIEW_PATH, QUEUE_VIEW_TTL_S } from './admin-access';
import { MetricsService } from './metrics.service';

class QueueViewSessionDto {
  @ApiProperty({ example: '/api/admin/queues', description: 'Open this address in the same browser' }) url: string;
  @ApiProperty() expiresAt: Date;
}

@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly access: AdminAccess,
  ) {}

  @Get('metrics')
  @Public()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Prometheus metrics: jobs per queue and state, job durations and failures',
    description: "Send an administrator's bearer token, or METRICS_TOKEN as the bearer token (for Prometheus' `authorization` setting).",
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format' })
  @ApiUnauthorizedResponse({ description: 'No or an invalid token' })
  @ApiForbiddenResponse({ description: 'Not an administrator' })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    await this.access.metrics(authorization);
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await this.metrics.registry.metrics());
  }

  @Post('admin/queue-view/session')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Opens the queue view (Bull Board at /api/admin/queues) for an hour in this browser',
    description: 'Sets an HttpOnly cookie limited to /api/admin/queues, because a browser tab opening the page sends no bearer token.',
  })
  @ApiOkResponse({ type: QueueViewSessionDto })
  async queueViewSession(@CurrentUser() user: AuthUser, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<QueueViewSessionDto> {
    const token = await this.access.queueViewToken(user);
    res.cookie(QUEUE_VIEW_COOKIE, token, { path: QUEUE_VIEW_PATH, httpOnly: true, sameSite: 'strict', secure: req.secure, maxAge: QUEUE_VIEW_TTL_S * 1000 });
    return { url: QUEUE_VIEW_PATH, expiresAt: new Date(Date.now() + QUEUE_VIEW_TTL_S * 1000) };
  }
}
