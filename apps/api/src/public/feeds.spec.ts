import { embedIframe, embedSize, rssFeed, sitemap, xmlEscape } from './feeds';

describe('feeds', () => {
  it.each([
    ['Boeken & e-books', 'Boeken &amp; e-books'],
    ['<script>alert("x")</script>', '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'],
    ["Pieter's tips", 'Pieter&apos;s tips'],
    ['bel\u0007l\u0000en', 'bellen'],
    ['café ☕', 'café ☕'],
  ])('escapes %j for XML', (text, escaped) => {
    expect(xmlEscape(text)).toBe(escaped);
  });

  it('builds an RSS 2.0 channel with items, enclosures and RFC 822 dates', () => {
    const xml = rssFeed({
      title: 'Zelf je boeken verlengen',
      description: '',
      url: 'https://b.example/reeks/x',
      feedUrl: 'https://b.example/api/public/feeds/series/x.rss',
      language: 'nl',
      items: [
        {
          title: 'Deel 1 & 2',
          description: 'Uitleg',
          url: 'https://b.example/video/deel-1',
          publishedAt: new Date('2026-03-02T09:00:00Z'),
          category: '',
          enclosure: { url: 'https://b.example/a.m3u8?x=1&y=2', type: 'application/vnd.apple.mpegurl', length: 0 },
        },
      ],
    });
    expect(xml).toContain('<description>Zelf je boeken verlengen</description>');
    expect(xml).toContain('<title>Deel 1 &amp; 2</title>');
    expect(xml).toContain('<pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate>');
    expect(xml).toContain('<lastBuildDate>Mon, 02 Mar 2026 09:00:00 GMT</lastBuildDate>');
    expect(xml).toContain('<enclosure url="https://b.example/a.m3u8?x=1&amp;y=2" length="0" type="application/vnd.apple.mpegurl"/>');
    expect(xml).not.toContain('<category>');
    expect(rssFeed({ title: 'Leeg', description: 'd', url: 'u', feedUrl: 'f', language: 'nl', items: [] })).not.toContain('lastBuildDate');
  });

  it('lists sitemap pages with their last change', () => {
    expect(sitemap([{ url: 'https://b.example/?a&b', modified: new Date('2026-01-01T00:00:00Z') }, { url: 'https://b.example/', modified: null }])).toContain(
      '<url><loc>https://b.example/?a&amp;b</loc><lastmod>2026-01-01T00:00:00.000Z</lastmod></url>\n  <url><loc>https://b.example/</loc></url>',
    );
  });

  it.each([
    [undefined, undefined, { width: 640, height: 360 }],
    [320, undefined, { width: 320, height: 180 }],
    [1920, undefined, { width: 640, height: 360 }],
    [640, 180, { width: 320, height: 180 }],
    [undefined, 1000, { width: 640, height: 360 }],
  ])('embed size within max %s × %s', (maxWidth, maxHeight, size) => {
    expect(embedSize(maxWidth, maxHeight)).toEqual(size);
  });

  it('makes an iframe with an escaped title', () => {
    expect(embedIframe('https://b.example/embed/x', 'Lezen "zonder" bril', { width: 320, height: 180 })).toBe(
      '<iframe src="https://b.example/embed/x" width="320" height="180" title="Lezen &quot;zonder&quot; bril" style="border:0" allow="fullscreen; picture-in-picture" allowfullscreen></iframe>',
    );
  });
});
