import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '../../..');

describe('starting the built API with a bad environment', () => {
  it('refuses to start and names each bad or missing variable', () => {
    const r = spawnSync('node', ['dist/apps/api/src/main.js'], {
      cwd: root,
      env: { PATH: process.env.PATH, DATABASE_URL: 'mysql://nope', JWT_SECRET: 'short' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL must be a postgres:// URL');
    expect(r.stderr).toContain('REDIS_URL is missing');
    expect(r.stderr).toContain('JWT_SECRET must be at least 32 characters');
  });

  it('the worker refuses too', () => {
    const r = spawnSync('node', ['dist/apps/worker/src/main.js'], { cwd: root, env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL is missing');
  });
});
