import { transcriptOf } from './captions.service';

const cue = (text: string) => ({ startS: 0, endS: 1, settings: '', text });

describe('transcriptOf', () => {
  it.each([
    [[cue('Welkom')], 'Welkom'],
    [[cue('<i>Welkom</i> in de\nbibliotheek'), cue('Tot ziens')], 'Welkom in de bibliotheek\nTot ziens'],
    [[cue('<v Marja>Inloggen</v> met uw pas')], 'Inloggen met uw pas'],
    [[cue('Boeken &amp; films &lt;nieuw&gt;')], 'Boeken & films <nieuw>'],
    [[cue('&amp;lt; blijft tekst')], '&lt; blijft tekst'],
    [[cue('<b></b>'), cue('  Alleen dit  ')], 'Alleen dit'],
  ])('%j → %j', (cues, text) => {
    expect(transcriptOf(cues)).toBe(text);
  });
});
