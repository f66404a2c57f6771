import { ConfigError, loadConfig } from './load-config';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
};

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('loadConfig', () => {
  it('applies defaults to a minimal valid environment', () => {
    const c = loadConfig(valid);
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', STORAGE_DRIVER: 'local', UPLOAD_MAX_BYTES: 8 * 1024 ** 3, TIMEZONE: 'Europe/Amsterdam', SEED_DEMO: false });
  });

  it('names every missing variable', () => {
    expect(problems({})).toEqual(['DATABASE_URL is missing', 'REDIS_URL is missing', 'JWT_SECRET is missing']);
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT /],
    [{ PORT: '70000' }, /^PORT /],
    [{ DATABASE_URL: 'mysql://x/y' }, /^DATABASE_URL must be a postgres:\/\/ URL/],
    [{ REDIS_URL: 'not a url' }, /^REDIS_URL /],
    [{ JWT_SECRET: 'short' }, /^JWT_SECRET must be at least 32 characters/],
    [{ JWT_TTL: 'forever' }, /^JWT_TTL must look like/],
    [{ SEED_DEMO: 'yes' }, /^SEED_DEMO /],
    [{ STORAGE_DRIVER: 's3' }, /^S3_BUCKET is required when STORAGE_DRIVER=s3/],
  ])('refuses %j', (override, message) => {
    const found = problems({ ...valid, ...override });
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(message);
  });
});
