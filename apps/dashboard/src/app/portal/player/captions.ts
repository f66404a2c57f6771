export interface CaptionTrackInfo {
  label: string;
  language: string;
}

const base = (lang: string) => lang.toLowerCase().split('-')[0];

/** The caption track to use: the first wanted language that has a track (patron's earlier choice, page language, video language), else the first. -1 when there are none. */
export function preferredTrack(tracks: readonly CaptionTrackInfo[], wanted: readonly (string | null | undefined)[]): number {
  for (const lang of wanted) {
    if (!lang) continue;
    const i = tracks.findIndex((t) => base(t.language) === base(lang));
    if (i >= 0) return i;
  }
  return tracks.length ? 0 : -1;
}

export interface CaptionChoice {
  on: boolean;
  language: string | null;
}

const KEY = 'captions';

/** The patron's last captions choice in this browser (on or off, and the language). */
export function savedCaptions(): CaptionChoice {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<CaptionChoice> | null;
    return { on: saved?.on === true, language: typeof saved?.language === 'string' ? saved.language : null };
  } catch {
    return { on: false, language: null };
  }
}

export function saveCaptions(choice: CaptionChoice): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(choice));
  } catch {
    /* private mode */
  }
}
