/** RSS 2.0 feeds, the sitemap and the oEmbed iframe: text built from allow-listed public fields only. */

// Characters XML 1.0 does not allow at all; a stray one in a title would make the whole feed unreadable.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface FeedItem {
  title: string;
  description: string;
  url: string;
  publishedAt: Date;
  category: string;
  enclosure: { url: string; type: string; length: number } | null;
}

export interface FeedChannel {
  title: string;
  description: string;
  url: string;
  feedUrl: string;
  language: string;
  items: FeedItem[];
}

export function rssFeed(channel: FeedChannel): string {
  const e = xmlEscape;
  const items = channel.items.map((i) =>
    [
      '    <item>',
      `      <title>${e(i.title)}</title>`,
      `      <link>${e(i.url)}</link>`,
      `      <guid isPermaLink="true">${e(i.url)}</guid>`,
      `      <description>${e(i.description)}</description>`,
      `      <pubDate>${i.publishedAt.toUTCString()}</pubDate>`,
      i.category ? `      <category>${e(i.category)}</category>` : null,
      i.enclosure ? `      <enclosure url="${e(i.enclosure.url)}" length="${i.enclosure.length}" type="${e(i.enclosure.type)}"/>` : null,
      '    </item>',
    ]
      .filter((line) => line !== null)
      .join('\n'),
  );
  const lastBuild = channel.items.reduce<Date | null>((latest, i) => (!latest || i.publishedAt > latest ? i.publishedAt : latest), null);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${e(channel.title)}</title>`,
    `    <link>${e(channel.url)}</link>`,
    `    <description>${e(channel.description || channel.title)}</description>`,
    `    <language>${e(channel.language)}</language>`,
    `    <atom:link href="${e(channel.feedUrl)}" rel="self" type="application/rss+xml"/>`,
    ...(lastBuild ? [`    <lastBuildDate>${lastBuild.toUTCString()}</lastBuildDate>`] : []),
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function sitemap(pages: { url: string; modified: Date | null }[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...pages.map((p) => `  <url><loc>${xmlEscape(p.url)}</loc>${p.modified ? `<lastmod>${p.modified.toISOString()}</lastmod>` : ''}</url>`),
    '</urlset>',
    '',
  ].join('\n');
}

export const EMBED_WIDTH = 640;
export const EMBED_HEIGHT = 360;

/** The largest 16:9 player within the consumer's maximum size (oEmbed maxwidth/maxheight). */
export function embedSize(maxWidth?: number, maxHeight?: number): { width: number; height: number } {
  let width = Math.min(EMBED_WIDTH, maxWidth ?? EMBED_WIDTH);
  let height = Math.round((width * 9) / 16);
  if (maxHeight !== undefined && height > maxHeight) {
    height = maxHeight;
    width = Math.round((height * 16) / 9);
  }
  return { width, height };
}

export function embedIframe(src: string, title: string, size: { width: number; height: number }): string {
  return `<iframe src="${xmlEscape(src)}" width="${size.width}" height="${size.height}" title="${xmlEscape(title)}" style="border:0" allow="fullscreen; picture-in-picture" allowfullscreen></iframe>`;
}
