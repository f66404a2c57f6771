import { Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { contentTypeFor } from '@app/storage';
import { AnyStaff, Public, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { LiveStatusDto } from './live.dto';
import { LiveService } from './live.service';

const id = () => Param('id', ParseUUIDPipe);

@ApiTags('live')
@Controller()
export class LiveController {
  constructor(private readonly live: LiveService) {}

  @Get('broadcasts/:id/live')
  @AnyStaff()
  @ApiOperation({ summary: 'Control room: ingest state, bitrate, fps, dropped frames, viewers and restream states' })
  @ApiOkResponse({ type: LiveStatusDto })
  @ApiNotFoundResponse()
  status(@id() broadcastId: string): Promise<LiveStatusDto> {
    return this.live.status(broadcastId);
  }

  @Post('broadcasts/:id/live/stop')
  @Roles('planner', 'producer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop the stream now: the encoder is disconnected, the broadcast ends and its recording is saved' })
  @ApiOkResponse({ type: LiveStatusDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Nothing is being streamed for this broadcast' })
  stop(@id() broadcastId: string, @CurrentUser() user: AuthUser): Promise<LiveStatusDto> {
    return this.live.stop(broadcastId, user.id);
  }

  @Get('live/:id/:file')
  @Public()
  @ApiOperation({
    summary: 'The live HLS stream: index.m3u8 and its segments',
    description: 'Playlists are never cached; segments for a few seconds. Broadcasts that are not public need a staff bearer token.',
  })
  @ApiParam({ name: 'file', example: 'index.m3u8' })
  @ApiProduces('application/vnd.apple.mpegurl', 'video/mp2t')
  @ApiOkResponse({ description: 'The playlist or segment' })
  @ApiNotFoundResponse({ description: 'The broadcast is not live, or the segment is gone' })
  async file(@id() broadcastId: string, @Param('file') file: string, @Headers('authorization') authorization: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const full = await this.live.hlsFile(broadcastId, file, authorization);
    const playlist = file.endsWith('.m3u8');
    if (playlist) this.live.countViewer(broadcastId, req.ip ?? '', req.headers['user-agent'] ?? '');
    res.setHeader('Content-Type', contentTypeFor(file));
    res.setHeader('Cache-Control', playlist ? 'no-cache, no-store' : 'public, max-age=10');
    await pipeline(createReadStream(full), res).catch((err: NodeJS.ErrnoException) => {
      // A player that falls behind or leaves aborts the segment it was fetching: normal, not a server error.
      if (err.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
    });
  }
}
