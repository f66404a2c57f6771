import { Controller, Get, Header, Headers, Inject, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiPartialContentResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@app/config';
import { mediaKey } from '@app/storage';
import { Public } from '../auth/access.decorators';
import { MediaService } from '../media/media.service';
import { PublicSeriesDetailDto, PublicSeriesListDto, PublicVideoDto, PublicVideoPageDto, PublicVideoQueryDto } from './public.dto';
import { PublicService } from './public.service';
import { siteBase } from './site-urls';

/** Short, so taking a video offline reaches patrons within a minute; ETags make revalidation cheap (304). */
export const PUBLIC_CACHE = 'public, max-age=60';
const FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const PLAYABLE = /\.(m3u8|m4s|ts|mp4|m4a|aac|vtt|jpg|jpeg|png|webp)$/i;
const notFound = () => new NotFoundException('There is no video at this address. It may have been taken offline.');

@ApiTags('public')
@Controller('public')
export class PublicController {
  constructor(
    private readonly publicSite: PublicService,
    private readonly media: MediaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('videos')
  @Public()
  @Header('Cache-Control', PUBLIC_CACHE)
  @ApiOperation({ summary: 'Published, listed videos, newest first; with q, best match first (Dutch and English word forms)' })
  @ApiOkResponse({ type: PublicVideoPageDto })
  videos(@Query() query: PublicVideoQueryDto, @Req() req: Request): Promise<PublicVideoPageDto> {
    return this.publicSite.videos(query, siteBase(this.config, req));
  }

  @Get('videos/:slug')
  @Public()
  @Header('Cache-Control', PUBLIC_CACHE)
  @ApiOperation({ summary: 'One published video (listed or unlisted) with what the player needs' })
  @ApiOkResponse({ type: PublicVideoDto })
  @ApiNotFoundResponse({ description: 'No published video at this address' })
  video(@Param('slug') slug: string, @Req() req: Request): Promise<PublicVideoDto> {
    return this.publicSite.video(slug, siteBase(this.config, req));
  }

  @Get('videos/:slug/files/*path')
  @Public()
  @ApiOperation({ summary: 'The HLS playlists and segments (and images, captions) of a published video; supports Range requests' })
  @ApiParam({ name: 'path', example: 'hls/master.m3u8' })
  @ApiProduces('application/vnd.apple.mpegurl', 'video/iso.segment', 'video/mp2t', 'text/vtt', 'image/jpeg')
  @ApiOkResponse({ description: 'The whole file' })
  @ApiPartialContentResponse({ description: 'The requested byte range' })
  @ApiNotFoundResponse({ description: 'No published video at this address, or no such file' })
  async file(
    @Param('slug') slug: string,
    @Param('path') path: string[] | string,
    @Headers('range') range: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const segments = Array.isArray(path) ? path : path.split('/');
    if (!segments.length || !segments.every((s) => FILE.test(s)) || !PLAYABLE.test(segments[segments.length - 1])) throw notFound();
    const assetId = await this.publicSite.assetFor(slug);
    await this.media.send(mediaKey(assetId, segments.join('/')), range, res);
  }

  @Get('series')
  @Public()
  @Header('Cache-Control', PUBLIC_CACHE)
  @ApiOperation({ summary: 'Series with at least one published, listed video; most recently updated first' })
  @ApiOkResponse({ type: PublicSeriesListDto })
  async seriesList(@Req() req: Request): Promise<PublicSeriesListDto> {
    return { items: await this.publicSite.seriesList(siteBase(this.config, req)) };
  }

  @Get('series/:slug')
  @Public()
  @Header('Cache-Control', PUBLIC_CACHE)
  @ApiOperation({ summary: 'A series with its published, listed videos' })
  @ApiOkResponse({ type: PublicSeriesDetailDto })
  @ApiNotFoundResponse({ description: 'No such series, or nothing of it is published' })
  series(@Param('slug') slug: string, @Req() req: Request): Promise<PublicSeriesDetailDto> {
    return this.publicSite.seriesDetail(slug, siteBase(this.config, req));
  }
}
