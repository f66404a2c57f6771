import { loudnessMeasureArgs, parseLoudnormJson } from './analysis';
import { buildChunkedLadder, buildPlan, masterPlaylist, passthroughRefusal, planChunks, posterArgs, SCREENCAST_PRESET, segmentStarts, SourceFacts, storyboardFor, storyboardVtt } from './plan';

const io = { input: '/in/rec.mp4', outDir: '/work/a1' };
const loudness = { inputI: -24.5, inputTp: -6.1, inputLra: 7.2, inputThresh: -35, targetOffset: 0.4 };
const h264 = (over: Partial<NonNullable<SourceFacts['video']>> = {}): NonNullable<SourceFacts['video']> => ({
  codec: 'h264', profile: 'High', level: 40, pixFmt: 'yuv420p', width: 1920, height: 1080, fps: 30, bitRate: 3_000_000,
  keyframes: [0, 2, 4, 6, 8, 10], ...over,
});
const facts = (over: Partial<SourceFacts> = {}): SourceFacts => ({ durationS: 12, startS: 0, video: h264(), audio: { codec: 'aac', channels: 2 }, loudness, ...over });

/** Every value given to `flag` in an argument list. */
const valuesOf = (args: string[], flag: string) => args.flatMap((a, i) => (a === flag ? [args[i + 1]] : []));
const hls = (dir: string) => [
  '-map_metadata', '-1', '-fflags', '+bitexact', '-f', 'hls', '-hls_time', '4', '-hls_playlist_type', 'vod', '-hls_list_size', '0',
  '-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4', '-hls_flags', 'independent_segments',
  '-hls_segment_filename', `/work/a1/${dir}/seg_%05d.m4s`, `/work/a1/${dir}/index.m3u8`,
];
const x264 = (maxrate: number, level: string, keyint: number, forced: string) => [
  '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '21', '-maxrate', String(maxrate), '-bufsize', String(maxrate * 2),
  '-profile:v', 'high', '-level:v', level, '-g', String(keyint), '-keyint_min', String(keyint), '-sc_threshold', '0', '-force_key_frames', forced,
];
const audio = [
  '-map', '0:a:0', '-vn', '-sn', '-dn',
  '-af', 'loudnorm=I=-16:TP=-1.5:LRA=11:measured_I=-24.5:measured_TP=-6.1:measured_LRA=7.2:measured_thresh=-35:offset=0.4:linear=true,aresample=48000',
  '-c:a', 'aac', '-b:a', '128k', '-ac', '2', ...hls('audio'),
];
const head = ['-hide_banner', '-nostdin', '-y', '-protocol_whitelist', 'file', '-i', '/in/rec.mp4'];

describe('buildPlan', () => {
  it('copies an H.264/AAC 1080p source into the top rung, then encodes 720p and 480p in one process', () => {
    const plan = buildPlan(facts(), SCREENCAST_PRESET, io);
    expect(plan.passthrough).toBe(true);
    expect(plan.steps.map((s) => s.name)).toEqual(['playable', 'ladder', 'thumbnails']);
    // stereo AAC is copied for the first step; the loudness-normalised audio comes with the ladder
    expect(plan.steps[0].args).toEqual([...head, '-map', '0:v:0', '-c:v', 'copy', ...hls('v1080'), '-map', '0:a:0', '-vn', '-sn', '-dn', '-c:a', 'copy', ...hls('audio-src')]);
    expect(plan.steps[1].args).toEqual([
      ...head,
      '-filter_complex', '[0:v:0]split=2[s0][s1];[s0]scale=1280:720:flags=lanczos,format=yuv420p[v720];[s1]scale=854:480:flags=lanczos,format=yuv420p[v480]',
      '-map', '[v720]', '-an', '-sn', '-dn', ...x264(1935360, '3.1', 150, '3.999,7.999'), ...hls('v720'),
      '-map', '[v480]', '-an', '-sn', '-dn', ...x264(860832, '3.1', 150, '3.999,7.999'), ...hls('v480'),
      ...audio,
    ]);
    expect(plan.steps[0].renditions.map((r) => r.id)).toEqual(['v1080', 'audio-src']);
    expect(plan.steps[1].outputs).toEqual(['v720', 'v480', 'audio']);
    expect(plan.renditions.map((r) => r.id)).toEqual(['v1080', 'v720', 'v480', 'audio']);
  });

  it('encodes the audio in the first step when it is not stereo AAC, at the source sample rate', () => {
    const plan = buildPlan(facts({ audio: { codec: 'aac', channels: 6, sampleRate: 44100 } }), SCREENCAST_PRESET, io);
    expect(plan.steps[0].outputs).toEqual(['v1080', 'audio']);
    expect(valuesOf(plan.steps[0].args, '-af')[0]).toMatch(/linear=true,aresample=44100$/);
    expect(valuesOf(plan.steps[0].args, '-ac')).toEqual(['2']);
    expect(plan.steps[1].outputs).toEqual(['v720', 'v480']);
  });

  it.each<[string, Partial<SourceFacts>, string]>([
    ['HEVC', { video: h264({ codec: 'hevc', profile: 'Main' }) }, 'video codec hevc'],
    ['10-bit', { video: h264({ pixFmt: 'yuv420p10le' }) }, 'pixel format yuv420p10le'],
    ['High 4:4:4', { video: h264({ profile: 'High 4:4:4 Predictive' }) }, 'profile High 4:4:4 Predictive'],
    ['120 fps', { video: h264({ fps: 120 }) }, 'frame rate 120'],
    ['40 Mb/s', { video: h264({ bitRate: 40_000_000 }) }, 'bit rate 40000000'],
    ['4K', { video: h264({ width: 3840, height: 2160, level: 51 }) }, 'level 51'],
    ['sparse key frames', { video: h264({ keyframes: [0, 11] }) }, 'key frames too far apart'],
    ['rotated', { video: h264({ rotation: -90 }) }, 'rotated'],
  ])('refuses to copy a %s source', (_, over, reason) => {
    expect(passthroughRefusal(facts(over))).toBe(reason);
  });

  it('transcodes an HEVC source fully: every rung and the audio in one command, key frames every 4 s', () => {
    const plan = buildPlan(facts({ video: h264({ codec: 'hevc', profile: 'Main' }) }), SCREENCAST_PRESET, io);
    expect(plan.passthrough).toBe(false);
    expect(plan.steps.map((s) => s.name)).toEqual(['playable', 'thumbnails']);
    const args = plan.steps[0].args;
    expect(args).toContain('[0:v:0]split=3[s0][s1][s2];[s0]scale=1920:1080:flags=lanczos,format=yuv420p[v1080];[s1]scale=1280:720:flags=lanczos,format=yuv420p[v720];[s2]scale=854:480:flags=lanczos,format=yuv420p[v480]');
    expect(valuesOf(args, '-force_key_frames')).toEqual(['3.999,7.999', '3.999,7.999', '3.999,7.999']);
    expect(valuesOf(args, '-level:v')).toEqual(['4.0', '3.1', '3.1']);
    expect(valuesOf(args, '-c:v')).toEqual(['libx264', 'libx264', 'libx264']);
    expect(plan.steps[0].outputs).toEqual(['v1080', 'v720', 'v480', 'audio']);
  });

  it('never upscales a 720p source: copies 720p and encodes only 480p', () => {
    const plan = buildPlan(facts({ video: h264({ width: 1280, height: 720, level: 31 }) }), SCREENCAST_PRESET, io);
    expect(plan.renditions.map((r) => `${r.id}:${r.width}x${r.height}`)).toEqual(['v720:1280x720', 'v480:854x480', 'audio:undefinedxundefined']);
    expect(plan.steps[1].args).toContain('[0:v:0]scale=854:480:flags=lanczos,format=yuv420p[v480]');
  });

  it('keeps a portrait 1080x1920 recording upright: rungs are 720 and 480 wide', () => {
    const plan = buildPlan(facts({ video: h264({ width: 1080, height: 1920, level: 40 }) }), SCREENCAST_PRESET, io);
    expect(plan.renditions.filter((r) => r.kind === 'video').map((r) => `${r.width}x${r.height}`)).toEqual(['1080x1920', '720x1280', '480x854']);
    expect(plan.storyboard).toMatchObject({ tileWidth: 90, tileHeight: 160 });
    expect(plan.steps[2].args).toContain('trim=end=0.001,scale=min(720\\,iw):-2');
  });

  it('rounds odd dimensions to even sizes and keeps a small source at its own size', () => {
    const odd = buildPlan(facts({ video: h264({ codec: 'vp9', profile: undefined, width: 1365, height: 767 }) }), SCREENCAST_PRESET, io);
    expect(odd.renditions.filter((r) => r.kind === 'video').map((r) => `${r.width}x${r.height}`)).toEqual(['1282x720', '854x480']);
    const tiny = buildPlan(facts({ video: h264({ codec: 'vp9', profile: undefined, width: 641, height: 359 }) }), SCREENCAST_PRESET, io);
    expect(tiny.renditions.filter((r) => r.kind === 'video').map((r) => `${r.id}:${r.width}x${r.height}`)).toEqual(['v360:642x360']);
  });

  it('leaves out the audio group for a recording without sound', () => {
    const plan = buildPlan(facts({ audio: undefined, loudness: undefined }), SCREENCAST_PRESET, io);
    expect(plan.steps[0].args).toEqual([...head, '-map', '0:v:0', '-c:v', 'copy', ...hls('v1080')]);
    expect(masterPlaylist(plan.renditions)).not.toContain('AUDIO');
  });

  it('turns an audio-only recording into one audio rendition', () => {
    const plan = buildPlan(facts({ video: undefined }), SCREENCAST_PRESET, io);
    expect(plan.steps).toEqual([{ name: 'playable', args: [...head, ...audio], durationS: 12, outputs: ['audio'], renditions: plan.renditions }]);
  });

  it('skips loudness normalisation for a silent track (measured -inf)', () => {
    const silent = { ...loudness, inputI: -Infinity, inputTp: -Infinity };
    const args = buildPlan(facts({ video: undefined, loudness: silent }), SCREENCAST_PRESET, io).steps[0].args;
    expect(valuesOf(args, '-af')).toEqual(['aresample=48000']);
  });
});

describe('poster', () => {
  const landscape = { width: 1920, height: 1080 };
  const portrait = { width: 1080, height: 1920 };
  const poster = (ss: string, scale: string, output = '/out/poster.jpg') => [
    '-hide_banner', '-nostdin', '-y', '-protocol_whitelist', 'file', '-noaccurate_seek', '-ss', ss, '-i', '/in/rec.mp4',
    '-map', '0:v:0', '-vf', `trim=end=0.001,${scale}`, '-fps_mode', 'passthrough', '-update', '1',
    '-q:v', '3', '-map_metadata', '-1', '-fflags', '+bitexact', output,
  ];
  /** True when `run` occurs in `args` as consecutive items. */
  const hasRun = (args: string[], run: string[]) => args.some((_, i) => run.every((a, j) => args[i + j] === a));

  it.each<[string, number, { width: number; height: number }, string, string]>([
    ['a landscape recording, at most 720 high', 42.5, landscape, '42.5', 'scale=-2:min(720\\,ih)'],
    ['a portrait recording, at most 720 wide', 3, portrait, '3', 'scale=min(720\\,iw):-2'],
    ['a square recording, as landscape', 0, { width: 600, height: 600 }, '0', 'scale=-2:min(720\\,ih)'],
    ['a moment finer than a millisecond, rounded', 61.23456, landscape, '61.235', 'scale=-2:min(720\\,ih)'],
  ])('writes the picture on screen at a moment of %s', (_, atS, size, ss, scale) => {
    expect(posterArgs('/in/rec.mp4', atS, size, '/out/poster.jpg')).toEqual(poster(ss, scale));
  });

  it('makes the poster of the thumbnails step the same way: at the default moment, or at the one chosen', () => {
    const thumbnails = (choices?: { posterAtS?: number | null }, f = facts()) => buildPlan(f, SCREENCAST_PRESET, io, choices).steps.find((s) => s.name === 'thumbnails')!.args;
    const own = (atS: number) => posterArgs('/in/rec.mp4', atS, landscape, '/work/a1/poster.jpg');
    // the poster command's input is the second input of the thumbnails command, its output the last output there
    const input = (atS: number) => own(atS).slice(3, 10);
    const output = (atS: number) => own(atS).slice(10).map((a) => (a === '0:v:0' ? '1:v:0' : a));
    expect(hasRun(thumbnails(), input(1.2))).toBe(true);
    expect(thumbnails().slice(-output(1.2).length)).toEqual(output(1.2));
    expect(hasRun(thumbnails({ posterAtS: 7.25 }), input(7.25))).toBe(true);
    expect(hasRun(thumbnails({ posterAtS: null }, facts({ durationS: 3600 })), ['-ss', '10'])).toBe(true);
  });
});

describe('segment starts', () => {
  it('follows the source key frames the way the HLS muxer cuts copied video', () => {
    const f = facts({ startS: 1.4, video: h264({ keyframes: [1.4, 3.9, 5.5, 6.4, 9.9, 11.4] }) });
    // first key frame at least 4 s, 8 s, … after the first one (5.5, 9.9), on the output timeline (minus the start time)
    expect(segmentStarts(f, SCREENCAST_PRESET, true)).toEqual([4.1, 8.5]);
    expect(segmentStarts(f, SCREENCAST_PRESET, false)).toEqual([4, 8]);
  });
});

describe('chunks of long recordings', () => {
  it('cuts just before segment starts, each chunk at least the target length', () => {
    const starts = Array.from({ length: 1799 }, (_, i) => (i + 1) * 4);
    const chunks = planChunks(7200, starts, 600);
    expect(chunks).toHaveLength(12);
    expect(chunks[0]).toEqual({ index: 0, startS: 0, durationS: 599.999 });
    expect(chunks[1]).toEqual({ index: 1, startS: 599.999, durationS: 600 });
    expect(chunks.at(-1)).toEqual({ index: 11, startS: 6599.999, durationS: 600.001 });
    expect(planChunks(610, starts, 600)).toEqual([{ index: 0, startS: 0, durationS: 610 }]);
  });

  it('encodes each chunk with key frames at its own segment starts and joins with the concat demuxer', () => {
    const f = facts({ durationS: 20, video: h264({ codec: 'hevc', profile: 'Main', height: 1080 }) });
    const ladder = buildChunkedLadder(f, SCREENCAST_PRESET, io, 8);
    expect(ladder.chunks.map((c) => valuesOf(c.args, '-ss')[0] + '+' + valuesOf(c.args, '-t')[0])).toEqual(['0+7.999', '7.999+8', '15.999+4.001']);
    expect(valuesOf(ladder.chunks[1].args, '-force_key_frames')[0]).toBe('4');
    expect(ladder.chunks[0].args.slice(-1)).toEqual(['/work/a1/chunks/v480/00000.mp4']);
    expect(ladder.lists[2]).toEqual({
      file: '/work/a1/chunks/v480.ffconcat',
      text: "ffconcat version 1.0\nfile '/work/a1/chunks/v480/00000.mp4'\nfile '/work/a1/chunks/v480/00001.mp4'\nfile '/work/a1/chunks/v480/00002.mp4'\n",
    });
    expect(ladder.join.args.slice(0, 14)).toEqual(['-hide_banner', '-nostdin', '-y', '-protocol_whitelist', 'file', '-f', 'concat', '-safe', '0', '-i', '/work/a1/chunks/v1080.ffconcat', '-protocol_whitelist', 'file', '-f']);
    expect(valuesOf(ladder.join.args, '-c')).toEqual(['copy', 'copy', 'copy']);
  });
});

describe('master playlist and storyboard', () => {
  it('lists video rungs by bandwidth with the shared audio group, then the audio-only variant', () => {
    const plan = buildPlan(facts(), SCREENCAST_PRESET, io);
    expect(masterPlaylist(plan.renditions, [{ language: 'nl', name: 'Nederlands', playlist: 'captions/nl.m3u8', default: true }])).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-INDEPENDENT-SEGMENTS',
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Audio",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/index.m3u8"',
        '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Nederlands",LANGUAGE="nl",DEFAULT=YES,AUTOSELECT=YES,URI="captions/nl.m3u8"',
        '#EXT-X-STREAM-INF:BANDWIDTH=4636000,CODECS="avc1.640028,mp4a.40.2",RESOLUTION=1920x1080,FRAME-RATE=30.000,AUDIO="audio",SUBTITLES="subs"',
        'v1080/index.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=2071360,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=30.000,AUDIO="audio",SUBTITLES="subs"',
        'v720/index.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=996832,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=854x480,FRAME-RATE=30.000,AUDIO="audio",SUBTITLES="subs"',
        'v480/index.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=136000,CODECS="mp4a.40.2",AUDIO="audio",SUBTITLES="subs"',
        'audio/index.m3u8',
        '',
      ].join('\n'),
    );
  });

  it('writes one storyboard cue per tile, the last one ending with the recording', () => {
    const sb = storyboardFor(25, { width: 1920, height: 1080 });
    expect(sb).toEqual({ file: 'storyboard.jpg', intervalS: 2, count: 13, columns: 10, tileWidth: 160, tileHeight: 90 });
    const vtt = storyboardVtt(sb, 25);
    expect(vtt.startsWith('WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nstoryboard.jpg#xywh=0,0,160,90\n\n')).toBe(true);
    expect(vtt.endsWith('00:00:24.000 --> 00:00:25.000\nstoryboard.jpg#xywh=320,90,160,90\n')).toBe(true);
    expect(storyboardFor(7200, { width: 1920, height: 1080 })).toMatchObject({ intervalS: 72, count: 100 });
  });
});

describe('loudness measurement', () => {
  it('measures with the same target the second pass uses, and reads -inf for silence', () => {
    expect(loudnessMeasureArgs('/in/a.wav')).toContain('loudnorm=I=-16:TP=-1.5:LRA=11:print_format=json');
    const stderr = '[Parsed_loudnorm_0 @ 0x1]\n{\n\t"input_i" : "-inf",\n\t"input_tp" : "-inf",\n\t"input_lra" : "0.00",\n\t"input_thresh" : "-70.00",\n\t"target_offset" : "0.50"\n}\n';
    expect(parseLoudnormJson(stderr)).toEqual({ inputI: -Infinity, inputTp: -Infinity, inputLra: 0, inputThresh: -70, targetOffset: 0.5 });
    expect(() => parseLoudnormJson('no json here')).toThrow('loudnorm printed no measurement');
  });
});
