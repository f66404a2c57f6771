import { Body, Controller, Get, Headers, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPartialContentResponse,
  ApiProduces,
  ApiRequestedRangeNotSatisfiableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { mediaKey } from '@app/storage';
import { AnyStaff, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/access.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { MediaAssetDto } from './dto/media-asset.dto';
import { PosterChoiceDto } from './dto/poster.dto';
import { MediaProcessingService } from './media-processing.service';
import { MediaService } from './media.service';

const FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(
    private readonly media: MediaService,
    private readonly processing: MediaProcessingService,
  ) {}

  @Get(':id')
  @AnyStaff()
  @ApiOperation({ summary: 'A media asset: its status, why it was rejected, and what the probe found' })
  @ApiOkResponse({ type: MediaAssetDto })
  @ApiNotFoundResponse({ description: 'No such asset' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<MediaAssetDto> {
    return MediaAssetDto.from(await this.media.get(id));
  }

  @Get(':id/events')
  @AnyStaff()
  @ApiOperation({
    summary: 'Server-sent events: status and progress (percent, ETA) of the processing as it changes',
    description:
      'Each `progress` event carries a MediaProgressDto as JSON; the stream ends after the asset reaches ready, failed or ' +
      'rejected. Authenticate with the usual `Authorization: Bearer` header: read it with fetch() and a stream reader ' +
      '(EventSource cannot send headers, and a token in the address would end up in logs).',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An event stream of `progress` events' })
  @ApiNotFoundResponse({ description: 'No such asset' })
  async events(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    await this.media.events(id, res);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('producer')
  @ApiOperation({ summary: 'Stop processing a recording and remove everything it made so far' })
  @ApiOkResponse({ type: MediaAssetDto, description: 'The asset, now failed with reason code `cancelled`' })
  @ApiConflictResponse({ description: 'The recording is not waiting for or in processing' })
  @ApiNotFoundResponse({ description: 'No such asset' })
  async cancel(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<MediaAssetDto> {
    return MediaAssetDto.from(await this.processing.cancel(id, user));
  }

  @Post(':id/retranscode')
  @HttpCode(202)
  @Roles('producer')
  @ApiOperation({ summary: 'Process a processed, failed or cancelled recording again from the start' })
  @ApiAcceptedResponse({ type: MediaAssetDto, description: 'The asset, queued for processing' })
  @ApiConflictResponse({ description: 'The recording is being processed, or was never checked successfully' })
  @ApiNotFoundResponse({ description: 'No such asset' })
  async retranscode(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<MediaAssetDto> {
    return MediaAssetDto.from(await this.processing.retranscode(id, user));
  }

  @Put(':id/poster')
  @HttpCode(202)
  @Roles('producer')
  @ApiOperation({
    summary: 'Choose the moment of a processed recording whose picture becomes its poster',
    description: 'The poster is rendered in the background and replaces the old one at the same address; then `posterUrl` carries a higher `?v=`.',
  })
  @ApiAcceptedResponse({ type: MediaAssetDto, description: 'The asset with the chosen moment; the new poster follows within seconds' })
  @ApiBadRequestResponse({ description: '`atSeconds` is not a number of seconds within the recording' })
  @ApiConflictResponse({ description: 'The recording is not processed (ready), or is sound only' })
  @ApiNotFoundResponse({ description: 'No such asset' })
  async poster(@Param('id', ParseUUIDPipe) id: string, @Body() body: PosterChoiceDto, @CurrentUser() user: AuthUser): Promise<MediaAssetDto> {
    return MediaAssetDto.from(await this.processing.choosePoster(id, body.atSeconds, user));
  }

  @Get(':id/source')
  @AnyStaff()
  @ApiOperation({ summary: 'The uploaded recording itself, for preview (supports Range requests)' })
  @ApiProduces('application/octet-stream', 'video/mp4')
  @ApiOkResponse({ description: 'The whole file' })
  @ApiPartialContentResponse({ description: 'The requested byte range' })
  @ApiRequestedRangeNotSatisfiableResponse({ description: 'The range lies outside the file' })
  @ApiNotFoundResponse({ description: 'No such asset, or its bytes were deleted (rejected) or are still arriving' })
  async source(@Param('id', ParseUUIDPipe) id: string, @Headers('range') range: string | undefined, @Res() res: Response): Promise<void> {
    const asset = await this.media.get(id);
    if (asset.status === 'uploading' || asset.status === 'rejected') {
      throw new NotFoundException(asset.status === 'rejected' ? 'This file was rejected and deleted.' : 'This file is still being uploaded.');
    }
    await this.media.send(asset.sourceKey, range, res, asset.filename);
  }

  @Get(':id/files/*path')
  @AnyStaff()
  @ApiOperation({
    summary: 'A file made from the asset: HLS playlists and segments, poster, storyboard, captions, chapters',
    description: 'Supports Range requests. Segments are cached for a year (they never change); playlists for 2 seconds.',
  })
  @ApiParam({ name: 'path', example: 'hls/v720/seg_00001.m4s' })
  @ApiProduces('application/vnd.apple.mpegurl', 'video/iso.segment', 'video/mp2t', 'image/jpeg', 'text/vtt')
  @ApiOkResponse({ description: 'The whole file' })
  @ApiPartialContentResponse({ description: 'The requested byte range' })
  @ApiRequestedRangeNotSatisfiableResponse({ description: 'The range lies outside the file' })
  @ApiNotFoundResponse({ description: 'No such file' })
  async file(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('path') path: string[] | string,
    @Headers('range') range: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const segments = Array.isArray(path) ? path : path.split('/');
    if (!segments.length || !segments.every((s) => FILE.test(s))) throw new NotFoundException('There is no such file.');
    await this.media.send(mediaKey(id, segments.join('/')), range, res);
  }
}
