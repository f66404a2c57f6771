// The one place that starts ffmpeg and ffprobe. Argument lists come from the pure builders (analysis.ts, plan.ts);
// this file only executes them, parses what ffmpeg prints, and stops it when asked.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import ffmpeg, { FfprobeData } from 'fluent-ffmpeg';
import { decodeCheckArgs, keyframeProbeArgs, LoudnessMeasurement, loudnessMeasureArgs, parseLoudnormJson, SAFE_INPUT } from './analysis';

export type { FfprobeData } from 'fluent-ffmpeg';

/** The input itself is unusable (not a local file, corrupt, lacks the stream asked for): retrying will not help. */
export class MediaInputError extends Error {
  override name = 'MediaInputError';
}

const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
const FFPROBE = process.env.FFPROBE_PATH || 'ffprobe';
const STDERR_TAIL = 16_384;

/** Only absolute paths of regular files: no protocols ("http:", "concat:"), devices, pipes or option-like names. */
function assertLocalFile(file: string): void {
  if (typeof file !== 'string' || !path.isAbsolute(file) || file.includes('\0')) {
    throw new MediaInputError(`Not a local file path: ${JSON.stringify(file)}`);
  }
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new MediaInputError(`File not found: ${file}`);
  }
  if (!isFile) throw new MediaInputError(`Not a regular file: ${file}`);
}

export function ffprobe(file: string): Promise<FfprobeData> {
  return new Promise((resolve, reject) => {
    try {
      assertLocalFile(file);
    } catch (err) {
      return reject(err);
    }
    ffmpeg.ffprobe(file, [...SAFE_INPUT, '-v', 'error'], (err: Error | null, data: FfprobeData) => {
      if (err) reject(new MediaInputError(`ffprobe could not read ${path.basename(file)}: ${lastLines(err.message)}`));
      else resolve(data);
    });
  });
}

/** First loudnorm pass (EBU R128) over the first audio stream. */
export async function measureLoudness(file: string): Promise<LoudnessMeasurement> {
  assertLocalFile(file);
  let stderr: string;
  try {
    stderr = await run(FFMPEG, loudnessMeasureArgs(file), {});
  } catch (err) {
    if (/matches no streams/.test(String(err.message))) throw new MediaInputError('The recording has no audio track to measure loudness of');
    throw err;
  }
  return parseLoudnormJson(stderr);
}

/** Decodes the first `seconds` of all audio and video streams; throws ffmpeg's message when the input is corrupt. */
export async function decodeCheck(file: string, seconds: number): Promise<void> {
  assertLocalFile(file);
  try {
    await run(FFMPEG, decodeCheckArgs(file, seconds), {});
  } catch (err) {
    throw new MediaInputError(`The recording cannot be decoded: ${err.message}`);
  }
}

/** Presentation times (seconds) of the video key frames, read from packets without decoding. */
export async function keyframeTimes(file: string): Promise<number[]> {
  assertLocalFile(file);
  const out = await run(FFPROBE, keyframeProbeArgs(file), { stdout: true });
  const times: number[] = [];
  for (const line of out.split('\n')) {
    const [pts, flags] = line.trim().split(',');
    if (flags?.startsWith('K') && pts !== 'N/A') times.push(Number(pts));
  }
  return times.sort((a, b) => a - b);
}

export interface Progress {
  percent: number;
  etaSeconds: number | null;
  /** Media seconds encoded per wall-clock second. */
  speed: number | null;
}

export interface RunOptions {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  /** 0–19; the encode runs under `nice -n` so the API and database stay responsive. */
  niceness?: number;
}

/** Runs one planned ffmpeg command; `durationS` is the media duration it produces, for percent and ETA. */
export async function runFfmpeg(command: { args: readonly string[]; durationS: number }, options: RunOptions = {}): Promise<void> {
  const { onProgress } = options;
  let lastPercent = -1;
  const started = Date.now();
  const onStdoutBlock = (block: Record<string, string>) => {
    if (!onProgress) return;
    const outUs = Number(block.out_time_us ?? block.out_time_ms);
    const done = block.progress === 'end';
    if (!done && !(outUs >= 0)) return;
    const seconds = done ? command.durationS : outUs / 1e6;
    const percent = Math.min(100, Math.max(0, command.durationS > 0 ? (seconds / command.durationS) * 100 : 0));
    const rounded = Math.round(percent * 10) / 10;
    if (rounded <= lastPercent && !done) return;
    lastPercent = rounded;
    const parsedSpeed = Number.parseFloat(block.speed ?? '');
    const speed = Number.isFinite(parsedSpeed) && parsedSpeed > 0 ? parsedSpeed : null;
    const remaining = Math.max(0, command.durationS - seconds);
    const elapsed = (Date.now() - started) / 1000;
    const etaSeconds = done ? 0 : speed ? remaining / speed : seconds > 0 ? (elapsed * remaining) / seconds : null;
    onProgress({ percent: rounded, etaSeconds: etaSeconds === null ? null : Math.round(etaSeconds), speed });
  };
  await run(FFMPEG, ['-progress', 'pipe:1', '-nostats', ...command.args], { ...options, onStdoutBlock });
}

interface SpawnOptions extends RunOptions {
  stdout?: boolean;
  onStdoutBlock?: (block: Record<string, string>) => void;
}

/** Spawns a tool and resolves with its stderr (or stdout when asked); rejects with the tail of stderr on failure. */
function run(bin: string, args: readonly string[], options: SpawnOptions): Promise<string> {
  const { signal, niceness = 0, onStdoutBlock } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const [cmd, argv] = niceness > 0 ? ['nice', ['-n', String(niceness), bin, ...args]] : [bin, [...args]];
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    let pending = '';
    let block: Record<string, string> = {};
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (options.stdout) stdout += chunk;
      if (!onStdoutBlock) return;
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const eq = line.indexOf('=');
        if (eq < 0) continue;
        const key = line.slice(0, eq).trim();
        block[key] = line.slice(eq + 1).trim();
        if (key === 'progress') {
          onStdoutBlock(block);
          block = {};
        }
      }
    });
    child.once('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      reject(err);
    });
    child.once('close', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      if (aborted) reject(abortError());
      else if (code === 0) resolve(options.stdout ? stdout : stderr);
      else reject(new Error(`${path.basename(bin)} exited with ${code ?? sig}: ${lastLines(stderr)}`));
    });
  });
}

function abortError(): Error {
  const err = new Error('The ffmpeg run was cancelled');
  err.name = 'AbortError';
  return err;
}

function lastLines(text: string, count = 6): string {
  return text.trim().split('\n').slice(-count).join('\n');
}
