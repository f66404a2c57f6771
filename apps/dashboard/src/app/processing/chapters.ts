import { MessageKey } from '../i18n/messages';

export const MAX_CHAPTER_TITLE = 200;

/** One row of the chapters editor as typed: a time like 1:30 and a title. */
export interface ChapterRow {
  time: string;
  title: string;
}
export interface RowErrors {
  time?: MessageKey;
  title?: MessageKey;
}

/** "90", "1:30", "1:02:03" or "1:30.5" → seconds; null when it is no time. */
export function parseTime(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^(\d+:){0,2}\d+(\.\d+)?$/.test(t)) return null;
  const parts = t.split(':').map(Number);
  if (parts.slice(1).some((p) => p >= 60)) return null;
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}

/**
 * Checks the rows as the server will: every chapter starts inside the recording, no two at the same moment, each has
 * a title. Returns the errors per row, and the chapters to send (sorted) when there are none.
 */
export function checkChapters(rows: ChapterRow[], durationS: number | null): { errors: RowErrors[]; chapters: { start: number; title: string }[] | null } {
  const starts = rows.map((r) => parseTime(r.time));
  const errors = rows.map((row, i): RowErrors => {
    const e: RowErrors = {};
    const s = starts[i];
    if (!row.time.trim()) e.time = 'chapters.timeRequired';
    else if (s === null) e.time = 'chapters.timeInvalid';
    else if (durationS !== null && s >= durationS) e.time = 'chapters.timeOutside';
    else if (starts.findIndex((x) => x === s) < i) e.time = 'chapters.timeTwice';
    if (!row.title.trim()) e.title = 'chapters.titleRequired';
    else if (row.title.trim().length > MAX_CHAPTER_TITLE) e.title = 'chapters.titleLong';
    return e;
  });
  if (errors.some((e) => e.time || e.title)) return { errors, chapters: null };
  const chapters = rows.map((r, i) => ({ start: starts[i]!, title: r.title.trim() })).sort((a, b) => a.start - b.start);
  return { errors, chapters };
}

/** Seconds as the editor shows them: 1:30, 1:02:03, or 1:30.5 when not on a whole second. */
export function formatTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  const fraction = Math.round((seconds - whole) * 1000) / 1000;
  const base = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  return fraction > 0 ? `${base}${String(fraction).slice(1)}` : base;
}
