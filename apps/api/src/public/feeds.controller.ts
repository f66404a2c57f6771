import { Controller, Get, Header, HttpException, HttpStatus, Inject, NotFoundException, Param, Query, Req } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Public } from '../auth/access.decorators';
import { embedIframe, embedSize, rssFeed, sitemap } from './feeds';
import { PUBLIC_CACHE } from './public.controller';
import { OembedDto, OembedQueryDto } from './public.dto';
import { PublicService } from './public.service';
import { siteBase, siteUrls } from './site-urls';

/** Ways other sites and apps pick up the videos: RSS, oEmbed for iframes, a sitemap for search engines. */
@ApiTags('public')
@Controller('public')
export class FeedsController {
  constructor(
    private readonly publicSite: PublicService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('feeds/all.rss')
  @Public()
  @Header('Content-Type', 'application/rss+xml; charset=utf-8')
  @Header('Cache-Control', PUBLIC_CACHE)
  @ApiOperation({ summary: 'RSS 2.0 feed of the newest published videos, with the HLS playlist as enclosure' })
  @ApiProduces('application/rss+xml')
  @ApiOkResponse({ description: 'RSS 2.0' })
  async all(@Req() req: Request): Promise<string> {
    const base = siteBase(this.config, req);
    const urls = siteUrls(base);
    const { items } = (await this.publicSite.feedItems(base))!;
    return rssFeed({ title: `${this.config.PUBLIC_SITE_NAME}: video’s`, description: `Uitlegvideo’s van ${this.config.PUBLIC_SITE_NAME}`, url: urls.home, feedUrl: urls.feed(), language: 'nl', items });
  }

  @Get('feeds/series/:slug.rss')
  @Public()
  @Header('Content-Type', 'application/rss+xml; charset=utf-8')
  @Header('Cache-Control', PUBLIC_CACHE)
  @ApiOperation({ summary: 'RSS 2.0 feed of one series' })
  @ApiProduces('application/rss+xml')
  @ApiOkResponse({ description: 'RSS 2.0' })
  @ApiNotFoundResponse({ description: 'No such series, or nothing of it is published' })
  async series(@Param('slug') slug: string, @Req() req: Request): Promise<string> {
    const base = siteBase(this.config, req);
    const feed = await this.publicSite.feedItems(base, slug);
    if (!feed?.series) throw new NotFoundException('There is no series at this address, or it has no published videos.');
    const { series, items } = feed;
    return rssFeed({ title: series.title, description: series.description, url: series.url, feedUrl: series.feedUrl, language: series.language, items });
  }

  @Get('sitemap.xml')
  @Public()
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @Header('Cache-Control', PUBLIC_CACHE)
  @ApiOperation({ summary: 'Sitemap of the public pages (home, series, listed videos)' })
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'sitemaps.org 0.9' })
  async sitemap(@Req() req: Request): Promise<string> {
    return sitemap(await this.publicSite.sitemapPages(siteBase(this.config, req)));
  }

  @Get('oembed')
  @Public()
  @Header('Cache-Control', PUBLIC_CACHE)
  @ApiOperation({ summary: 'oEmbed for a watch or embed page URL: an iframe with the player' })
  @ApiOkResponse({ type: OembedDto })
  @ApiNotFoundResponse({ description: 'Not a published video of this site' })
  async oembed(@Query() query: OembedQueryDto, @Req() req: Request): Promise<OembedDto> {
    if (query.format === 'xml') throw new HttpException('Only the json format is offered.', HttpStatus.NOT_IMPLEMENTED);
    const base = siteBase(this.config, req);
    const url = new URL(query.url);
    const site = new URL(`${base}/`);
    const path = url.pathname.startsWith(site.pathname) ? url.pathname.slice(site.pathname.length) : null;
    const slug = url.origin === site.origin && path ? /^(?:videos?|embed)\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(path)?.[1] : undefined;
    if (!slug) throw new NotFoundException('This is not the address of a video on this site.');
    const video = await this.publicSite.video(slug, base);
    const size = embedSize(query.maxwidth, query.maxheight);
    return {
      type: 'video',
      version: '1.0',
      title: video.title,
      author_name: video.series.title,
      author_url: siteUrls(base).series(video.series.slug),
      provider_name: this.config.PUBLIC_SITE_NAME,
      provider_url: siteUrls(base).home,
      html: embedIframe(video.embedUrl, video.title, size),
      ...size,
    };
  }
}
