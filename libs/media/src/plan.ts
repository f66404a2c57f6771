// Pure builder of the ffmpeg commands that turn one probed recording into adaptive HLS (fMP4/CMAF segments):
// a fast "playable" command first, then the rest of the ladder, then poster and storyboard. No I/O here.
import path from 'node:path';
import { isMeasurable, LoudnessMeasurement, loudnormFilter, SAFE_INPUT } from './analysis';
import type { FfprobeData } from './ffmpeg.runner';

/** What the plan needs to know about a source, taken from ffprobe and the loudness measurement. */
export interface SourceFacts {
  durationS: number;
  /** format start_time: ffmpeg shifts output timestamps by it. */
  startS?: number;
  video?: {
    codec: string;
    profile?: string;
    /** H.264 level as ffprobe reports it (40 = 4.0). */
    level?: number;
    pixFmt: string;
    /** Coded size; `rotation` (degrees) tells how it is displayed. */
    width: number;
    height: number;
    rotation?: number;
    fps: number;
    bitRate?: number;
    /** Key frame presentation times in seconds (keyframeTimes()). */
    keyframes: number[];
  };
  audio?: { codec: string; channels: number; profile?: string; sampleRate?: number };
  loudness?: LoudnessMeasurement;
}

/** Maps ffprobe's report (plus keyframeTimes() and measureLoudness()) to the facts the plan needs. */
export function sourceFacts(probe: FfprobeData, keyframes: number[], loudness?: LoudnessMeasurement): SourceFacts {
  const num = (v: unknown) => {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const rate = (r: string | undefined) => {
    const [a, b = 1] = (r ?? '').split('/').map(Number);
    return a > 0 && b > 0 ? a / b : undefined;
  };
  const v = probe.streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const a = probe.streams.find((s) => s.codec_type === 'audio');
  return {
    durationS: num(probe.format.duration) ?? 0,
    startS: num(probe.format.start_time) ?? 0,
    video: v && {
      codec: String(v.codec_name),
      profile: v.profile === undefined ? undefined : String(v.profile),
      level: num(v.level),
      pixFmt: String(v.pix_fmt),
      width: Number(v.width),
      height: Number(v.height),
      rotation: num((v as { rotation?: unknown }).rotation) ?? 0,
      fps: rate(v.avg_frame_rate) ?? rate(v.r_frame_rate) ?? 30,
      bitRate: num(v.bit_rate) ?? num(probe.format.bit_rate),
      keyframes,
    },
    audio: a && { codec: String(a.codec_name), channels: num(a.channels) ?? 2, profile: a.profile === undefined ? undefined : String(a.profile), sampleRate: num(a.sample_rate) },
    loudness,
  };
}

export interface TranscodePreset {
  /** Short side of each rung, largest first. */
  ladder: readonly number[];
  segmentS: number;
  x264Preset: string;
  crf: number;
  /** Cap on bursts (window changes), in bits per pixel per frame; the buffer holds two seconds of it. */
  maxBitsPerPixel: number;
  audioKbpsPerChannel: number;
  passthrough: boolean;
}

/**
 * Chosen by measuring bytes and SSIM (at rung size) on the generated 1080p screencast of bench/transcode.mjs:
 * - key frames only at segment starts (4 s): on static screens each key frame is the main cost, PeerTube's 2 s GOP
 *   pays it twice; scene-cut key frames bought +0.08 dB for +1.6 % bytes, so they are off (which also keeps rungs aligned);
 * - `veryfast` at CRF 21 matches PeerTube's SSIM on every rung at 0.69× its video bytes and encodes the ladder in
 *   0.48× its time; `faster` at CRF 23 saved ~4 % bytes but took 0.63× (over the 0.5× goal); `fast`/`medium` gain
 *   1–3 % more bytes at 1.5–2× the time;
 * - `-tune stillimage`, `animation`, lower ipratio and aq-mode 3 did not beat the defaults at equal SSIM;
 * - capped CRF: CRF keeps static text sharp at few bits, the cap keeps window changes within the BANDWIDTH announced.
 */
export const SCREENCAST_PRESET: TranscodePreset = {
  ladder: [1080, 720, 480],
  segmentS: 4,
  x264Preset: 'veryfast',
  crf: 21,
  maxBitsPerPixel: 0.07,
  audioKbpsPerChannel: 64,
  passthrough: true,
};

export interface Rendition {
  /** Folder name, also the id: v1080, v720, v480, audio. */
  id: string;
  kind: 'video' | 'audio';
  playlist: string;
  codecs: string;
  /** Peak bits per second announced in the master playlist (the encoder's cap, or an estimate for a copied stream). */
  bandwidth: number;
  width?: number;
  height?: number;
  fps?: number;
  channels?: number;
}

export interface FfmpegStep {
  name: 'playable' | 'ladder' | 'thumbnails';
  args: string[];
  /** Media seconds this command produces, for progress. */
  durationS: number;
  /** Folders and files (relative to the output folder) this command writes, to publish once it succeeds. */
  outputs: string[];
  /** Renditions complete once this command succeeds. */
  renditions: Rendition[];
}

export interface Plan {
  passthrough: boolean;
  steps: FfmpegStep[];
  renditions: Rendition[];
  storyboard?: Storyboard;
}

export interface Storyboard {
  file: string;
  intervalS: number;
  count: number;
  columns: number;
  tileWidth: number;
  tileHeight: number;
}

const PASSTHROUGH_LIMITS = { maxFps: 60, maxBitRate: 12_000_000, maxKeyframeGapS: 10, maxShortSide: 1080, maxLevel: 42 };
const AVC_PROFILES: Record<string, string> = { 'Constrained Baseline': '42E0', Baseline: '4200', Main: '4D00', High: '6400' };
const AUDIO_CODEC = 'mp4a.40.2';

/** Display size of the source video (rotation applied). */
export function displaySize(video: NonNullable<SourceFacts['video']>): { width: number; height: number } {
  const quarterTurn = Math.abs(video.rotation ?? 0) % 180 === 90;
  return quarterTurn ? { width: video.height, height: video.width } : { width: video.width, height: video.height };
}

/** Why a source cannot be copied into the top rung, or null when it can. */
export function passthroughRefusal(facts: SourceFacts, preset: TranscodePreset = SCREENCAST_PRESET): string | null {
  const v = facts.video;
  if (!preset.passthrough) return 'disabled by the preset';
  if (!v) return 'no video';
  if (v.codec !== 'h264') return `video codec ${v.codec}`;
  if (v.pixFmt !== 'yuv420p' && v.pixFmt !== 'yuvj420p') return `pixel format ${v.pixFmt}`;
  if (!(v.profile && v.profile in AVC_PROFILES)) return `profile ${v.profile ?? 'unknown'}`;
  if ((v.level ?? 99) > PASSTHROUGH_LIMITS.maxLevel) return `level ${v.level ?? 'unknown'}`;
  if ((v.rotation ?? 0) % 360 !== 0) return 'rotated';
  if (!(v.fps > 0 && v.fps <= PASSTHROUGH_LIMITS.maxFps)) return `frame rate ${v.fps}`;
  if (!v.bitRate || v.bitRate > PASSTHROUGH_LIMITS.maxBitRate) return `bit rate ${v.bitRate ?? 'unknown'}`;
  if (Math.min(v.width, v.height) > PASSTHROUGH_LIMITS.maxShortSide) return `larger than ${PASSTHROUGH_LIMITS.maxShortSide}p`;
  const gaps = [...v.keyframes, facts.durationS + (facts.startS ?? 0)].map((t, i, all) => (i ? t - all[i - 1] : 0));
  if (!v.keyframes.length || Math.max(...gaps) > PASSTHROUGH_LIMITS.maxKeyframeGapS) return 'key frames too far apart';
  return null;
}

/**
 * Segment starts (seconds on the output timeline) that every rendition shares. Copied video can only be cut at
 * its own key frames: the first key frame at or after each multiple of the segment length, as ffmpeg's HLS muxer
 * cuts. Encoded rungs force key frames at exactly these times, so their segments line up.
 */
export function segmentStarts(facts: SourceFacts, preset: TranscodePreset, passthrough: boolean): number[] {
  const start = facts.startS ?? 0;
  if (!passthrough || !facts.video) {
    const starts: number[] = [];
    for (let t = preset.segmentS; t < facts.durationS - 0.5; t += preset.segmentS) starts.push(t);
    return starts;
  }
  const keyframes = facts.video.keyframes;
  const first = keyframes[0];
  const starts: number[] = [];
  let n = 1;
  for (const k of keyframes) {
    if (k - first >= preset.segmentS * n - 1e-6) {
      starts.push(round3(k - start));
      n += 1;
    }
  }
  return starts;
}

interface Rung {
  id: string;
  width: number;
  height: number;
}

/** Rungs of the ladder that fit the source (never upscaled); a source smaller than every rung keeps its own size. */
export function ladderFor(video: NonNullable<SourceFacts['video']>, preset: TranscodePreset): Rung[] {
  const { width, height } = displaySize(video);
  const portrait = height > width;
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  const sides = preset.ladder.filter((s) => s <= short);
  if (!sides.length) sides.push(even(short));
  return sides.map((side) => {
    const other = even((long * side) / short);
    return { id: `v${side}`, width: portrait ? side : other, height: portrait ? other : side };
  });
}

/** What producers chose for the outputs: the moment of the poster (seconds into the recording; the default when absent). */
export interface PlanChoices {
  posterAtS?: number | null;
}

export function buildPlan(facts: SourceFacts, preset: TranscodePreset, io: { input: string; outDir: string }, choices: PlanChoices = {}): Plan {
  const passthrough = passthroughRefusal(facts, preset) === null;
  const steps: FfmpegStep[] = [];
  const renditions: Rendition[] = [];
  const audio = facts.audio ? audioRendition(facts, preset) : undefined;
  const out = (...parts: string[]) => path.join(io.outDir, ...parts);
  const head = ['-hide_banner', '-nostdin', '-y', ...SAFE_INPUT, '-i', io.input];

  if (!facts.video) {
    if (!audio) throw new Error('The recording has neither audio nor video');
    steps.push({ name: 'playable', args: [...head, ...audio.args(out)], durationS: facts.durationS, outputs: [audio.rendition.id], renditions: [audio.rendition] });
    return { passthrough: false, steps, renditions: [audio.rendition] };
  }

  const video = facts.video;
  const starts = segmentStarts(facts, preset, passthrough);
  const rungs = ladderFor(video, preset);
  let encoded = rungs;
  const playable: FfmpegStep = { name: 'playable', args: [...head], durationS: facts.durationS, outputs: [], renditions: [] };

  if (passthrough) {
    const { width, height } = displaySize(video);
    const top: Rendition = {
      id: `v${Math.min(width, height)}`,
      kind: 'video',
      playlist: `v${Math.min(width, height)}/index.m3u8`,
      codecs: avcCodec(video.profile, video.level),
      bandwidth: Math.round((video.bitRate ?? 0) * 1.5),
      width,
      height,
      fps: round3(video.fps),
    };
    playable.args.push('-map', '0:v:0', '-c:v', 'copy', ...hlsOutput(preset, out(top.id)));
    playable.outputs.push(top.id);
    playable.renditions.push(top);
    encoded = rungs.filter((r) => Math.min(r.width, r.height) < Math.min(width, height));
  }
  // Stereo AAC is copied too, so the first step is only remuxing; the loudness-normalised audio replaces it with the ladder.
  const copyAudio = passthrough && !!audio && facts.audio?.codec === 'aac' && (facts.audio.profile ?? 'LC') === 'LC' && facts.audio.channels <= 2;
  if (audio && copyAudio) {
    playable.args.push('-map', '0:a:0', '-vn', '-sn', '-dn', '-c:a', 'copy', ...hlsOutput(preset, out('audio-src')));
    playable.outputs.push('audio-src');
    playable.renditions.push({ ...audio.rendition, id: 'audio-src', playlist: 'audio-src/index.m3u8' });
  } else if (audio) {
    playable.args.push(...audio.args(out));
    playable.outputs.push(audio.rendition.id);
  }

  const videoArgs = encodeArgs(encoded, video, preset, starts, (id) => hlsOutput(preset, out(id)));
  if (passthrough) {
    steps.push(playable);
    const ladder: FfmpegStep = { name: 'ladder', args: [...head, ...videoArgs.args], durationS: facts.durationS, outputs: encoded.map((r) => r.id), renditions: videoArgs.renditions };
    if (audio && copyAudio) {
      ladder.args.push(...audio.args(out));
      ladder.outputs.push(audio.rendition.id);
      ladder.renditions.push(audio.rendition);
    }
    if (ladder.outputs.length) steps.push(ladder);
  } else {
    playable.args.push(...videoArgs.args);
    playable.outputs.unshift(...encoded.map((r) => r.id));
    playable.renditions.push(...videoArgs.renditions);
    steps.push(playable);
  }
  if (audio && !copyAudio) playable.renditions.push(audio.rendition);
  renditions.push(...steps.flatMap((s) => s.renditions).filter((r) => r.id !== 'audio-src'));

  const storyboard = storyboardFor(facts.durationS, displaySize(video));
  steps.push(thumbnailsStep(facts, io, storyboard, choices.posterAtS ?? defaultPosterAt(facts.durationS)));
  return { passthrough, steps, renditions, storyboard };
}

/** One decode, one split, one scale and one x264 encoder per rung, each written as its own HLS rendition. */
function encodeArgs(rungs: Rung[], video: NonNullable<SourceFacts['video']>, preset: TranscodePreset, starts: number[], sink: (rungId: string) => string[]) {
  const args: string[] = [];
  const renditions: Rendition[] = [];
  if (!rungs.length) return { args, renditions };
  const labels = rungs.map((r) => `[${r.id}]`);
  const scales = rungs.map((r, i) => `${rungs.length > 1 ? `[s${i}]` : '[0:v:0]'}scale=${r.width}:${r.height}:flags=lanczos,format=yuv420p${labels[i]}`);
  const split = rungs.length > 1 ? [`[0:v:0]split=${rungs.length}${rungs.map((_, i) => `[s${i}]`).join('')}`] : [];
  args.push('-filter_complex', [...split, ...scales].join(';'));
  const fps = video.fps > 0 ? video.fps : 30;
  const gaps = [...starts, Infinity].map((t, i) => (i ? t - starts[i - 1] : t)).filter(Number.isFinite);
  const keyint = Math.ceil(fps * (Math.max(preset.segmentS, ...gaps) + 1));
  const forced = starts.filter((t) => t > 0).map((t) => round3(t - 0.001)).join(',');
  rungs.forEach((rung, i) => {
    const maxrate = Math.round(rung.width * rung.height * Math.min(fps, 60) * preset.maxBitsPerPixel);
    const level = avcLevel(rung, fps);
    args.push(
      '-map', labels[i], '-an', '-sn', '-dn',
      '-c:v', 'libx264', '-preset', preset.x264Preset, '-crf', String(preset.crf),
      '-maxrate', String(maxrate), '-bufsize', String(maxrate * 2),
      '-profile:v', 'high', '-level:v', (level / 10).toFixed(1),
      '-g', String(keyint), '-keyint_min', String(keyint), '-sc_threshold', '0',
      ...(forced ? ['-force_key_frames', forced] : []),
      ...sink(rung.id),
    );
    renditions.push({ id: rung.id, kind: 'video', playlist: `${rung.id}/index.m3u8`, codecs: avcCodec('High', level), bandwidth: maxrate, width: rung.width, height: rung.height, fps: round3(fps) });
  });
  return { args, renditions };
}

export interface Chunk {
  index: number;
  /** Seconds on the output timeline, just before a segment start (a key frame of the source when copied). */
  startS: number;
  durationS: number;
}

/** Splits a long recording at segment starts (`cutPoints`), each piece at least `targetChunkS` long. */
export function planChunks(durationS: number, cutPoints: number[], targetChunkS: number): Chunk[] {
  const cuts = [0];
  for (const t of cutPoints) {
    if (t - cuts[cuts.length - 1] >= targetChunkS && durationS - t >= targetChunkS / 2) cuts.push(round3(t - 0.001));
  }
  return cuts.map((startS, index) => ({ index, startS, durationS: round3((cuts[index + 1] ?? durationS) - startS) }));
}

export interface ChunkedLadder {
  /** Independent encodes, one per chunk, to run in parallel (e.g. as child jobs on several workers). */
  chunks: FfmpegStep[];
  /** Concat lists the join reads; write them (we generate them, the input never names files) before the join. */
  lists: { file: string; text: string }[];
  /** Joins the encoded chunks into HLS renditions without re-encoding. */
  join: FfmpegStep;
}

/**
 * The encoded rungs of `buildPlan` (its "ladder" step, or the video of a full transcode) cut into chunks. Key
 * frames stay at the plan's segment starts, so the joined renditions align with a copied top rung.
 */
export function buildChunkedLadder(facts: SourceFacts, preset: TranscodePreset, io: { input: string; outDir: string }, targetChunkS: number): ChunkedLadder {
  const video = facts.video;
  if (!video) throw new Error('Only video is encoded in chunks');
  const passthrough = passthroughRefusal(facts, preset) === null;
  const starts = segmentStarts(facts, preset, passthrough);
  const { width, height } = displaySize(video);
  const rungs = ladderFor(video, preset).filter((r) => !passthrough || Math.min(r.width, r.height) < Math.min(width, height));
  if (!rungs.length) throw new Error('Nothing to encode: the copied rung is the only one');
  const chunkFile = (id: string, index: number) => path.join(io.outDir, 'chunks', id, `${String(index).padStart(5, '0')}.mp4`);
  const chunkList = planChunks(facts.durationS, starts, targetChunkS);
  const chunks = chunkList.map((chunk): FfmpegStep => {
    const inner = starts.filter((t) => t > chunk.startS + 0.01 && t < chunk.startS + chunk.durationS).map((t) => round3(t - chunk.startS));
    const encoded = encodeArgs(rungs, video, preset, inner, (id) => ['-map_metadata', '-1', '-fflags', '+bitexact', '-f', 'mp4', chunkFile(id, chunk.index)]);
    const args = ['-hide_banner', '-nostdin', '-y', ...SAFE_INPUT, '-ss', String(chunk.startS), '-t', String(chunk.durationS), '-i', io.input, ...encoded.args];
    return { name: 'ladder', args, durationS: chunk.durationS, outputs: rungs.map((r) => path.join('chunks', r.id)), renditions: [] };
  });
  const lists = rungs.map((r) => ({
    file: path.join(io.outDir, 'chunks', `${r.id}.ffconcat`),
    text: `ffconcat version 1.0\n${chunkList.map((c) => `file '${chunkFile(r.id, c.index).replace(/'/g, "'\\''")}'`).join('\n')}\n`,
  }));
  const joinArgs = ['-hide_banner', '-nostdin', '-y'];
  lists.forEach((l) => joinArgs.push('-protocol_whitelist', 'file', '-f', 'concat', '-safe', '0', '-i', l.file));
  rungs.forEach((r, i) => joinArgs.push('-map', `${i}:v:0`, '-c', 'copy', ...hlsOutput(preset, path.join(io.outDir, r.id))));
  const renditions = encodeArgs(rungs, video, preset, starts, () => []).renditions;
  return { chunks, lists, join: { name: 'ladder', args: joinArgs, durationS: facts.durationS, outputs: rungs.map((r) => r.id), renditions } };
}

function audioRendition(facts: SourceFacts, preset: TranscodePreset) {
  const channels = Math.min(2, Math.max(1, facts.audio?.channels ?? 2));
  const kbps = channels * preset.audioKbpsPerChannel;
  const filters = [...(isMeasurable(facts.loudness) ? [loudnormFilter(facts.loudness)] : []), `aresample=${facts.audio?.sampleRate ?? 48000}`];
  const rendition: Rendition = { id: 'audio', kind: 'audio', playlist: 'audio/index.m3u8', codecs: AUDIO_CODEC, bandwidth: kbps * 1000 + 8000, channels };
  const args = (out: (...p: string[]) => string) => [
    '-map', '0:a:0', '-vn', '-sn', '-dn', '-af', filters.join(','),
    '-c:a', 'aac', '-b:a', `${kbps}k`, '-ac', String(channels),
    ...hlsOutput(preset, out('audio')),
  ];
  return { rendition, args };
}

function hlsOutput(preset: TranscodePreset, dir: string): string[] {
  return [
    '-map_metadata', '-1', '-fflags', '+bitexact',
    '-f', 'hls', '-hls_time', String(preset.segmentS), '-hls_playlist_type', 'vod', '-hls_list_size', '0',
    '-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4', '-hls_flags', 'independent_segments',
    '-hls_segment_filename', path.join(dir, 'seg_%05d.m4s'), path.join(dir, 'index.m3u8'),
  ];
}

/** The default poster: a moment into the recording, past fade-ins and title cards. */
export function defaultPosterAt(durationS: number): number {
  return round3(Math.min(10, durationS * 0.1));
}

/**
 * Input and output options that make `output` the picture on screen `atS` seconds into the recording (the last
 * frame that starts at or before it), at most 720 pixels on the short side. ffmpeg seeks to the key frame before
 * the moment and decodes up to it; every frame until then replaces the file (`-update`), so a moment after the
 * last frame (sound that outlasts the picture, a still screen in a variable-frame-rate recording) still gets the
 * last picture. The trim allows a millisecond, so a moment rounded to milliseconds finds its frame.
 */
function posterOptions(input: string, atS: number, size: { width: number; height: number }, output: string, inputIndex: number) {
  const scale = size.width >= size.height ? 'scale=-2:min(720\\,ih)' : 'scale=min(720\\,iw):-2';
  return {
    input: [...SAFE_INPUT, '-noaccurate_seek', '-ss', String(round3(atS)), '-i', input],
    output: [
      '-map', `${inputIndex}:v:0`, '-vf', `trim=end=0.001,${scale}`, '-fps_mode', 'passthrough', '-update', '1',
      '-q:v', '3', '-map_metadata', '-1', '-fflags', '+bitexact', output,
    ],
  };
}

/** One command writing the poster at a moment producers chose (`size`: the display size, see displaySize()). */
export function posterArgs(input: string, atS: number, size: { width: number; height: number }, output: string): string[] {
  const poster = posterOptions(input, atS, size, output, 0);
  return ['-hide_banner', '-nostdin', '-y', ...poster.input, ...poster.output];
}

/** Storyboard from key frames only, and the poster at `posterAtS`, in one command. */
function thumbnailsStep(facts: SourceFacts, io: { input: string; outDir: string }, sb: Storyboard, posterAtS: number): FfmpegStep {
  const poster = posterOptions(io.input, posterAtS, displaySize(facts.video!), path.join(io.outDir, 'poster.jpg'), 1);
  const rows = Math.ceil(sb.count / sb.columns);
  const args = [
    '-hide_banner', '-nostdin', '-y', ...SAFE_INPUT,
    '-skip_frame', 'nokey', '-i', io.input,
    ...poster.input,
    '-map', '0:v:0', '-vf', `tpad=stop=-1:stop_mode=clone,fps=1/${sb.intervalS},scale=${sb.tileWidth}:${sb.tileHeight},tile=${sb.columns}x${rows}`,
    '-frames:v', '1', '-q:v', '4', '-map_metadata', '-1', '-fflags', '+bitexact', path.join(io.outDir, sb.file),
    ...poster.output,
  ];
  return { name: 'thumbnails', args, durationS: 0, outputs: ['poster.jpg', sb.file], renditions: [] };
}

/** One thumbnail every 2 s, or fewer for long recordings so the sprite stays at most 100 tiles. */
export function storyboardFor(durationS: number, size: { width: number; height: number }): Storyboard {
  const intervalS = Math.max(2, Math.ceil(durationS / 100));
  const count = Math.max(1, Math.ceil(durationS / intervalS));
  const landscape = size.width >= size.height;
  const tileWidth = landscape ? 160 : even((160 * size.width) / size.height);
  const tileHeight = landscape ? even((160 * size.height) / size.width) : 160;
  return { file: 'storyboard.jpg', intervalS, count, columns: Math.min(10, count), tileWidth, tileHeight };
}

/** WebVTT pointing each interval of the recording at its tile in the sprite (media fragment #xywh). */
export function storyboardVtt(sb: Storyboard, durationS: number, spriteUrl = sb.file): string {
  const cues = Array.from({ length: sb.count }, (_, i) => {
    const x = (i % sb.columns) * sb.tileWidth;
    const y = Math.floor(i / sb.columns) * sb.tileHeight;
    const end = Math.min(durationS, (i + 1) * sb.intervalS);
    return `${vttTime(i * sb.intervalS)} --> ${vttTime(end)}\n${spriteUrl}#xywh=${x},${y},${sb.tileWidth},${sb.tileHeight}`;
  });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

export interface CaptionTrack {
  language: string;
  name: string;
  /** Playlist path relative to the master playlist. */
  playlist: string;
  default?: boolean;
}

/** The master playlist for whatever renditions are published so far; audio is one shared group. */
export function masterPlaylist(renditions: Rendition[], captions: CaptionTrack[] = []): string {
  const audio = renditions.find((r) => r.kind === 'audio');
  const videos = renditions.filter((r) => r.kind === 'video').sort((a, b) => b.bandwidth - a.bandwidth);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  if (audio) lines.push(`#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Audio",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="${audio.channels ?? 2}",URI="${audio.playlist}"`);
  for (const c of captions) {
    lines.push(`#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="${quoteSafe(c.name)}",LANGUAGE="${quoteSafe(c.language)}",DEFAULT=${c.default ? 'YES' : 'NO'},AUTOSELECT=YES,URI="${c.playlist}"`);
  }
  const groups = `${audio ? ',AUDIO="audio"' : ''}${captions.length ? ',SUBTITLES="subs"' : ''}`;
  for (const v of videos) {
    const bandwidth = v.bandwidth + (audio?.bandwidth ?? 0);
    const codecs = audio ? `${v.codecs},${audio.codecs}` : v.codecs;
    lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${bandwidth},CODECS="${codecs}",RESOLUTION=${v.width}x${v.height},FRAME-RATE=${(v.fps ?? 30).toFixed(3)}${groups}`, v.playlist);
  }
  if (audio) lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${audio.bandwidth},CODECS="${audio.codecs}"${groups}`, audio.playlist);
  return `${lines.join('\n')}\n`;
}

/** A subtitle playlist with the whole WebVTT file as its one segment. */
export function subtitlePlaylist(vttFile: string, durationS: number): string {
  const target = Math.max(1, Math.ceil(durationS));
  return ['#EXTM3U', '#EXT-X-VERSION:7', `#EXT-X-TARGETDURATION:${target}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD', `#EXTINF:${durationS.toFixed(3)},`, vttFile, '#EXT-X-ENDLIST', ''].join('\n');
}

function avcCodec(profile: string | undefined, level: number | undefined): string {
  const p = AVC_PROFILES[profile ?? 'High'] ?? '6400';
  return `avc1.${p}${(level ?? 40).toString(16).padStart(2, '0')}`.toLowerCase();
}

/** Smallest H.264 level whose macroblock rate fits the rung. */
function avcLevel(rung: Rung, fps: number): number {
  const mbs = Math.ceil(rung.width / 16) * Math.ceil(rung.height / 16);
  const rate = mbs * fps;
  const levels: [number, number, number][] = [[30, 1620, 40_500], [31, 3600, 108_000], [32, 5120, 216_000], [40, 8192, 245_760], [42, 8704, 522_240], [50, 22_080, 589_824], [51, 36_864, 983_040]];
  return (levels.find(([, maxFs, maxRate]) => mbs <= maxFs && rate <= maxRate) ?? [52])[0];
}

export function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}

function quoteSafe(text: string): string {
  return text.replace(/["\r\n]/g, '');
}

function even(n: number): number {
  return Math.max(2, 2 * Math.round(n / 2));
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
