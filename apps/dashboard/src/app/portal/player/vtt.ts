/** One cue of a WebVTT file: from, to, and its text as written (tags and entities included). */
export interface VttCue {
  startS: number;
  endS: number;
  text: string;
}

/** One preview picture of the scrubber: a rectangle of a sprite image, shown from startS. */
export interface StoryboardTile {
  startS: number;
  url: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const TIME = String.raw`(?:(\d+):)?([0-5]\d):([0-5]\d)[.,](\d{3})`;
const TIMING = new RegExp(String.raw`^${TIME}[ \t]+-->[ \t]+${TIME}`);
const XYWH = /^(.+)#xywh=(\d+),(\d+),(\d+),(\d+)$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f' };

const seconds = (h: string | undefined, m: string, s: string, ms: string) => Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;

/** The cues of a WebVTT file, in file order; NOTE, STYLE and REGION blocks and malformed blocks are skipped. */
export function parseVtt(input: string): VttCue[] {
  const lines = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (!/^WEBVTT(?:[ \t]|$)/.test(lines[0] ?? '')) return [];
  const cues: VttCue[] = [];
  let i = 1;
  while (i < lines.length) {
    const timing = TIMING.exec(lines[i].trim());
    if (!timing) {
      i++;
      continue;
    }
    const text: string[] = [];
    for (i++; i < lines.length && lines[i].trim() !== ''; i++) text.push(lines[i]);
    const startS = seconds(timing[1], timing[2], timing[3], timing[4]);
    const endS = seconds(timing[5], timing[6], timing[7], timing[8]);
    if (endS > startS) cues.push({ startS, endS, text: text.join('\n') });
  }
  return cues;
}

/** A cue's text as plain words for reading along: tags dropped, entities decoded, lines joined. */
export function cueText(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** The tiles of a storyboard WebVTT (`sprite.jpg#xywh=x,y,w,h` per cue), with sprite URLs resolved against the VTT's own URL. */
export function storyboardTiles(vtt: string, vttUrl: string): StoryboardTile[] {
  return parseVtt(vtt).flatMap((cue) => {
    const m = XYWH.exec(cue.text.trim());
    if (!m) return [];
    return [{ startS: cue.startS, url: new URL(m[1], vttUrl).href, x: +m[2], y: +m[3], width: +m[4], height: +m[5] }];
  });
}
