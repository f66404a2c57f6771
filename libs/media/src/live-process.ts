// The one place that starts the long-running live ffmpeg processes (ingest, restreams). Argument lists come from
// live-plan.ts; this file runs them, reads the progress ffmpeg prints, and stops them when asked.
import { ChildProcess, spawn } from 'node:child_process';

const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
const STDERR_TAIL = 4096;

/** What ffmpeg last reported about the stream it is writing. */
export interface LiveProgress {
  fps: number | null;
  bitrateKbps: number | null;
  droppedFrames: number | null;
  /** Seconds of media written so far. */
  outTimeS: number | null;
  at: Date;
}

export interface LiveExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines ffmpeg printed, secrets masked. */
  message: string;
  /** True when the process was stopped with stop(). */
  stopped: boolean;
}

export interface LiveProcessOptions {
  onProgress?: (progress: LiveProgress) => void;
  onExit: (exit: LiveExit) => void;
  /** Strings (stream keys) never to show in messages. */
  secrets?: readonly string[];
}

const num = (v: string | undefined): number | null => {
  const n = Number.parseFloat(v ?? '');
  return Number.isFinite(n) ? n : null;
};

/** A running ffmpeg process (spawned with an argument array, never a shell). */
export class LiveProcess {
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private stderr = '';
  private stopping = false;

  constructor(
    args: readonly string[],
    private readonly options: LiveProcessOptions,
  ) {
    this.child = spawn(FFMPEG, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL);
    });
    let pending = '';
    let block: Record<string, string> = {};
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const eq = line.indexOf('=');
        if (eq < 0) continue;
        const key = line.slice(0, eq).trim();
        block[key] = line.slice(eq + 1).trim();
        if (key !== 'progress') continue;
        const outUs = num(block.out_time_us);
        this.options.onProgress?.({
          fps: num(block.fps),
          bitrateKbps: num(block.bitrate?.replace(/kbits\/s$/, '')),
          droppedFrames: num(block.drop_frames),
          outTimeS: outUs !== null && outUs >= 0 ? outUs / 1e6 : null,
          at: new Date(),
        });
        block = {};
      }
    });
    this.exited = new Promise((resolve) => {
      const done = (code: number | null, signal: NodeJS.Signals | null, extra = '') => {
        resolve();
        this.options.onExit({ code, signal, message: this.mask(`${this.stderr}${extra}`.trim().split('\n').slice(-4).join('\n')), stopped: this.stopping });
      };
      this.child.once('error', (err) => done(null, null, `\n${err.message}`));
      this.child.once('close', (code, signal) => done(code, signal));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Asks ffmpeg to finish its files (SIGINT), then kills it if it has not exited within `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.stopping = true;
      this.child.kill('SIGINT');
      // Once running, ffmpeg only breaks off a blocked read (a stream that stopped sending) at the second signal.
      const again = setTimeout(() => this.child.kill('SIGINT'), 200);
      const kill = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(again);
      clearTimeout(kill);
    }
    await this.exited;
  }

  private mask(text: string): string {
    return (this.options.secrets ?? []).filter(Boolean).reduce((t, s) => t.split(s).join('••••'), text);
  }
}
