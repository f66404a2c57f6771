// Arguments of the long-running live ffmpeg processes (ingest to HLS + recording, restreams) and of the
// recording's final remux. Pure data, executed by live-process.ts and ffmpeg.runner.ts.

/** Seconds per live HLS segment, and how many segments the rolling playlist lists. */
export const LIVE_SEGMENT_S = 1;
export const LIVE_LIST_SIZE = 6;

/** The rungs made when the encoder sends something other than H.264/AAC (never upscaled). */
export const LIVE_LADDER = [
  { height: 720, videoKbps: 2500 },
  { height: 360, videoKbps: 800 },
] as const;

export type LiveMode = 'passthrough' | 'ladder';

/** Codec ids as FLV metadata names them (7 = H.264, 10 = AAC) or as enhanced RTMP's FourCC. */
const H264 = new Set<unknown>([7, 'avc1', 'h264']);
const AAC = new Set<unknown>([10, 'mp4a', 'aac']);
const NO_AUDIO = new Set<unknown>([0, undefined, null, '']);

/** Copy the encoder's stream when browsers can play it as it is: H.264 video with AAC sound (or none). */
export function liveMode(videoCodec: unknown, audioCodec: unknown): LiveMode {
  return H264.has(videoCodec) && (AAC.has(audioCodec) || NO_AUDIO.has(audioCodec)) ? 'passthrough' : 'ladder';
}

export interface LiveIngestInput {
  /** The stream on the local RTMP server, e.g. rtmp://127.0.0.1:1935/live/KEY. */
  input: string;
  mode: LiveMode;
  hasAudio: boolean;
  /** Directory of the playlist(s) and segments. */
  hlsDir: string;
  /** File the stream is copied to, unchanged (one part per publish). */
  recordingFile: string;
  /** Continue the playlist left by an earlier publish of the same session (a reconnect). */
  resume: boolean;
}

export interface LiveIngestPlan {
  args: string[];
  /** The playlist patrons' players load (master playlist for a ladder). */
  playlist: string;
  /** The media playlist whose first segment means the stream is on air. */
  mediaPlaylist: string;
}

const join = (dir: string, file: string) => `${dir.replace(/\/+$/, '')}/${file}`;

/**
 * One ffmpeg reading the stream once, with two outputs: rolling HLS (copied, or a small H.264 ladder with a key
 * frame every segment) and the recording part (always a plain copy, in MPEG-TS so a cut-off part stays readable).
 */
export function liveIngestArgs(p: LiveIngestInput): LiveIngestPlan {
  const flags = ['delete_segments', 'independent_segments', 'program_date_time', 'temp_file', ...(p.resume ? ['append_list', 'discont_start'] : [])];
  const hls = ['-f', 'hls', '-hls_time', String(LIVE_SEGMENT_S), '-hls_list_size', String(LIVE_LIST_SIZE), '-hls_flags', flags.join('+'), '-hls_segment_type', 'mpegts'];
  const input = ['-hide_banner', '-nostdin', '-loglevel', 'warning', '-progress', 'pipe:1', '-stats_period', '1', '-i', p.input];
  const recording = ['-map', '0:v:0?', '-map', '0:a:0?', '-c', 'copy', '-f', 'mpegts', p.recordingFile];

  if (p.mode === 'passthrough') {
    return {
      args: [...input, '-map', '0:v:0?', '-map', '0:a:0?', '-c', 'copy', ...hls, '-hls_segment_filename', join(p.hlsDir, 'seg-%d.ts'), join(p.hlsDir, 'index.m3u8'), ...recording],
      playlist: 'index.m3u8',
      mediaPlaylist: 'index.m3u8',
    };
  }

  const n = LIVE_LADDER.length;
  const split = `[0:v:0]split=${n}${LIVE_LADDER.map((_, i) => `[s${i}]`).join('')}`;
  const scales = LIVE_LADDER.map((r, i) => `[s${i}]scale=-2:'min(${r.height},ih)',format=yuv420p[v${i}]`);
  const maps = LIVE_LADDER.flatMap((_, i) => ['-map', `[v${i}]`, ...(p.hasAudio ? ['-map', '0:a:0'] : [])]);
  const rates = LIVE_LADDER.flatMap((r, i) => [`-b:v:${i}`, `${r.videoKbps}k`, `-maxrate:v:${i}`, `${Math.round(r.videoKbps * 1.1)}k`, `-bufsize:v:${i}`, `${r.videoKbps}k`]);
  const audio = p.hasAudio ? ['-c:a', 'aac', '-b:a', '128k', '-ac', '2', '-ar', '48000'] : [];
  const streamMap = LIVE_LADDER.map((_, i) => (p.hasAudio ? `v:${i},a:${i}` : `v:${i}`)).join(' ');
  return {
    args: [
      ...input,
      '-filter_complex', [split, ...scales].join(';'),
      ...maps,
      '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'main', '-sc_threshold', '0',
      '-force_key_frames', `expr:gte(t,n_forced*${LIVE_SEGMENT_S})`,
      ...rates,
      ...audio,
      ...hls,
      '-var_stream_map', streamMap,
      '-master_pl_name', 'index.m3u8',
      '-hls_segment_filename', join(p.hlsDir, 'v%v-%d.ts'),
      join(p.hlsDir, 'v%v.m3u8'),
      ...recording,
    ],
    playlist: 'index.m3u8',
    mediaPlaylist: 'v0.m3u8',
  };
}

/** Forwards the stream unchanged to a platform (YouTube, Facebook, …); fails fast when the platform stops answering. */
export function restreamArgs(input: string, destination: string): string[] {
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'warning', '-progress', 'pipe:1', '-stats_period', '1',
    '-i', input,
    '-map', '0:v:0?', '-map', '0:a:0?', '-c', 'copy',
    '-rw_timeout', '10000000',
    '-f', 'flv', '-flvflags', 'no_duration_filesize', destination,
  ];
}

/** The concat demuxer's list of the recording parts, each path quoted as it requires. */
export const concatList = (files: readonly string[]): string => files.map((f) => `file '${f.replace(/'/g, `'\\''`)}'\n`).join('');

/** Joins the recording parts into one MP4 without re-encoding; only local files may be opened. */
export function recordingRemuxArgs(listFile: string, output: string): string[] {
  return [
    '-hide_banner', '-nostdin', '-y', '-loglevel', 'error',
    '-protocol_whitelist', 'file', '-f', 'concat', '-safe', '0', '-i', listFile,
    '-map', '0:v?', '-map', '0:a?', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', output,
  ];
}

/** True when an HLS media playlist lists at least one segment. */
export const listsSegment = (playlist: string): boolean => /^#EXTINF:/m.test(playlist);
