import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeCheck, ffprobe, keyframeTimes, MediaInputError, measureLoudness, Progress, runFfmpeg } from './ffmpeg.runner';

const make = (file: string, args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, file]);

describe('ffmpeg runner (real ffmpeg on generated clips)', () => {
  let dir: string;
  const at = (name: string) => path.join(dir, name);

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'media-runner-'));
    const video = ['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25:d=3'];
    const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25'];
    make(at('av.mp4'), [...video, '-f', 'lavfi', '-i', 'sine=f=440:d=3', ...x264, '-c:a', 'aac', '-shortest']);
    make(at('quiet.m4a'), ['-f', 'lavfi', '-i', 'sine=f=440:d=3', '-af', 'volume=-10dB', '-c:a', 'aac']);
    make(at('silent.mp4'), [...video, ...x264]);
    make(at('clip.ts'), [...video, ...x264]);
    const ts = readFileSync(at('clip.ts'));
    for (let i = 20_000; i < ts.length - 1000; i += 997) ts[i] ^= 0xff;
    writeFileSync(at('corrupt.ts'), ts);
    mkdirSync(at('folder'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('probes the streams of a local file', async () => {
    const data = await ffprobe(at('av.mp4'));
    const video = data.streams.find((s) => s.codec_type === 'video');
    const audio = data.streams.find((s) => s.codec_type === 'audio');
    expect(video).toMatchObject({ codec_name: 'h264', width: 320, height: 240, pix_fmt: 'yuv420p' });
    expect(audio).toMatchObject({ codec_name: 'aac' });
    expect(Number(data.format.duration)).toBeCloseTo(3, 0);
  });

  it.each([['relative.mp4'], ['http://127.0.0.1/x.mp4'], ['concat:/etc/passwd|/etc/hosts'], ['file:/etc/passwd']])(
    'refuses %s before starting ffprobe',
    async (input) => {
      await expect(ffprobe(input)).rejects.toThrow(MediaInputError);
      await expect(ffprobe(input)).rejects.toThrow(/Not a local file path/);
    },
  );

  it('refuses folders and missing files', async () => {
    await expect(ffprobe(at('folder'))).rejects.toThrow(/Not a regular file/);
    await expect(ffprobe(at('missing.mp4'))).rejects.toThrow(/File not found/);
  });

  it('reports a file ffprobe cannot read as bad input', async () => {
    writeFileSync(at('text.mp4'), 'this is not a video');
    await expect(ffprobe(at('text.mp4'))).rejects.toThrow(MediaInputError);
  });

  it('measures loudness so that a 10 dB quieter track reads about 10 LU lower', async () => {
    const loud = await measureLoudness(at('av.mp4'));
    const quiet = await measureLoudness(at('quiet.m4a'));
    expect(loud.inputI).toBeGreaterThan(-30);
    expect(loud.inputI).toBeLessThan(-10);
    expect(loud.inputI - quiet.inputI).toBeCloseTo(10, 0);
    for (const value of Object.values(quiet)) expect(Number.isFinite(value)).toBe(true);
  });

  it('explains that a recording without audio has no loudness', async () => {
    await expect(measureLoudness(at('silent.mp4'))).rejects.toThrow('The recording has no audio track to measure loudness of');
  });

  it('decodes a sound file and rejects a corrupt one with ffmpeg’s message', async () => {
    await expect(decodeCheck(at('clip.ts'), 2)).resolves.toBeUndefined();
    await expect(decodeCheck(at('av.mp4'), 2)).resolves.toBeUndefined();
    await expect(decodeCheck(at('corrupt.ts'), 10)).rejects.toThrow(/cannot be decoded: .*(error|invalid|overflow)/is);
    await expect(decodeCheck(at('text.mp4'), 10)).rejects.toThrow(MediaInputError);
  });

  it('lists key frame times from packets', async () => {
    expect(await keyframeTimes(at('av.mp4'))).toEqual([0, 1, 2]);
  });

  it('reports increasing progress ending at 100 %', async () => {
    const seen: Progress[] = [];
    const out = at('progress.mp4');
    const args = ['-hide_banner', '-nostdin', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=25:d=8', '-c:v', 'libx264', '-preset', 'veryfast', out];
    await runFfmpeg({ args, durationS: 8 }, { onProgress: (p) => seen.push(p), niceness: 5 });
    expect(statSync(out).size).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    const percents = seen.map((p) => p.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(new Set(percents).size).toBe(percents.length);
    expect(seen.at(-1)).toMatchObject({ percent: 100, etaSeconds: 0 });
  });

  it('kills ffmpeg when aborted and rejects with AbortError', async () => {
    const controller = new AbortController();
    const out = at('aborted.mp4');
    const args = ['-hide_banner', '-nostdin', '-y', '-re', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25:d=60', '-c:v', 'libx264', out];
    const started = Date.now();
    const run = runFfmpeg({ args, durationS: 60 }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(10_000);
    const size = statSync(out, { throwIfNoEntry: false })?.size ?? 0;
    await new Promise((r) => setTimeout(r, 1500));
    expect(statSync(out, { throwIfNoEntry: false })?.size ?? 0).toBe(size);
  });

  it('fails with the tail of ffmpeg’s stderr', async () => {
    await expect(runFfmpeg({ args: ['-hide_banner', '-nostdin', '-i', at('missing.mp4'), '-f', 'null', '-'], durationS: 1 })).rejects.toThrow(/exited with 1: .*No such file/s);
  });
});
