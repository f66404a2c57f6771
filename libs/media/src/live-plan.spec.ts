import { concatList, listsSegment, liveIngestArgs, LiveIngestInput, liveMode, recordingRemuxArgs, restreamArgs } from './live-plan';

/** The value following an option (the first occurrence from `from`). */
const after = (args: string[], option: string, from = 0) => args[args.indexOf(option, from) + 1];

describe('liveMode', () => {
  it.each([
    [7, 10, 'passthrough'],
    ['avc1', 'mp4a', 'passthrough'],
    [7, 0, 'passthrough'],
    [7, undefined, 'passthrough'],
    ['hvc1', 10, 'ladder'],
    [12, 10, 'ladder'],
    [7, 2, 'ladder'],
    [7, 'Opus', 'ladder'],
    [0, 0, 'ladder'],
    [undefined, undefined, 'ladder'],
  ])('video %j, audio %j → %s', (video, audio, mode) => {
    expect(liveMode(video, audio)).toBe(mode);
  });
});

describe('liveIngestArgs', () => {
  const base: LiveIngestInput = { input: 'rtmp://127.0.0.1:1935/live/k', mode: 'passthrough', hasAudio: true, hlsDir: '/live/s1/hls/', recordingFile: '/live/s1/part-0.ts', resume: false };

  it('copies H.264/AAC into 1-second independent segments of a rolling playlist, and records the same stream', () => {
    const { args, playlist, mediaPlaylist } = liveIngestArgs(base);
    expect(after(args, '-i')).toBe('rtmp://127.0.0.1:1935/live/k');
    expect(after(args, '-c')).toBe('copy');
    expect(args).not.toContain('libx264');
    expect(after(args, '-hls_time')).toBe('1');
    expect(after(args, '-hls_list_size')).toBe('6');
    expect(after(args, '-hls_flags').split('+').sort()).toEqual(['delete_segments', 'independent_segments', 'program_date_time', 'temp_file']);
    expect(after(args, '-hls_segment_filename')).toBe('/live/s1/hls/seg-%d.ts');
    expect(args.indexOf('/live/s1/hls/index.m3u8')).toBeGreaterThan(args.indexOf('-hls_segment_filename'));
    expect(args.at(-1)).toBe('/live/s1/part-0.ts');
    expect(args.slice(-9)).toEqual(['-map', '0:v:0?', '-map', '0:a:0?', '-c', 'copy', '-f', 'mpegts', '/live/s1/part-0.ts']);
    expect({ playlist, mediaPlaylist }).toEqual({ playlist: 'index.m3u8', mediaPlaylist: 'index.m3u8' });
  });

  it('continues the playlist after a reconnect, marking the break', () => {
    const flags = after(liveIngestArgs({ ...base, resume: true }).args, '-hls_flags').split('+');
    expect(flags).toEqual(expect.arrayContaining(['append_list', 'discont_start', 'delete_segments']));
  });

  it('reports progress on stdout for the control room', () => {
    const { args } = liveIngestArgs(base);
    expect(after(args, '-progress')).toBe('pipe:1');
    expect(args).toContain('-nostdin');
  });

  it('transcodes anything else into a two-rung ladder with a key frame every segment and a master playlist', () => {
    const { args, playlist, mediaPlaylist } = liveIngestArgs({ ...base, mode: 'ladder' });
    expect(after(args, '-c:v')).toBe('libx264');
    expect(after(args, '-force_key_frames')).toBe('expr:gte(t,n_forced*1)');
    expect(after(args, '-filter_complex')).toBe("[0:v:0]split=2[s0][s1];[s0]scale=-2:'min(720,ih)',format=yuv420p[v0];[s1]scale=-2:'min(360,ih)',format=yuv420p[v1]");
    expect(after(args, '-var_stream_map')).toBe('v:0,a:0 v:1,a:1');
    expect(after(args, '-master_pl_name')).toBe('index.m3u8');
    expect(after(args, '-b:v:0')).toBe('2500k');
    expect(after(args, '-b:v:1')).toBe('800k');
    expect(after(args, '-c:a')).toBe('aac');
    expect(args.slice(-9)).toEqual(['-map', '0:v:0?', '-map', '0:a:0?', '-c', 'copy', '-f', 'mpegts', '/live/s1/part-0.ts']);
    expect({ playlist, mediaPlaylist }).toEqual({ playlist: 'index.m3u8', mediaPlaylist: 'v0.m3u8' });
  });

  it('makes a ladder without sound when the encoder sends none', () => {
    const { args } = liveIngestArgs({ ...base, mode: 'ladder', hasAudio: false });
    expect(after(args, '-var_stream_map')).toBe('v:0 v:1');
    expect(args).not.toContain('-c:a');
    expect(args.filter((a) => a === '0:a:0')).toEqual([]);
  });
});

describe('restreamArgs', () => {
  it('copies the stream to the platform as FLV and gives up on a silent connection', () => {
    const args = restreamArgs('rtmp://127.0.0.1:1935/live/k', 'rtmp://a.rtmp.youtube.com/live2/secret');
    expect(after(args, '-i')).toBe('rtmp://127.0.0.1:1935/live/k');
    expect(after(args, '-c')).toBe('copy');
    expect(after(args, '-f')).toBe('flv');
    expect(after(args, '-rw_timeout')).toBe('10000000');
    expect(args.at(-1)).toBe('rtmp://a.rtmp.youtube.com/live2/secret');
  });
});

describe('recording remux', () => {
  it('lists the parts for the concat demuxer, quoting quotes', () => {
    expect(concatList(['/live/a/part-0.ts', "/live/it's/part-1.ts"])).toBe("file '/live/a/part-0.ts'\nfile '/live/it'\\''s/part-1.ts'\n");
  });

  it('joins them without re-encoding, reading local files only', () => {
    const args = recordingRemuxArgs('/live/a/parts.txt', '/live/a/recording.mp4');
    expect(after(args, '-protocol_whitelist')).toBe('file');
    expect(after(args, '-f')).toBe('concat');
    expect(after(args, '-c')).toBe('copy');
    expect(after(args, '-movflags')).toBe('+faststart');
    expect(args.at(-1)).toBe('/live/a/recording.mp4');
  });
});

describe('listsSegment', () => {
  it.each([
    ['#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:1\n', false],
    ['#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.000000,\nseg-0.ts\n', true],
    ['', false],
  ])('%j → %s', (text, yes) => {
    expect(listsSegment(text)).toBe(yes);
  });
});
