/** Shapes of the public API (apps/api/src/public, apps/api/src/live) and where to find it. No login needed. */

export interface SeriesRef {
  slug: string;
  title: string;
}

export interface VideoSummary {
  slug: string;
  title: string;
  description: string;
  series: SeriesRef;
  language: string;
  category: string;
  tags: string[];
  durationS: number | null;
  posterUrl: string | null;
  publishedAt: string;
  url: string;
}

export interface CaptionFile {
  language: string;
  label: string;
  url: string;
}

/** A line of the transcript or a chapter: where it starts and what it says. */
export interface TimedText {
  startS: number;
  text: string;
}

export interface Chapter {
  startS: number;
  title: string;
}

export interface Video extends VideoSummary {
  listed: boolean;
  hlsUrl: string;
  embedUrl: string;
  storyboardUrl: string | null;
  captions: CaptionFile[];
  transcript: TimedText[];
  chapters: Chapter[];
}

export interface VideoPage {
  items: VideoSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Series {
  slug: string;
  title: string;
  description: string;
  audience: string;
  language: string;
  category: string;
  videoCount: number;
  latestPublishedAt: string;
  url: string;
  feedUrl: string;
}

export interface SeriesDetail extends Series {
  videos: VideoSummary[];
}

export interface LiveList {
  live: { slug: string; title: string; startedAt: string; playlist: string }[];
  upcoming: { slug: string; title: string; start: string }[];
}

export type RecordingState = 'none' | 'processing' | 'in_review' | 'scheduled' | 'published';

export interface LiveBroadcast {
  slug: string;
  title: string;
  description: string;
  status: 'upcoming' | 'live' | 'ended' | 'cancelled';
  start: string;
  end: string;
  startedAt: string | null;
  endedAt: string | null;
  playlist: string | null;
  recording: { state: RecordingState; availableAt: string | null; episodeSlug: string | null; message: string } | null;
}

const enc = encodeURIComponent;

export const publicApi = {
  videos(params: { q?: string; series?: string; page?: number } = {}): string {
    const query = new URLSearchParams();
    if (params.q) query.set('q', params.q);
    if (params.series) query.set('series', params.series);
    if (params.page && params.page > 1) query.set('page', String(params.page));
    const qs = query.toString();
    return `/api/public/videos${qs ? `?${qs}` : ''}`;
  },
  video: (slug: string) => `/api/public/videos/${enc(slug)}`,
  views: (slug: string) => `/api/public/videos/${enc(slug)}/views`,
  seriesList: () => '/api/public/series',
  series: (slug: string) => `/api/public/series/${enc(slug)}`,
  live: () => '/api/public/live',
  liveBroadcast: (slug: string) => `/api/public/live/${enc(slug)}`,
  allFeed: () => '/api/public/feeds/all.rss',
};
