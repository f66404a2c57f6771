import { preferredTrack, saveCaptions, savedCaptions } from './captions';

describe('preferredTrack', () => {
  const tracks = [
    { label: 'English', language: 'en' },
    { label: 'Nederlands', language: 'nl-NL' },
    { label: 'Türkçe', language: 'tr' },
  ];
  it.each<[(string | null)[], number]>([
    [['tr', 'nl', 'nl'], 2], // the patron chose Turkish before
    [[null, 'nl', 'en'], 1], // page language, region ignored
    [[null, 'fr', 'en'], 0], // else the video's language
    [[null, 'fr', 'de'], 0], // else the first
  ])('%j → track %d', (wanted, index) => {
    expect(preferredTrack(tracks, wanted)).toBe(index);
  });

  it('is -1 without tracks', () => {
    expect(preferredTrack([], ['nl'])).toBe(-1);
  });
});

describe('saved captions choice', () => {
  beforeEach(() => localStorage.clear());

  it('is off with no language at first, and remembers a choice', () => {
    expect(savedCaptions()).toEqual({ on: false, language: null });
    saveCaptions({ on: true, language: 'nl' });
    expect(savedCaptions()).toEqual({ on: true, language: 'nl' });
  });

  it('ignores a damaged value', () => {
    localStorage.setItem('captions', '{not json');
    expect(savedCaptions()).toEqual({ on: false, language: null });
    localStorage.setItem('captions', '{"on":"yes","language":3}');
    expect(savedCaptions()).toEqual({ on: false, language: null });
  });
});
