// Captions and chapters as WebVTT: SRT conversion, validation with line numbers, sanitising of cue text.
import { vttTime } from './plan';

export const CAPTION_LIMITS = { maxBytes: 1_000_000, maxCues: 20_000, maxErrorsReported: 10 } as const;

export interface Cue {
  startS: number;
  endS: number;
  settings: string;
  text: string;
}

export class CaptionError extends Error {
  override name = 'CaptionError';
  constructor(readonly problems: { line: number; message: string }[]) {
    super(problems.map((p) => (p.line ? `line ${p.line}: ${p.message}` : p.message)).join('; '));
  }
}

const TIMING = /^((?:\d{2,}:)?[0-5]\d:[0-5]\d[.,]\d{3})[ \t]+-->[ \t]+((?:\d{2,}:)?[0-5]\d:[0-5]\d[.,]\d{3})(?:[ \t]+(.*))?$/;
const SETTING = /^(?:vertical:(?:rl|lr)|line:-?\d+(?:\.\d+)?%?(?:,(?:start|center|end))?|position:\d+(?:\.\d+)?%(?:,(?:line-left|center|line-right))?|size:\d+(?:\.\d+)?%|align:(?:start|center|end|left|right))$/;
const ALLOWED_TAG = /^<(\/?)(i|b|u)>$|^<v(?:\.[\w.-]+)?[ \t]+([^>]+)>$|^<\/v>$/;

function parseTime(text: string): number {
  const parts = text.replace(',', '.').split(':').map(Number);
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}

/** Keeps <i>, <b>, <u> and voice tags; drops every other tag but keeps its text; escapes stray & and <. */
export function sanitizeCueText(text: string): string {
  return text.replace(/<[^<>]*>|<|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);|&/g, (token) => {
    if (token === '<') return '&lt;';
    if (token === '&') return '&amp;';
    if (token.startsWith('&')) return token;
    const allowed = ALLOWED_TAG.exec(token);
    if (!allowed) return '';
    return allowed[3] === undefined ? token : `<v ${allowed[3].replace(/&/g, '&amp;').trim()}>`;
  });
}

/**
 * Parses WebVTT and returns it rebuilt from its cues only (no STYLE/REGION/NOTE blocks, sanitised text), or throws
 * a CaptionError listing each problem with its line number.
 */
export function validateVtt(input: string, lineOffset = 0): { vtt: string; cues: Cue[] } {
  if (Buffer.byteLength(input, 'utf8') > CAPTION_LIMITS.maxBytes) {
    throw new CaptionError([{ line: 0, message: `the file is larger than ${CAPTION_LIMITS.maxBytes / 1_000_000} MB` }]);
  }
  const lines = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const problems: { line: number; message: string }[] = [];
  const at = (i: number) => i + 1 + lineOffset;
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) problems.push({ line: at(0), message: 'the file must start with "WEBVTT"' });
  const cues: Cue[] = [];
  let i = 1;
  while (i < lines.length && lines[i].trim() !== '') i++;
  while (i < lines.length) {
    if (lines[i].trim() === '') {
      i++;
      continue;
    }
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') block.push(lines[i++]);
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(block[0])) continue;
    const timingIndex = TIMING.test(block[0].trim()) ? 0 : TIMING.test((block[1] ?? '').trim()) ? 1 : -1;
    if (timingIndex < 0) {
      const line = block[0].includes('-->') ? blockStart : block.length > 1 ? blockStart + 1 : blockStart;
      problems.push({ line: at(line), message: `expected a timing line like "00:00:01.000 --> 00:00:04.000", found "${(lines[line] ?? '').slice(0, 60)}"` });
      continue;
    }
    const timingLine = blockStart + timingIndex;
    const [, from, to, rawSettings = ''] = TIMING.exec(block[timingIndex].trim())!;
    const startS = parseTime(from);
    const endS = parseTime(to);
    if (!(endS > startS)) problems.push({ line: at(timingLine), message: 'the cue ends before it starts' });
    const settings = rawSettings.split(/[ \t]+/).filter((s) => SETTING.test(s)).join(' ');
    const textLines = block.slice(timingIndex + 1);
    textLines.forEach((text, k) => {
      if (text.includes('-->')) problems.push({ line: at(timingLine + 1 + k), message: 'cue text may not contain "-->" (is a blank line missing?)' });
    });
    cues.push({ startS, endS, settings, text: textLines.map(sanitizeCueText).join('\n') });
    if (cues.length > CAPTION_LIMITS.maxCues) {
      problems.push({ line: at(timingLine), message: `more than ${CAPTION_LIMITS.maxCues} cues` });
      break;
    }
  }
  if (!problems.length && !cues.length) problems.push({ line: 0, message: 'the file contains no cues' });
  if (problems.length) throw new CaptionError(problems.slice(0, CAPTION_LIMITS.maxErrorsReported));
  return { vtt: cuesToVtt(cues), cues };
}

/** Converts SubRip (its numbers become cue ids, its commas are read as decimal points) to sanitised WebVTT; problems are reported with the SRT file's own line numbers. */
export function srtToVtt(srt: string): { vtt: string; cues: Cue[] } {
  return validateVtt(`WEBVTT\n\n${srt.replace(/^\uFEFF/, '')}`, -2);
}

export function cuesToVtt(cues: Cue[]): string {
  const blocks = cues.map((c) => `${vttTime(c.startS)} --> ${vttTime(c.endS)}${c.settings ? ` ${c.settings}` : ''}\n${c.text}`);
  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}

export interface Chapter {
  startS: number;
  title: string;
}

/** Chapters as WebVTT: each runs until the next one starts, the last until the end of the recording. */
export function chaptersVtt(chapters: Chapter[], durationS: number): string {
  const sorted = [...chapters].sort((a, b) => a.startS - b.startS);
  const problems: { line: number; message: string }[] = [];
  sorted.forEach((c, i) => {
    if (!(c.startS >= 0 && c.startS < durationS)) problems.push({ line: 0, message: `chapter "${c.title}" starts outside the recording` });
    if (!c.title.trim()) problems.push({ line: 0, message: `chapter ${i + 1} has no title` });
    if (i && c.startS === sorted[i - 1].startS) problems.push({ line: 0, message: `two chapters start at ${vttTime(c.startS)}` });
  });
  if (problems.length) throw new CaptionError(problems);
  const escape = (t: string) => t.trim().replace(/\s+/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return cuesToVtt(sorted.map((c, i) => ({ startS: c.startS, endS: sorted[i + 1]?.startS ?? durationS, settings: '', text: escape(c.title) })));
}
