import { Controller, Get, Headers, NotFoundException, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiPartialContentResponse, ApiProduces, ApiRequestedRangeNotSatisfiableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { mediaKey } from '@app/storage';
import { AnyStaff } from '../auth/access.decorators';
import { MediaAssetDto } from './dto/media-asset.dto';
import { MediaService } from './media.service';

const FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Get(':id')
  @AnyStaff()
  @ApiOperation({ summary: 'A media asset: its status, why it was rejected, and what the probe found' })
  @ApiOkResponse({ type: MediaAssetDto })
  @ApiNotFoundResponse({ description: 'No such asset' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<MediaAssetDto> {
    return MediaAssetDto.from(await this.media.get(id));
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
    summary: 'A file made from the asset: HLS playlists and segments, poster, storyboard',
    description: 'Supports Range requests. Segments are cached for a year (they never change); playlists for 2 seconds.',
  })
  @ApiParam({ name: 'path', example: 'hls/720p/segment-00001.m4s' })
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
