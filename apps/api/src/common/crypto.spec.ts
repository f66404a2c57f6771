import { maskSecret, randomSecret, SecretBox, sha256 } from './crypto';

const box = new SecretBox({ SECRETS_KEY: 'k'.repeat(40), JWT_SECRET: 'j'.repeat(40) });

describe('SecretBox (AES-256-GCM)', () => {
  it('opens what it sealed, and never seals the same way twice', () => {
    const a = box.seal('live_abc123');
    const b = box.seal('live_abc123');
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toEqual(b);
    expect(a).not.toContain('abc123');
    expect(box.open(a)).toBe('live_abc123');
    expect(box.open(b)).toBe('live_abc123');
  });

  it('refuses a tampered or foreign secret', () => {
    const sealed = box.seal('secret');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => box.open(`v1.${raw.toString('base64url')}`)).toThrow();
    expect(() => new SecretBox({ SECRETS_KEY: 'x'.repeat(40), JWT_SECRET: 'j'.repeat(40) }).open(sealed)).toThrow();
    expect(() => box.open('plain-text')).toThrow('Not a sealed secret');
  });

  it('derives a key of its own from JWT_SECRET when SECRETS_KEY is unset', () => {
    const derived = new SecretBox({ SECRETS_KEY: undefined, JWT_SECRET: 'j'.repeat(40) });
    expect(derived.open(derived.seal('x'))).toBe('x');
    expect(() => new SecretBox({ SECRETS_KEY: 'j'.repeat(40), JWT_SECRET: 'j'.repeat(40) }).open(derived.seal('x'))).toThrow();
  });
});

describe('secret helpers', () => {
  it('makes long random URL-safe secrets', () => {
    const s = randomSecret();
    expect(s).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(randomSecret()).not.toBe(s);
  });
  it('hashes and masks', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(maskSecret('abcd-efgh-1234')).toBe('••••1234');
  });
});
