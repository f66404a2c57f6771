import { CaptionError, chaptersVtt, sanitizeCueText, srtToVtt, validateVtt } from './captions';

const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof CaptionError) return err.problems;
    throw err;
  }
  throw new Error('expected a CaptionError');
};

describe('srtToVtt', () => {
  it('converts SubRip with CRLF, a BOM and markup into sanitised WebVTT', () => {
    const srt = '\uFEFF1\r\n00:00:01,000 --> 00:00:03,500\r\n<i>Welkom</i> in de <font color="red">bibliotheek</font>\r\n\r\n2\r\n00:01:02,250 --> 00:01:04,000\r\nTom & Jerry <script>alert(1)</script>\r\n';
    expect(srtToVtt(srt).vtt).toBe('WEBVTT\n\n00:00:01.000 --> 00:00:03.500\n<i>Welkom</i> in de bibliotheek\n\n00:01:02.250 --> 00:01:04.000\nTom &amp; Jerry alert(1)\n');
  });

  it('reports problems with the SRT file’s own line numbers', () => {
    const srt = '1\n00:00:01,000 --> 00:00:03,500\nHallo\n\n2\n00:00:05 --> 00:00:06,000\nKapot\n\n3\n00:00:09,000 --> 00:00:08,000\nAchteruit\n';
    expect(problemsOf(() => srtToVtt(srt))).toEqual([
      { line: 6, message: 'expected a timing line like "00:00:01.000 --> 00:00:04.000", found "00:00:05 --> 00:00:06,000"' },
      { line: 10, message: 'the cue ends before it starts' },
    ]);
  });
});

describe('validateVtt', () => {
  it('keeps cues, allowed settings and voice tags; drops NOTE, STYLE and unknown settings', () => {
    const input = 'WEBVTT - Nederlands\nKind: captions\n\nSTYLE\n::cue { color: red }\n\nNOTE made by hand\n\nintro\n00:05.000 --> 00:07.000 align:start line:0 evil:1\n<v.loud Anna>Hoi</v> <c.yellow>daar</c> <00:06.000>nu\n';
    expect(validateVtt(input).vtt).toBe('WEBVTT\n\n00:00:05.000 --> 00:00:07.000 align:start line:0\n<v Anna>Hoi</v> daar nu\n');
  });

  it.each<[string, string, { line: number; message: string }[]]>([
    ['no header', '1\n00:00.000 --> 00:01.000\nx\n', [{ line: 1, message: 'the file must start with "WEBVTT"' }]],
    ['a missing blank line', 'WEBVTT\n\n00:00.000 --> 00:01.000\nx\n00:01.000 --> 00:02.000\ny\n', [{ line: 5, message: 'cue text may not contain "-->" (is a blank line missing?)' }]],
    ['no cues', 'WEBVTT\n\nNOTE nothing\n', [{ line: 0, message: 'the file contains no cues' }]],
  ])('rejects %s', (_, input, problems) => {
    expect(problemsOf(() => validateVtt(input))).toEqual(problems);
  });

  it('refuses files over the size cap', () => {
    expect(problemsOf(() => validateVtt(`WEBVTT\n\n${'x'.repeat(1_000_001)}`))).toEqual([{ line: 0, message: 'the file is larger than 1 MB' }]);
  });

  it('escapes stray angle brackets and ampersands but keeps entities', () => {
    expect(sanitizeCueText('a < b &amp; c & d <b>vet</b> <img src=x onerror=y>')).toBe('a &lt; b &amp; c &amp; d <b>vet</b> ');
  });
});

describe('chaptersVtt', () => {
  it('runs each chapter until the next, the last until the end', () => {
    expect(chaptersVtt([{ startS: 95, title: 'Zoeken in de catalogus' }, { startS: 0, title: 'Intro <1>' }], 300)).toBe(
      'WEBVTT\n\n00:00:00.000 --> 00:01:35.000\nIntro &lt;1&gt;\n\n00:01:35.000 --> 00:05:00.000\nZoeken in de catalogus\n',
    );
  });

  it('rejects chapters outside the recording, without a title or at the same time', () => {
    expect(problemsOf(() => chaptersVtt([{ startS: 0, title: 'A' }, { startS: 0, title: ' ' }, { startS: 400, title: 'Z' }], 300)).map((p) => p.message)).toEqual([
      'chapter 2 has no title',
      'two chapters start at 00:00:00.000',
      'chapter "Z" starts outside the recording',
    ]);
  });
});
