/**
 * Index of the item playing at `t`: the last one that started at or before it (items sorted by startS), or -1
 * before the first. Binary search, so long transcripts stay cheap at four updates a second.
 */
export function activeIndex(items: readonly { startS: number }[], t: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].startS <= t + 0.05) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** 83.4 → "1:23", 3725 → "1:02:05"; anything not a finite time → "0:00". */
export function clock(totalS: number): string {
  const s = Number.isFinite(totalS) && totalS > 0 ? Math.floor(totalS) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Largest step between two position reports that still counts as watching (not a seek or a stall). */
const MAX_STEP_S = 3;

/**
 * Seconds of the video actually watched, from the position reports of a playing video. Seeks and
 * pauses are not counted as watching; `take()` hands the total over for a view report and starts again.
 */
export class WatchTimer {
  private last: number | null = null;
  private total = 0;

  get seconds(): number {
    return this.total;
  }

  tick(positionS: number): void {
    if (this.last !== null) {
      const step = positionS - this.last;
      if (step > 0 && step <= MAX_STEP_S) this.total += step;
    }
    this.last = positionS;
  }

  /** Playback paused or jumped: the next report starts a new stretch. */
  interrupt(): void {
    this.last = null;
  }

  take(): number {
    const total = this.total;
    this.total = 0;
    return total;
  }
}
