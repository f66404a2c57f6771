import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configKeys } from './config.schema';
import { loadConfig } from './load-config';

/** No Docker engine runs in CI, so check what can be checked of docker-compose.yml statically. */
const compose = parse(readFileSync(path.join(__dirname, '../../../docker-compose.yml'), 'utf8'), { merge: true });
const services: Record<string, any> = compose.services;
const appServices = ['migrate', 'api', 'worker'];

/** `${VAR:-default}` → default; `${VAR:?msg}` → a stand-in value, as compose would with the variable set. */
const interpolate = (value: unknown): string =>
  String(value).replace(/\$\{(\w+)(?::?-([^}]*)|:\?[^}]*)?\}/g, (_, name: string, def?: string) => def ?? `${name.toLowerCase()}-set-by-operator-0123456789abcdef`);

describe('docker-compose.yml', () => {
  it.each(appServices)('%s: every variable is one the config schema knows, and together they pass validation', (name) => {
    const env = Object.fromEntries(Object.entries(services[name].environment).map(([k, v]) => [k, interpolate(v)]));
    const unknown = Object.keys(env).filter((k) => !configKeys().includes(k));
    expect(unknown).toEqual([]);
    const config = loadConfig(env);
    expect(config.STORAGE_DRIVER).toBe('s3');
    expect(new URL(config.DATABASE_URL).hostname).toBe('postgres');
    expect(new URL(config.REDIS_URL).hostname).toBe('redis');
  });

  it('runs migrations once before the API and workers start', () => {
    expect(services.migrate.command).toEqual(['node', 'dist/libs/db/src/cli.js', 'migrate']);
    for (const name of ['api', 'worker']) expect(services[name].depends_on.migrate.condition).toBe('service_completed_successfully');
  });

  it('publishes the RTMP ingest port the API listens on, with live files on a volume', () => {
    expect(services.api.ports).toContain(`${services.api.environment.RTMP_PORT}:${services.api.environment.RTMP_PORT}`);
    const volume = services.api.volumes[0].split(':');
    expect(volume[1]).toBe(services.api.environment.LIVE_DIR);
    expect(Object.keys(compose.volumes)).toContain(volume[0]);
  });

  it('keeps the worker scalable (no fixed name or published port)', () => {
    expect(services.worker.container_name).toBeUndefined();
    expect(services.worker.ports).toBeUndefined();
  });

  it('configures Redis as BullMQ needs it: AOF on, noeviction', () => {
    const cmd = services.redis.command.join(' ');
    expect(cmd).toContain('--appendonly yes');
    expect(cmd).toContain('--maxmemory-policy noeviction');
  });

  it('gives every long-running service a health check and keeps data in named volumes', () => {
    for (const [name, svc] of Object.entries(services)) {
      if (svc.restart === 'no') continue;
      expect([name, Boolean(svc.healthcheck)]).toEqual([name, true]);
    }
    for (const name of ['postgres', 'redis', 'minio']) {
      const volume = services[name].volumes[0].split(':')[0];
      expect(Object.keys(compose.volumes)).toContain(volume);
    }
  });

  it('builds the images it names from a Dockerfile that has those stages', () => {
    const dockerfile = readFileSync(path.join(__dirname, '../../../Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/AS app$/m);
    expect(dockerfile).toMatch(/AS dashboard$/m);
    expect(services.dashboard.build.target).toBe('dashboard');
  });
});
