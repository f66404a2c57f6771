import { z } from 'zod';

/**
 * Every environment variable the API and the worker read, validated once at boot.
 * `docker-compose.yml` and `scripts/` must only set variables named here (a test checks it).
 */
const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const port = z.coerce.number().int().min(1).max(65535);

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(3000),
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    DATABASE_URL: z.url().refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// URL'),
    REDIS_URL: z.url().refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// URL'),

    JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
    JWT_TTL: z.string().regex(/^\d+[smhd]$/, 'must look like 15m, 8h or 1d').default('8h'),
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),

    SEED_DEMO: bool.default(false),
    DEMO_PASSWORD: z.string().min(8).default('demo-library'),

    DASHBOARD_DIR: z.string().default('dist/dashboard/browser'),
    TIMEZONE: z.string().default('Europe/Amsterdam'),

    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    MEDIA_DIR: z.string().default('.data/media'),
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().default('us-east-1'),
    S3_BUCKET: z.string().optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: bool.default(true),

    UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(8 * 1024 ** 3),
    UPLOAD_MAX_DURATION_S: z.coerce.number().int().positive().default(4 * 3600),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),

    RTMP_PORT: port.default(1935),
  })
  .superRefine((c, ctx) => {
    if (c.STORAGE_DRIVER === 's3') {
      for (const key of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when STORAGE_DRIVER=s3' });
      }
    }
  });

export type AppConfig = z.infer<typeof configSchema>;

/** The names of all variables the schema knows, for checks of compose files and scripts. */
export const configKeys = (): string[] => Object.keys(configSchema.shape ?? (configSchema as any)._def.schema.shape);
