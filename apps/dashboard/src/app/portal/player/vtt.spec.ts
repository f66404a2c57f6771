import { cueText, parseVtt, storyboardTiles } from './vtt';

describe('parseVtt', () => {
  it('reads cues with and without identifiers, hours and settings, and skips NOTE and STYLE blocks', () => {
    const vtt = [
      '\uFEFFWEBVTT - Je boeken verlengen',
      '',
      'NOTE made by hand',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      '1',
      '00:00:01.000 --> 00:00:04.500 line:90%',
      'Open de app van de bibliotheek.',
      '',
      '00:05.250 --> 00:09.000',
      'Tik op <b>Mijn boeken</b>',
      'en kies Verlengen.',
      '',
      '01:02:03.004 --> 01:02:05.000',
      'Klaar!',
      '',
    ].join('\r\n');
    expect(parseVtt(vtt)).toEqual([
      { startS: 1, endS: 4.5, text: 'Open de app van de bibliotheek.' },
      { startS: 5.25, endS: 9, text: 'Tik op <b>Mijn boeken</b>\nen kies Verlengen.' },
      { startS: 3723.004, endS: 3725, text: 'Klaar!' },
    ]);
  });

  it.each([
    ['no WEBVTT header', '00:00:01.000 --> 00:00:02.000\nHallo'],
    ['an empty file', ''],
    ['a cue that ends before it starts', 'WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nTerug in de tijd'],
    ['a timing line without milliseconds', 'WEBVTT\n\n00:01 --> 00:02\nHallo'],
  ])('gives no cues for %s', (_, vtt) => {
    expect(parseVtt(vtt)).toEqual([]);
  });
});

describe('cueText', () => {
  it.each([
    ['Tik op <b>Mijn boeken</b>', 'Tik op Mijn boeken'],
    ['<v Bibliothecaris>Welkom</v>', 'Welkom'],
    ['Boeken &amp; tijdschriften &lt;gratis&gt;', 'Boeken & tijdschriften <gratis>'],
    ['caf&#233; &#x2014; &nbsp;klaar', 'café — \u00a0klaar'],
    ['eerste regel\n  tweede regel', 'eerste regel tweede regel'],
    ['&unknown; blijft staan', '&unknown; blijft staan'],
  ])('%j → %j', (raw, text) => {
    expect(cueText(raw)).toBe(text);
  });
});

describe('storyboardTiles', () => {
  it('resolves each tile of the sprite against the VTT address', () => {
    const vtt = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nstoryboard.jpg#xywh=0,0,160,90\n\n00:00:02.000 --> 00:00:04.000\nstoryboard.jpg#xywh=160,0,160,90\n\n00:00:04.000 --> 00:00:05.000\nnot a tile\n';
    expect(storyboardTiles(vtt, 'https://bieb.example/api/public/videos/x/files/hls/storyboard.vtt')).toEqual([
      { startS: 0, url: 'https://bieb.example/api/public/videos/x/files/hls/storyboard.jpg', x: 0, y: 0, width: 160, height: 90 },
      { startS: 2, url: 'https://bieb.example/api/public/videos/x/files/hls/storyboard.jpg', x: 160, y: 0, width: 160, height: 90 },
    ]);
  });
});
