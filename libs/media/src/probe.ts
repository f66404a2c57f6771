// Deciding whether an uploaded file is a recording we can process, from its first bytes and from ffprobe's
// report. Pure: the probe job reads the bytes and runs ffprobe, this file only judges what they say.
import type { FfprobeData } from './ffmpeg.runner';

type FfprobeStream = FfprobeData['streams'][number];

export type RejectionCode =
  | 'empty'
  | 'playlist'
  | 'script'
  | 'text'
  | 'document'
  | 'image'
  | 'image_sequence'
  | 'generated'
  | 'unsupported_type'
  | 'no_streams'
  | 'picture_too_large'
  | 'too_long'
  | 'unknown_duration'
  | 'unsupported_video_codec'
  | 'unsupported_audio_codec'
  | 'unreadable'
  | 'undecodable';

/** Why a file is refused, in words a producer can act on. */
export interface Rejection {
  code: RejectionCode;
  message: string;
}

export interface ProbeLimits {
  maxDurationS: number;
  allowedContainers: readonly string[];
  allowedVideoCodecs: readonly string[];
  allowedAudioCodecs: readonly string[];
}

export interface ProbeFacts {
  format: string;
  videoCodec: string | null;
  audioCodec: string | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  durationS: number;
  bitRate: number | null;
  audioChannels: number | null;
}

/** 8K UHD: 7680×4320, either way up. */
export const MAX_PICTURE = { longSide: 7680, pixels: 7680 * 4320 } as const;

const EXPORT_AGAIN = 'Export it as MP4 (H.264 video, AAC audio) and upload that file.';
const UPLOAD_THE_VIDEO = 'Upload the video file itself (for example the .mp4 or .mkv your recorder made).';

export const reject = {
  empty: (): Rejection => ({ code: 'empty', message: 'This file is empty (0 bytes). Upload the recording again.' }),
  playlist: (): Rejection => ({ code: 'playlist', message: `This file is a playlist, not a recording. ${UPLOAD_THE_VIDEO}` }),
  script: (): Rejection => ({ code: 'script', message: `This file is an ffmpeg script, not a recording. ${UPLOAD_THE_VIDEO}` }),
  text: (): Rejection => ({ code: 'text', message: `This is a text file, not a recording. ${UPLOAD_THE_VIDEO}` }),
  document: (): Rejection => ({ code: 'document', message: `This is a PDF document, not a recording. ${UPLOAD_THE_VIDEO}` }),
  image: (): Rejection => ({ code: 'image', message: 'This is a picture, not a recording. Upload a video or audio file.' }),
  imageSequence: (): Rejection => ({
    code: 'image_sequence',
    message: `This is an image sequence, not a recording. ${EXPORT_AGAIN}`,
  }),
  generated: (): Rejection => ({ code: 'generated', message: `This file describes generated media, not a recording. ${UPLOAD_THE_VIDEO}` }),
  unsupportedType: (type: string): Rejection => ({
    code: 'unsupported_type',
    message: `Files of type ${type} cannot be used. ${EXPORT_AGAIN}`,
  }),
  noStreams: (): Rejection => ({
    code: 'no_streams',
    message: 'This file has neither video nor sound. Check that you chose the recording and not a project or subtitle file.',
  }),
  pictureTooLarge: (w: number, h: number): Rejection => ({
    code: 'picture_too_large',
    message: `The picture is ${w}×${h} pixels, larger than 8K (7680×4320). Export it at 4K (3840×2160) or smaller and upload that file.`,
  }),
  tooLong: (durationS: number, maxS: number): Rejection => ({
    code: 'too_long',
    message: `This recording is ${formatDuration(durationS)} long; the limit is ${formatDuration(maxS)}. Split it into shorter parts and upload them one by one.`,
  }),
  unknownDuration: (): Rejection => ({
    code: 'unknown_duration',
    message: 'We could not tell how long this recording is, so it is probably cut off. Export it again and upload the new file.',
  }),
  videoCodec: (codec: string): Rejection => ({
    code: 'unsupported_video_codec',
    message: `The video is encoded as ${codec}, which we cannot process. ${EXPORT_AGAIN}`,
  }),
  audioCodec: (codec: string): Rejection => ({
    code: 'unsupported_audio_codec',
    message: `The sound is encoded as ${codec}, which we cannot process. ${EXPORT_AGAIN}`,
  }),
  unreadable: (): Rejection => ({
    code: 'unreadable',
    message:
      'This file is damaged, cut off, or not a video or audio recording we can read. If the recording or the upload stopped early, export it again and upload the new file.',
  }),
  undecodable: (): Rejection => ({
    code: 'undecodable',
    message: 'Part of this recording cannot be played back: the data is damaged. Export it again and upload the new file.',
  }),
};

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return rest > 0 ? `${m} min ${rest} s` : `${m} min`;
  return `${rest} s`;
}

/** File name extensions producers' recorders write, and the ffprobe container each one is. */
const CONTAINER_BY_EXTENSION: Record<string, string> = {
  mp4: 'mp4',
  m4v: 'mp4',
  m4a: 'mp4',
  '3gp': 'mp4',
  mov: 'mov',
  mkv: 'matroska',
  webm: 'webm',
  flv: 'flv',
  ts: 'mpegts',
  mts: 'mpegts',
  m2ts: 'mpegts',
  avi: 'avi',
  mp3: 'mp3',
  wav: 'wav',
  ogg: 'ogg',
  oga: 'ogg',
  ogv: 'ogg',
  opus: 'ogg',
};

/**
 * An early answer from the file name alone, before any byte is sent: refuses names whose extension is no
 * allowed container. The probe still checks the content (a renamed file gets no further).
 */
export function checkFilename(filename: string, allowedContainers: readonly string[]): Rejection | null {
  const dot = filename.lastIndexOf('.');
  const ext = dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
  const container = CONTAINER_BY_EXTENSION[ext];
  if (container && allowedContainers.includes(container)) return null;
  if (['m3u8', 'm3u', 'pls', 'mpd'].includes(ext)) return reject.playlist();
  if (['txt', 'ffconcat', 'srt', 'vtt'].includes(ext)) return reject.text();
  return reject.unsupportedType(ext ? `.${ext}` : 'without an extension');
}

const startsWith = (head: Buffer, magic: string | number[]): boolean =>
  head.subarray(0, magic.length).equals(typeof magic === 'string' ? Buffer.from(magic, 'latin1') : Buffer.from(magic));

/**
 * Judges the first bytes (4 KiB is plenty) before ffprobe ever sees the file: playlists and scripts would make
 * a demuxer open other files, and text or documents are no recordings. Returns null when it looks like media.
 */
export function sniffHead(head: Buffer, size: number): Rejection | null {
  if (size === 0) return reject.empty();
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (/^#EXTM3U/i.test(text) || /^\[playlist\]/i.test(text) || /^<\?xml[^>]*>\s*<(MPD|smil)\b/i.test(text) || /^<(MPD|smil)\b/i.test(text)) {
    return reject.playlist();
  }
  if (/^ffconcat\b/.test(text) || /^file\s+['"]?[\w./:-]/.test(text)) return reject.script();
  if (startsWith(head, '%PDF-')) return reject.document();
  const isImage =
    startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ||
    startsWith(head, [0xff, 0xd8, 0xff]) ||
    startsWith(head, 'GIF8') ||
    (startsWith(head, 'RIFF') && head.subarray(8, 12).toString('latin1') === 'WEBP') ||
    startsWith(head, 'BM');
  if (isImage) return reject.image();
  if (looksLikeText(head)) return reject.text();
  return null;
}

/** No NUL bytes and valid UTF-8 made of printable characters: media headers always have binary fields. */
function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  const decoded = head.toString('utf8');
  if (decoded.slice(0, -4).includes('\uFFFD')) return false;
  const control = decoded.split('').filter((c) => c < ' ' && c !== '\n' && c !== '\r' && c !== '\t').length;
  return control <= decoded.length * 0.01;
}

/** ffprobe formats that read other files, generate input, or hold stills or text: never a recording. */
function blockedFormat(names: string[]): Rejection | null {
  if (names.some((n) => ['hls', 'applehttp', 'dash'].includes(n))) return reject.playlist();
  if (names.some((n) => ['concat', 'ffconcat'].includes(n))) return reject.script();
  if (names.includes('lavfi')) return reject.generated();
  if (names.includes('image2')) return reject.imageSequence();
  if (names.some((n) => n.endsWith('_pipe') || ['image2pipe', 'gif', 'apng', 'webp'].includes(n))) return reject.image();
  if (names.some((n) => ['tty', 'ffmetadata', 'srt', 'webvtt', 'ass', 'subviewer', 'subviewer1', 'microdvd', 'sami', 'jacosub'].includes(n))) {
    return reject.text();
  }
  return null;
}

const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : Number.parseFloat(String(v));
  return Number.isFinite(n) ? n : null;
};

/** "30000/1001" → 29.97 (rounded to 3 decimals); "0/0" → null. */
export function parseRate(rate: string | undefined): number | null {
  if (!rate) return null;
  const [n, d = '1'] = rate.split('/');
  const value = Number(n) / Number(d);
  return Number.isFinite(value) && value > 0 ? Math.round(value * 1000) / 1000 : null;
}

/** Judges ffprobe's report: the facts we store, or why the file is refused. */
export function analyseProbe(data: FfprobeData, limits: ProbeLimits): { facts: ProbeFacts } | { rejection: Rejection } {
  const formatName = String(data.format?.format_name ?? '');
  const names = formatName.split(',').filter(Boolean);
  const blocked = blockedFormat(names);
  if (blocked) return { rejection: blocked };
  if (!names.some((n) => limits.allowedContainers.includes(n))) {
    return { rejection: reject.unsupportedType(String(data.format?.format_long_name || formatName || 'unknown')) };
  }

  const streams: FfprobeStream[] = data.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!video && !audio) return { rejection: reject.noStreams() };

  let width: number | null = null;
  let height: number | null = null;
  if (video) {
    width = num(video.width);
    height = num(video.height);
    if (!width || !height) return { rejection: reject.unreadable() };
    if (Math.max(width, height) > MAX_PICTURE.longSide || width * height > MAX_PICTURE.pixels) {
      return { rejection: reject.pictureTooLarge(width, height) };
    }
  }

  const durations = [num(data.format?.duration), ...streams.map((s) => num(s.duration))].filter((d): d is number => d !== null && d > 0);
  const durationS = durations[0] ?? null;
  if (durationS === null) return { rejection: reject.unknownDuration() };
  if (durationS > limits.maxDurationS) return { rejection: reject.tooLong(durationS, limits.maxDurationS) };

  const videoCodec = video?.codec_name ?? null;
  if (video && (!videoCodec || !limits.allowedVideoCodecs.includes(videoCodec))) return { rejection: reject.videoCodec(videoCodec ?? 'unknown') };
  const audioCodec = audio?.codec_name ?? null;
  if (audio && (!audioCodec || !limits.allowedAudioCodecs.includes(audioCodec))) return { rejection: reject.audioCodec(audioCodec ?? 'unknown') };

  const bitRate = num(data.format?.bit_rate);
  return {
    facts: {
      format: formatName,
      videoCodec,
      audioCodec,
      width,
      height,
      fps: video ? (parseRate(video.avg_frame_rate) ?? parseRate(video.r_frame_rate)) : null,
      durationS: Math.round(durationS * 1000) / 1000,
      bitRate: bitRate === null ? null : Math.round(bitRate),
      audioChannels: audio ? num(audio.channels) : null,
    },
  };
}
