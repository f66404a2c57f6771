const TYPES: Record<string, string> = {
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  m4s: 'video/iso.segment',
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  webm: 'video/webm',
  vtt: 'text/vtt; charset=utf-8',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  json: 'application/json',
};

export const contentTypeFor = (key: string): string => TYPES[key.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';

/** HLS playlists change while a stream is live or re-rendered; segments and images never change once written. */
export function cacheControlFor(key: string): string {
  const ext = key.split('.').pop()!.toLowerCase();
  if (ext === 'm3u8') return 'private, max-age=2';
  if (['ts', 'm4s', 'mp4', 'm4a', 'aac', 'jpg', 'jpeg', 'png', 'webp'].includes(ext)) return 'private, max-age=31536000, immutable';
  return 'private, no-cache';
}

/** Images are cached for a year: a file replaced under the same key is addressed with `?v=`, raised at each replacement. */
export const versionedUrl = (url: string, version: number): string => (version ? `${url}?v=${version}` : url);
