import type { Request } from 'express';
import type { AppConfig } from '@app/config';

/** The address patrons use: PUBLIC_URL when set, otherwise the origin the request came in on. No trailing slash. */
export function siteBase(config: AppConfig, req: Request): string {
  return (config.PUBLIC_URL ?? `${req.protocol}://${req.get('host')}`).replace(/\/+$/, '');
}

/** The patron portal's pages (apps/dashboard/src/app/portal/portal.routes.ts) and the public API's files, as absolute URLs. */
export function siteUrls(base: string) {
  return {
    home: `${base}/`,
    video: (slug: string) => `${base}/video/${slug}`,
    embed: (slug: string) => `${base}/embed/${slug}`,
    series: (slug: string) => `${base}/reeks/${slug}`,
    file: (slug: string, path: string) => `${base}/api/public/videos/${slug}/files/${path}`,
    feed: (seriesSlug?: string) => (seriesSlug ? `${base}/api/public/feeds/series/${seriesSlug}.rss` : `${base}/api/public/feeds/all.rss`),
  };
}
