import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';

const VERSION = 'v1';

/**
 * Encrypts secrets at rest (stream keys, restream keys) with AES-256-GCM. The 256-bit key is derived
 * with HKDF from SECRETS_KEY, or from JWT_SECRET under another label when SECRETS_KEY is not set.
 * Sealed form: `v1.<base64url(iv ‖ tag ‖ ciphertext)>`; tampering makes `open` throw.
 */
@Injectable()
export class SecretBox {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'SECRETS_KEY' | 'JWT_SECRET'>) {
    const [material, label] = config.SECRETS_KEY ? [config.SECRETS_KEY, 'secrets-key'] : [config.JWT_SECRET, 'derived-from-jwt-secret'];
    this.key = Buffer.from(hkdfSync('sha256', material, 'library-streams', `secrets-at-rest:${label}`, 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  open(sealed: string): string {
    const [version, data] = sealed.split('.');
    if (version !== VERSION || !data) throw new Error('Not a sealed secret');
    const raw = Buffer.from(data, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/** A random, URL-safe secret (stream keys, feed tokens). */
export const randomSecret = (bytes = 24): string => randomBytes(bytes).toString('base64url');

/** For looking a secret up without storing it: SHA-256, hex. Secrets here are random, so no salt is needed. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** What staff may see of a secret: its last four characters. */
export const maskSecret = (secret: string): string => `••••${secret.slice(-4)}`;
