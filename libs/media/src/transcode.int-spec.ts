import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { srtToVtt, validateVtt } from './captions';
import { ffprobe, keyframeTimes, measureLoudness, runFfmpeg } from './ffmpeg.runner';
import { buildChunkedLadder, buildPlan, masterPlaylist, SCREENCAST_PRESET, SourceFacts, sourceFacts, subtitlePlaylist } from './plan';
import { prepareOutputs, runPlan } from './transcode';

const make = (file: string, args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, file]);
const lavfiVideo = (size: string, seconds: number) => ['-f', 'lavfi', '-i', `testsrc2=s=${size}:r=30:d=${seconds}`];
const lavfiAudio = (seconds: number) => ['-f', 'lavfi', '-i', `sine=f=330:d=${seconds}`];
const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '60'];

jest.setTimeout(120_000);

describe('transcode plans on real ffmpeg', () => {
  let dir: string;
  const at = (...p: string[]) => path.join(dir, ...p);

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'media-plan-'));
    make(at('h264.mp4'), [...lavfiVideo('1280x720', 6), ...lavfiAudio(6), ...x264, '-c:a', 'aac', '-shortest']);
    make(at('mpeg4.mkv'), [...lavfiVideo('854x480', 5), ...lavfiAudio(5), '-c:v', 'mpeg4', '-q:v', '4', '-c:a', 'libopus', '-shortest']);
    make(at('speech.m4a'), [...lavfiAudio(5), '-c:a', 'aac']);
    make(at('portrait.mp4'), [...lavfiVideo('720x1280', 4), ...lavfiAudio(4), ...x264, '-c:a', 'aac', '-shortest']);
    make(at('rotated.mp4'), ['-i', at('h264.mp4'), '-c', 'copy', '-metadata:s:v:0', 'rotate=90']);
    make(at('mute.mp4'), [...lavfiVideo('852x480', 5), ...x264]);
    make(at('long.mp4'), [...lavfiVideo('854x480', 16), ...x264]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function factsOf(file: string): Promise<SourceFacts> {
    const probe = await ffprobe(file);
    const hasAudio = probe.streams.some((s) => s.codec_type === 'audio');
    const hasVideo = probe.streams.some((s) => s.codec_type === 'video');
    return sourceFacts(probe, hasVideo ? await keyframeTimes(file) : [], hasAudio ? await measureLoudness(file) : undefined);
  }

  async function transcode(name: string, file: string, preset = SCREENCAST_PRESET) {
    const facts = await factsOf(file);
    const work = at(name, 'work');
    const final = at(name, 'final');
    const plan = buildPlan(facts, preset, { input: file, outDir: work });
    const playableAfter: string[][] = [];
    await runPlan(plan, { work, final, durationS: facts.durationS, niceness: 5, onPublished: (step, published) => {
      playableAfter.push([step.name, ...published.map((r) => r.id)]);
    } });
    return { facts, plan, final, playableAfter };
  }

  const streamsOf = async (playlist: string) => (await ffprobe(playlist)).streams;
  const extinf = (playlist: string) => readFileSync(playlist, 'utf8').split('\n').filter((l) => l.startsWith('#EXTINF')).map((l) => Number(l.slice(8, -1)));

  it('copies an H.264/AAC source into the top rung first, then adds the encoded rung', async () => {
    const { plan, final, facts, playableAfter } = await transcode('passthrough', at('h264.mp4'));
    expect(plan.passthrough).toBe(true);
    expect(playableAfter).toEqual([['playable', 'v720', 'audio-src'], ['ladder', 'v720', 'v480', 'audio'], ['thumbnails', 'v720', 'v480', 'audio']]);
    const master = readFileSync(path.join(final, 'master.m3u8'), 'utf8');
    expect(master).toContain('RESOLUTION=1280x720');
    expect(master).toContain('RESOLUTION=854x480');
    expect(master).toMatch(/#EXT-X-MEDIA:TYPE=AUDIO,.*URI="audio\/index.m3u8"/);
    const [top] = await streamsOf(path.join(final, 'v720/index.m3u8'));
    expect(top).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });
    const [low] = await streamsOf(path.join(final, 'v480/index.m3u8'));
    expect(low).toMatchObject({ codec_name: 'h264', width: 854, height: 480, profile: 'High' });
    const [audio] = await streamsOf(path.join(final, 'audio/index.m3u8'));
    expect(audio).toMatchObject({ codec_type: 'audio', codec_name: 'aac', sample_rate: 44100 });
    // key frames aligned: every rendition has the same segment durations
    const segments = extinf(path.join(final, 'v720/index.m3u8'));
    expect(segments.reduce((a, b) => a + b, 0)).toBeCloseTo(facts.durationS, 0);
    expect(extinf(path.join(final, 'v480/index.m3u8'))).toEqual(segments);
    expect(readdirSync(final).sort()).toEqual(['audio', 'audio-src', 'master.m3u8', 'poster.jpg', 'storyboard.jpg', 'storyboard.vtt', 'v480', 'v720']);
    const [poster] = await streamsOf(path.join(final, 'poster.jpg'));
    expect(poster).toMatchObject({ width: 1280, height: 720 });
    const [sprite] = await streamsOf(path.join(final, 'storyboard.jpg'));
    expect(sprite).toMatchObject({ width: 3 * 160, height: 90 });
    expect(readFileSync(path.join(final, 'storyboard.vtt'), 'utf8')).toContain('00:00:04.000 --> 00:00:06.000\nstoryboard.jpg#xywh=320,0,160,90');
  });

  it('normalises speech loudness to about -16 LUFS', async () => {
    const file = at('normalised.m4a');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-protocol_whitelist', 'file', '-i', at('passthrough', 'final', 'audio/index.m3u8'), '-c', 'copy', file]);
    expect((await measureLoudness(at('h264.mp4'))).inputI).toBeLessThan(-19);
    const after = await measureLoudness(file);
    expect(after.inputI).toBeGreaterThan(-17.5);
    expect(after.inputI).toBeLessThan(-14.5);
  });

  it('transcodes a source it cannot copy (MPEG-4 Part 2 + Opus) fully in one command', async () => {
    const { plan, final } = await transcode('full', at('mpeg4.mkv'));
    expect(plan.passthrough).toBe(false);
    expect(plan.steps.map((s) => s.name)).toEqual(['playable', 'thumbnails']);
    const [video] = await streamsOf(path.join(final, 'v480/index.m3u8'));
    expect(video).toMatchObject({ codec_name: 'h264', width: 854, height: 480 });
    expect(readFileSync(path.join(final, 'master.m3u8'), 'utf8')).toContain('CODECS="avc1.64001f,mp4a.40.2"');
  });

  it('turns an audio-only recording into an audio rendition without poster or storyboard', async () => {
    const { final } = await transcode('audio-only', at('speech.m4a'));
    expect(readdirSync(final).sort()).toEqual(['audio', 'master.m3u8']);
    expect(readFileSync(path.join(final, 'master.m3u8'), 'utf8')).toContain('#EXT-X-STREAM-INF:BANDWIDTH=72000,CODECS="mp4a.40.2",AUDIO="audio"\naudio/index.m3u8');
    const [audio] = await streamsOf(path.join(final, 'audio/index.m3u8'));
    expect(audio).toMatchObject({ codec_name: 'aac', channels: 1 });
  });

  it('keeps portrait video upright: the rungs are 720 and 480 wide', async () => {
    const { final } = await transcode('portrait', at('portrait.mp4'));
    const [low] = await streamsOf(path.join(final, 'v480/index.m3u8'));
    expect(low).toMatchObject({ width: 480, height: 854 });
    const [poster] = await streamsOf(path.join(final, 'poster.jpg'));
    expect(poster).toMatchObject({ width: 720, height: 1280 });
  });

  it('applies the rotation of a phone recording by encoding instead of copying', async () => {
    const { plan, final } = await transcode('rotated', at('rotated.mp4'));
    expect(plan.passthrough).toBe(false);
    const [top] = await streamsOf(path.join(final, 'v720/index.m3u8'));
    expect(top).toMatchObject({ width: 720, height: 1280 });
  });

  it('publishes a recording without audio with no audio group, and the same segments when run again', async () => {
    const encode = { ...SCREENCAST_PRESET, passthrough: false };
    const first = await transcode('mute', at('mute.mp4'), encode);
    const master = readFileSync(path.join(first.final, 'master.m3u8'), 'utf8');
    expect(master).not.toContain('TYPE=AUDIO');
    expect(master).toContain('CODECS="avc1.64001f",RESOLUTION=852x480');
    const again = await transcode('mute-again', at('mute.mp4'), encode);
    // threaded x264 is not bit-exact from run to run; the segment layout and the copied/JPEG outputs are
    for (const file of ['master.m3u8', 'v480/index.m3u8', 'poster.jpg', 'storyboard.vtt']) {
      expect(readFileSync(path.join(again.final, file)).equals(readFileSync(path.join(first.final, file)))).toBe(true);
    }
  });

  it('encodes a long recording in chunks and joins them into the same segments as one encode', async () => {
    const file = at('long.mp4');
    const facts = await factsOf(file);
    const work = at('chunked', 'work');
    const preset = { ...SCREENCAST_PRESET, passthrough: false };
    const chunked = buildChunkedLadder(facts, preset, { input: file, outDir: work }, 6);
    expect(chunked.chunks.length).toBe(2);
    await Promise.all(chunked.chunks.map(async (step) => {
      await prepareOutputs(step, work);
      await runFfmpeg(step);
    }));
    for (const list of chunked.lists) writeFileSync(list.file, list.text);
    await prepareOutputs(chunked.join, work);
    await runFfmpeg(chunked.join);
    const whole = await transcode('unchunked', file);
    const [joined] = await streamsOf(path.join(work, 'v480/index.m3u8'));
    expect(joined).toMatchObject({ codec_name: 'h264', width: 854, height: 480 });
    expect(Number((await ffprobe(path.join(work, 'v480/index.m3u8'))).format.duration)).toBeCloseTo(16, 0);
    expect(extinf(path.join(work, 'v480/index.m3u8'))).toEqual(extinf(path.join(whole.final, 'v480/index.m3u8')));
  });

  it('stops on abort and leaves nothing behind', async () => {
    const file = at('h264.mp4');
    const facts = await factsOf(file);
    const work = at('aborted', 'work');
    const final = at('aborted', 'final');
    await mkdir(final, { recursive: true });
    const plan = buildPlan(facts, { ...SCREENCAST_PRESET, passthrough: false }, { input: file, outDir: work });
    const controller = new AbortController();
    const percents: number[] = [];
    const run = runPlan(plan, { work, final, durationS: facts.durationS, signal: controller.signal, onProgress: (_, p) => {
      percents.push(p.percent);
      if (p.percent > 0) controller.abort();
    } });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(percents.length).toBeGreaterThan(0);
    expect(readdirSync(final)).toEqual([]);
    expect(existsSync(work)).toBe(false);
  });

  it('serves captions in two languages beside the master playlist, which players can open', async () => {
    const final = at('passthrough', 'final');
    const tracks = [
      { language: 'nl', name: 'Nederlands', vtt: srtToVtt('1\n00:00:00,500 --> 00:00:02,000\nHallo <font color="red">allemaal</font>\n\n2\n00:00:02,500 --> 00:00:04,000\nWelkom\n').vtt },
      { language: 'en', name: 'English', vtt: validateVtt('WEBVTT\n\n00:00.500 --> 00:02.000\n<i>Hello</i> everyone\n').vtt },
    ];
    await mkdir(path.join(final, 'captions'), { recursive: true });
    for (const t of tracks) {
      writeFileSync(path.join(final, 'captions', `${t.language}.vtt`), t.vtt);
      writeFileSync(path.join(final, 'captions', `${t.language}.m3u8`), subtitlePlaylist(`${t.language}.vtt`, 6));
    }
    const master = readFileSync(path.join(final, 'master.m3u8'), 'utf8');
    const renditions = buildPlan(await factsOf(at('h264.mp4')), SCREENCAST_PRESET, { input: at('h264.mp4'), outDir: at('x') }).renditions;
    writeFileSync(path.join(final, 'master.m3u8'), masterPlaylist(renditions, tracks.map((t, i) => ({ language: t.language, name: t.name, playlist: `captions/${t.language}.m3u8`, default: i === 0 }))));
    const written = readFileSync(path.join(final, 'master.m3u8'), 'utf8');
    const subtitleUris = [...written.matchAll(/TYPE=SUBTITLES,.*LANGUAGE="(\w+)".*URI="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(subtitleUris).toEqual([['nl', 'captions/nl.m3u8'], ['en', 'captions/en.m3u8']]);
    expect(written).toContain('AUDIO="audio",SUBTITLES="subs"\nv720/index.m3u8');
    for (const [, uri] of subtitleUris) {
      const [stream] = (await ffprobe(path.join(final, uri))).streams;
      expect(stream).toMatchObject({ codec_type: 'subtitle', codec_name: 'webvtt' });
    }
    expect(readFileSync(path.join(final, 'captions/nl.vtt'), 'utf8')).toBe('WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nHallo allemaal\n\n00:00:02.500 --> 00:00:04.000\nWelkom\n');
    writeFileSync(path.join(final, 'master.m3u8'), master);
  });
});
