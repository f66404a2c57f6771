import type { FfprobeData } from './ffmpeg.runner';
import { analyseProbe, checkFilename, formatDuration, parseRate, ProbeLimits, sniffHead } from './probe';

const limits: ProbeLimits = {
  maxDurationS: 4 * 3600,
  allowedContainers: ['mov', 'mp4', 'matroska', 'webm', 'mpegts', 'mp3', 'wav'],
  allowedVideoCodecs: ['h264', 'hevc', 'vp9'],
  allowedAudioCodecs: ['aac', 'opus', 'mp3'],
};

type Stream = FfprobeData['streams'][number];
const h264 = (over: Partial<Stream> = {}): Stream =>
  ({ index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '30000/1001', r_frame_rate: '30000/1001', ...over }) as Stream;
const aac = (over: Partial<Stream> = {}): Stream => ({ index: 1, codec_type: 'audio', codec_name: 'aac', channels: 2, ...over }) as Stream;
const probe = (format_name: string, streams: Stream[], format: Record<string, unknown> = {}): FfprobeData =>
  ({ format: { format_name, duration: 62.5, bit_rate: 2_500_000, ...format }, streams, chapters: [] }) as unknown as FfprobeData;

describe('analyseProbe: accepted recordings', () => {
  it('stores the facts of an OBS-style MP4', () => {
    expect(analyseProbe(probe('mov,mp4,m4a,3gp,3g2,mj2', [h264(), aac()]), limits)).toEqual({
      facts: {
        format: 'mov,mp4,m4a,3gp,3g2,mj2',
        videoCodec: 'h264',
        audioCodec: 'aac',
        width: 1920,
        height: 1080,
        fps: 29.97,
        durationS: 62.5,
        bitRate: 2_500_000,
        audioChannels: 2,
      },
    });
  });

  it.each([
    ['portrait phone video', probe('mov,mp4,m4a,3gp,3g2,mj2', [h264({ width: 1080, height: 1920 }), aac()]), { width: 1080, height: 1920 }],
    ['a recording without sound', probe('matroska,webm', [h264({ codec_name: 'vp9' })]), { audioCodec: null, audioChannels: null }],
    ['sound only (podcast)', probe('mp3', [aac({ codec_name: 'mp3', channels: 1 })]), { videoCodec: null, width: null, fps: null, audioChannels: 1 }],
    ['an MP3 with cover art', probe('mp3', [h264({ codec_name: 'mjpeg', disposition: { attached_pic: 1 } } as never), aac({ codec_name: 'mp3' })]), { videoCodec: null }],
    ['exactly 8K', probe('mpegts', [h264({ width: 7680, height: 4320 })]), { width: 7680 }],
    ['duration only on the streams', probe('mpegts', [h264({ duration: '12.04' } as never)], { duration: 'N/A' }), { durationS: 12.04 }],
    ['unknown bit rate', probe('mpegts', [h264()], { bit_rate: 'N/A' }), { bitRate: null }],
    ['exactly the duration limit', probe('mpegts', [h264()], { duration: 4 * 3600 }), { durationS: 4 * 3600 }],
  ])('accepts %s', (_name, data, expected) => {
    const result = analyseProbe(data, limits);
    expect(result).toHaveProperty('facts');
    expect((result as { facts: object }).facts).toMatchObject(expected);
  });
});

describe('analyseProbe: refused files', () => {
  it.each([
    ['an HLS playlist', probe('hls', [h264()]), 'playlist', /playlist, not a recording/],
    ['a DASH manifest', probe('dash', [h264()]), 'playlist', /playlist/],
    ['a concat script', probe('concat', [h264()]), 'script', /ffmpeg script/],
    ['a lavfi graph', probe('lavfi', [h264()]), 'generated', /generated media/],
    ['an image sequence', probe('image2', [h264({ codec_name: 'png' })]), 'image_sequence', /image sequence/],
    ['a PNG', probe('png_pipe', [h264({ codec_name: 'png' })]), 'image', /picture, not a recording/],
    ['an animated GIF', probe('gif', [h264({ codec_name: 'gif' })]), 'image', /picture/],
    ['text read as ANSI art', probe('tty', [h264({ codec_name: 'ansi' })]), 'text', /text file/],
    ['a subtitle file', probe('webvtt', []), 'text', /text file/],
    ['a container not allowed', probe('asf', [h264()], { format_long_name: 'ASF (Advanced / Active Streaming Format)' }), 'unsupported_type', /ASF/],
    ['a file with only a subtitle track', probe('mov,mp4,m4a,3gp,3g2,mj2', [{ index: 0, codec_type: 'subtitle', codec_name: 'mov_text' } as Stream]), 'no_streams', /neither video nor sound/],
    ['a file with only a data track', probe('mpegts', [{ index: 0, codec_type: 'data', codec_name: 'bin_data' } as Stream]), 'no_streams', /neither/],
    ['a picture over 8K', probe('mov,mp4,m4a,3gp,3g2,mj2', [h264({ width: 9000, height: 9000 })]), 'picture_too_large', /9000×9000 pixels, larger than 8K/],
    ['a very wide picture', probe('matroska,webm', [h264({ width: 8200, height: 200 })]), 'picture_too_large', /8200×200/],
    ['video without dimensions', probe('mpegts', [h264({ width: 0, height: 0 })]), 'unreadable', /damaged, cut off/],
    ['a recording over the limit', probe('mpegts', [h264()], { duration: 4 * 3600 + 61 }), 'too_long', /is 4 h 1 min long; the limit is 4 h/],
    ['an unknown duration', probe('mpegts', [h264()], { duration: 'N/A' }), 'unknown_duration', /cut off/],
    ['an unsupported video codec', probe('matroska,webm', [h264({ codec_name: 'theora' })]), 'unsupported_video_codec', /encoded as theora/],
    ['an unsupported audio codec', probe('matroska,webm', [h264(), aac({ codec_name: 'dts' })]), 'unsupported_audio_codec', /sound is encoded as dts/],
  ])('refuses %s', (_name, data, code, message) => {
    const result = analyseProbe(data, limits);
    expect(result).toEqual({ rejection: { code, message: expect.stringMatching(message) } });
  });
});

describe('sniffHead: before ffprobe sees the file', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(20)]);
  it.each([
    ['zero bytes', Buffer.alloc(0), 0, 'empty'],
    ['an m3u8 playlist', Buffer.from('#EXTM3U\n#EXT-X-VERSION:3\n#EXTINF:10,\n/etc/passwd\n'), 60, 'playlist'],
    ['an m3u8 with a byte-order mark and blank lines', Buffer.from('\uFEFF\n\n#extm3u\nfile:///etc/passwd\n'), 40, 'playlist'],
    ['a PLS playlist', Buffer.from('[playlist]\nFile1=/etc/passwd\n'), 30, 'playlist'],
    ['a DASH manifest', Buffer.from('<?xml version="1.0"?>\n<MPD xmlns="urn:mpeg:dash:schema:mpd:2011">'), 70, 'playlist'],
    ['an ffconcat script', Buffer.from("ffconcat version 1.0\nfile '/etc/passwd'\n"), 40, 'script'],
    ['a bare concat list', Buffer.from("file '/etc/passwd'\n"), 20, 'script'],
    ['a PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), 100, 'document'],
    ['a PNG', png, 5000, 'image'],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 5000, 'image'],
    ['notes in Dutch', Buffer.from('Opname van de workshop "Zelf je boeken verlengen" — één keer per week.\n'), 80, 'text'],
  ])('refuses %s', (_name, head, size, code) => {
    expect(sniffHead(head, size)?.code).toBe(code);
  });

  it.each([
    ['an MP4', mp4],
    ['a Matroska file', Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0, 0])],
    ['an MPEG-TS', Buffer.concat([Buffer.from([0x47, 0x40, 0x00, 0x10, 0x00]), Buffer.alloc(183, 0xff)])],
    ['a WAV', Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WAVEfmt '), Buffer.from([16, 0, 0, 0])])],
  ])('lets %s through to ffprobe', (_name, head) => {
    expect(sniffHead(head, 1_000_000)).toBeNull();
  });
});

describe('checkFilename: before any byte is sent', () => {
  const allowed = ['mov', 'mp4', 'matroska'];
  it.each([
    ['Workshop 2025-03-01.MP4', null],
    ['obs recording.mkv', null],
    ['iPhone.mov', null],
    ['talk.webm', 'unsupported_type'],
    ['stream.m3u8', 'playlist'],
    ['notes.txt', 'text'],
    ['README', 'unsupported_type'],
    ['.mp4', 'unsupported_type'],
  ])('%s → %s', (name, code) => {
    expect(checkFilename(name, allowed)?.code ?? null).toBe(code);
  });

  it('names the extension it refuses', () => {
    expect(checkFilename('talk.webm', allowed)?.message).toBe('Files of type .webm cannot be used. Export it as MP4 (H.264 video, AAC audio) and upload that file.');
  });
});

describe('helpers', () => {
  it.each([
    ['30000/1001', 29.97],
    ['25/1', 25],
    ['0/0', null],
    ['', null],
    [undefined, null],
  ])('parseRate(%j) = %j', (rate, fps) => expect(parseRate(rate)).toBe(fps));

  it.each([
    [5, '5 s'],
    [90, '1 min 30 s'],
    [600, '10 min'],
    [4 * 3600, '4 h'],
    [5 * 3600 + 125, '5 h 2 min'],
  ])('formatDuration(%d) = %s', (s, text) => expect(formatDuration(s)).toBe(text));
});
