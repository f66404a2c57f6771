/**
 * Speed and time left of an upload, from the bytes sent so far. The speed is measured over the last few
 * seconds (a sliding window), so a pause or a slow patch of Wi-Fi shows within seconds, and bytes that were
 * already on the server before a resume do not count as speed.
 */
export class TransferMeter {
  private samples: { at: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 5000) {}

  /** Records the bytes on the server at time `at` (ms). */
  add(bytes: number, at: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last && bytes < last.bytes) this.samples = [];
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && this.samples[1].at <= at - this.windowMs) this.samples.shift();
  }

  /** Bytes per second over the window; null until there is at least half a second to measure. */
  speed(): number | null {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || last.at - first.at < 500) return null;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }

  /** Seconds until `total` bytes are there at the current speed; null when it cannot be told. */
  secondsLeft(total: number): number | null {
    const speed = this.speed();
    const last = this.samples[this.samples.length - 1];
    if (!speed || !last) return null;
    return Math.max(0, Math.ceil((total - last.bytes) / speed));
  }

  reset(): void {
    this.samples = [];
  }
}

/** A whole percentage that only shows 100 when everything is there. */
export function percentOf(done: number, total: number): number {
  if (total <= 0) return 0;
  const p = Math.floor((done / total) * 100);
  return done >= total ? 100 : Math.min(p, 99);
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1.5 MB, 820 KB: sizes as file managers show them (powers of 1000). */
export function formatBytes(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}

/** Seconds as 1:05:09 or 4:07 — a time left, or a position in a video. */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
