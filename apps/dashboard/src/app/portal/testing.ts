import { Video, VideoSummary } from './portal.api';

/** For component tests: public API answers as the server gives them. */
export const summary = (over: Partial<VideoSummary> = {}): VideoSummary => ({
  slug: 'je-boeken-verlengen',
  title: 'Je boeken verlengen',
  description: 'In een paar stappen verleng je zelf je boeken.',
  series: { slug: 'digitaal-aan-de-slag', title: 'Digitaal aan de slag' },
  language: 'nl',
  category: 'digitale vaardigheden',
  tags: ['verlengen'],
  durationS: 184,
  posterUrl: 'http://bieb.test/api/public/videos/je-boeken-verlengen/files/hls/poster.jpg',
  publishedAt: '2026-03-02T10:00:00Z',
  url: 'http://bieb.test/videos/je-boeken-verlengen',
  ...over,
});

export const video = (over: Partial<Video> = {}): Video => ({
  ...summary(),
  listed: true,
  hlsUrl: 'http://bieb.test/api/public/videos/je-boeken-verlengen/files/hls/master.m3u8',
  embedUrl: 'http://bieb.test/embed/je-boeken-verlengen',
  storyboardUrl: null,
  captions: [],
  transcript: [{ startS: 1, text: 'Open de app.' }],
  chapters: [],
  ...over,
});
