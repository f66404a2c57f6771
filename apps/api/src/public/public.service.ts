import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AssetCaption, AssetChapter, Chapter, TranscriptCue } from '@app/db';
import { versionedUrl } from '@app/storage';
import { FeedItem } from './feeds';
import { PAGE_SIZE, PublicSeriesDetailDto, PublicSeriesDto, PublicVideoDto, PublicVideoPageDto, PublicVideoQueryDto, PublicVideoSummaryDto } from './public.dto';
import { siteUrls } from './site-urls';

/** Published on the public site: by link (unlisted) or also listed and searchable (public). Never internal or unpublished. */
const ON_SITE = `e.publication_state = 'published' AND e.visibility IN ('public', 'unlisted')`;
const LISTED = `e.publication_state = 'published' AND e.visibility = 'public'`;

/** The only columns a public answer is made from. */
const SUMMARY_COLUMNS = `
  e.public_slug AS slug, e.title, e.description, e.tags, e.published_at AS "publishedAt", e.updated_at AS "updatedAt",
  s.slug AS "seriesSlug", s.title AS "seriesTitle", s.language, s.category, a.duration_s AS "durationS", a.poster_file AS "posterFile",
  a.poster_version AS "posterVersion"`;
const FROM = `
  FROM episodes e
  JOIN series s ON s.id = e.series_id
  JOIN media_assets a ON a.id = e.published_asset_id`;

/** Where the transcoder puts an asset's HLS master playlist (see @app/storage mediaKey). */
export const HLS_MASTER = 'hls/master.m3u8';
const FEED_SIZE = 50;

interface SummaryRow {
  slug: string;
  title: string;
  description: string;
  tags: string[];
  publishedAt: Date;
  updatedAt: Date;
  seriesSlug: string;
  seriesTitle: string;
  language: string;
  category: string;
  durationS: number | null;
  posterFile: string | null;
  /** Goes up when a chosen poster replaces the file: the URL's `?v=`, since images are cached for a year. */
  posterVersion: number;
}

interface VideoRow extends SummaryRow {
  visibility: string;
  transcript: TranscriptCue[];
  chapters: Chapter[];
  storyboardFile: string | null;
  captions: AssetCaption[];
  assetChapters: AssetChapter[];
}

interface SeriesRow {
  slug: string;
  title: string;
  description: string;
  audience: string;
  language: string;
  category: string;
  videoCount: number;
  latestPublishedAt: Date;
}

/** What patrons may see, read without logging in. Every answer is assembled from allow-listed columns only. */
@Injectable()
export class PublicService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async videos(query: PublicVideoQueryDto, base: string): Promise<PublicVideoPageDto> {
    const params: unknown[] = [];
    const where = [LISTED];
    const param = (v: unknown) => `$${params.push(v)}`;
    let rank = '';
    if (query.q) {
      const q = param(query.q);
      where.push(`e.search @@ (websearch_to_tsquery('dutch', ${q}) || websearch_to_tsquery('english', ${q}))`);
      rank = `ts_rank(e.search, websearch_to_tsquery('dutch', ${q}) || websearch_to_tsquery('english', ${q})) DESC, `;
    }
    if (query.series) where.push(`s.slug = ${param(query.series)}`);
    if (query.category) where.push(`lower(s.category) = lower(${param(query.category)})`);
    if (query.lang) where.push(`s.language = ${param(query.lang)}`);
    const filter = `${FROM} WHERE ${where.join(' AND ')}`;
    const [[{ total }], rows] = await Promise.all([
      this.ds.query(`SELECT count(*)::int AS total ${filter}`, params) as Promise<{ total: number }[]>,
      this.ds.query(
        `SELECT ${SUMMARY_COLUMNS} ${filter} ORDER BY ${rank}e.published_at DESC, e.public_slug LIMIT ${PAGE_SIZE} OFFSET ${(query.page - 1) * PAGE_SIZE}`,
        params,
      ) as Promise<SummaryRow[]>,
    ]);
    return { items: rows.map((r) => this.summary(r, base)), total, page: query.page, pageSize: PAGE_SIZE };
  }

  async video(slug: string, base: string): Promise<PublicVideoDto> {
    const [row]: VideoRow[] = await this.ds.query(
      `SELECT ${SUMMARY_COLUMNS}, e.visibility, e.transcript, e.chapters, a.storyboard_file AS "storyboardFile", a.captions, a.chapters AS "assetChapters"
       ${FROM} WHERE ${ON_SITE} AND e.public_slug = $1`,
      [slug],
    );
    if (!row) throw new NotFoundException('There is no video at this address. It may have been taken offline.');
    const urls = siteUrls(base);
    return {
      ...this.summary(row, base),
      listed: row.visibility === 'public',
      hlsUrl: urls.file(slug, HLS_MASTER),
      embedUrl: urls.embed(slug),
      storyboardUrl: row.storyboardFile && urls.file(slug, row.storyboardFile),
      captions: row.captions.map((c) => ({ language: c.lang, label: c.label, url: urls.file(slug, c.file) })),
      transcript: row.transcript.map((c) => ({ startS: c.startS, text: c.text })),
      // The episode's own chapters, else those made for the recording.
      chapters: (row.chapters.length ? row.chapters : row.assetChapters).map((c) => ({ startS: c.startS, title: c.title })),
    };
  }

  /** The recording behind a published public or unlisted video, for serving its playlists, segments and images. */
  async assetFor(slug: string): Promise<string> {
    const [row]: { id: string }[] = await this.ds.query(`SELECT a.id ${FROM} WHERE ${ON_SITE} AND e.public_slug = $1`, [slug]);
    if (!row) throw new NotFoundException('There is no video at this address. It may have been taken offline.');
    return row.id;
  }

  async seriesList(base: string): Promise<PublicSeriesDto[]> {
    const rows: SeriesRow[] = await this.ds.query(`${this.seriesSelect()} GROUP BY s.id ORDER BY max(e.published_at) DESC, s.title`);
    return rows.map((r) => this.series(r, base));
  }

  async seriesDetail(slug: string, base: string): Promise<PublicSeriesDetailDto> {
    const row = await this.seriesRow(slug);
    if (!row) throw new NotFoundException('There is no series at this address, or it has no published videos.');
    const videos: SummaryRow[] = await this.ds.query(`SELECT ${SUMMARY_COLUMNS} ${FROM} WHERE ${LISTED} AND s.slug = $1 ORDER BY e.published_at, e.public_slug`, [slug]);
    return { ...this.series(row, base), videos: videos.map((v) => this.summary(v, base)) };
  }

  /** The newest listed videos (of one series), for RSS. Null when the series has none. */
  async feedItems(base: string, seriesSlug?: string): Promise<{ series: PublicSeriesDto | null; items: FeedItem[] } | null> {
    const row = seriesSlug ? await this.seriesRow(seriesSlug) : null;
    if (seriesSlug && !row) return null;
    const rows: SummaryRow[] = await this.ds.query(
      `SELECT ${SUMMARY_COLUMNS} ${FROM} WHERE ${LISTED} ${seriesSlug ? 'AND s.slug = $1' : ''} ORDER BY e.published_at DESC LIMIT ${FEED_SIZE}`,
      seriesSlug ? [seriesSlug] : [],
    );
    const urls = siteUrls(base);
    return {
      series: row && this.series(row, base),
      items: rows.map((r) => ({
        title: r.title,
        description: r.description,
        url: urls.video(r.slug),
        publishedAt: r.publishedAt,
        category: r.category,
        enclosure: { url: urls.file(r.slug, HLS_MASTER), type: 'application/vnd.apple.mpegurl', length: 0 },
      })),
    };
  }

  /** Every listed page: home, series pages, watch pages. */
  async sitemapPages(base: string): Promise<{ url: string; modified: Date | null }[]> {
    const urls = siteUrls(base);
    const [series, videos] = await Promise.all([this.seriesList(base), this.ds.query(`SELECT e.public_slug AS slug, e.updated_at AS "updatedAt" ${FROM} WHERE ${LISTED} ORDER BY e.published_at DESC`) as Promise<{ slug: string; updatedAt: Date }[]>]);
    return [
      { url: urls.home, modified: null },
      ...series.map((s) => ({ url: s.url, modified: s.latestPublishedAt })),
      ...videos.map((v) => ({ url: urls.video(v.slug), modified: v.updatedAt })),
    ];
  }

  private async seriesRow(slug: string): Promise<SeriesRow | null> {
    const [row]: SeriesRow[] = await this.ds.query(`${this.seriesSelect()} AND s.slug = $1 GROUP BY s.id`, [slug]);
    return row ?? null;
  }

  private seriesSelect(): string {
    return `
      SELECT s.slug, s.title, s.description, s.audience, s.language, s.category,
             count(*)::int AS "videoCount", max(e.published_at) AS "latestPublishedAt"
      ${FROM} WHERE ${LISTED}`;
  }

  private series(r: SeriesRow, base: string): PublicSeriesDto {
    const urls = siteUrls(base);
    return {
      slug: r.slug,
      title: r.title,
      description: r.description,
      audience: r.audience,
      language: r.language,
      category: r.category,
      videoCount: r.videoCount,
      latestPublishedAt: r.latestPublishedAt,
      url: urls.series(r.slug),
      feedUrl: urls.feed(r.slug),
    };
  }

  private summary(r: SummaryRow, base: string): PublicVideoSummaryDto {
    return {
      slug: r.slug,
      title: r.title,
      description: r.description,
      series: { slug: r.seriesSlug, title: r.seriesTitle },
      language: r.language,
      category: r.category,
      tags: r.tags,
      durationS: r.durationS,
      posterUrl: r.posterFile && versionedUrl(siteUrls(base).file(r.slug, r.posterFile), r.posterVersion),
      publishedAt: r.publishedAt,
      url: siteUrls(base).video(r.slug),
    };
  }
}
