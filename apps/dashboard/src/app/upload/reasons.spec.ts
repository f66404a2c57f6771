import { messages } from '../i18n/messages';
import { REASON_CODES, reasonKey, uploadErrorKey } from './reasons';

describe('reasons', () => {
  it.each(REASON_CODES)('%s has its own Dutch and English text', (code) => {
    const key = reasonKey(code)!;
    const nl = (messages.nl as Record<string, string>)[key];
    const en = (messages.en as Record<string, string>)[key];
    expect(nl).toMatch(/\.$/);
    expect(en).toMatch(/\.$/);
    expect(nl).not.toBe(en);
  });

  it('leaves codes it does not know to the server’s own words', () => {
    expect(reasonKey('something_new')).toBeNull();
    expect(reasonKey(null)).toBeNull();
  });

  it('tells the Dutch texts of rejections apart', () => {
    const texts = REASON_CODES.map((c) => (messages.nl as Record<string, string>)[reasonKey(c)!]);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts[REASON_CODES.indexOf('playlist')]).toContain('afspeellijst');
  });

  it.each([
    [413, 'upload.error.tooLarge'],
    [415, 'upload.error.wrongType'],
    [404, 'upload.error.gone'],
    [410, 'upload.error.gone'],
    [403, 'upload.error.notYours'],
    [401, 'upload.error.loggedOut'],
    [400, 'upload.error.refused'],
    [0, 'upload.error.offline'],
    [502, 'upload.error.server'],
  ])('HTTP %d → %s', (status, key) => expect(uploadErrorKey(status)).toBe(key));
});
