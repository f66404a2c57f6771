import { slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['Zelf je boeken verlengen!', 'zelf-je-boeken-verlengen'],
    ['  Café  Crème — Ünïcode ', 'cafe-creme-unicode'],
    ['DigiD aanvragen (stap 1/3)', 'digid-aanvragen-stap-1-3'],
    ['!!!', ''],
    ['a'.repeat(100), 'a'.repeat(80)],
    ['ab '.repeat(40), ('ab-'.repeat(27)).slice(0, 80).replace(/-$/, '')],
  ])('%j → %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});
