import { z } from 'zod';

/**
 * Every environment variable the API and the worker read, validated once at boot.
 * `docker-compose.yml` and `scripts/` must only set variables named here (a test checks it).
 */
const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const port = z.coerce.number().int().min(1).max(65535);

const csv = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) => v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));

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
    BROADCAST_SETUP_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(30),
    BROADCAST_TEARDOWN_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(15),
    STREAM_KEY_LEAD_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(30),
    STREAM_KEY_GRACE_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(120),
    /** Encrypts stream and restream keys at rest (AES-256-GCM); when unset, a key is derived from JWT_SECRET. */
    SECRETS_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    UPLOAD_EXPIRY_HOURS: z.coerce.number().positive().default(24),
    /** ffprobe container names (a file's format list must share one); codecs likewise. Comma-separated. */
    UPLOAD_ALLOWED_CONTAINERS: csv('mov,mp4,matroska,webm,flv,mpegts,avi,mp3,wav,ogg'),
    UPLOAD_ALLOWED_VIDEO_CODECS: csv('h264,hevc,vp8,vp9,av1,mpeg4,mpeg2video,prores'),
    UPLOAD_ALLOWED_AUDIO_CODECS: csv('aac,mp3,opus,vorbis,flac,alac,ac3,eac3,pcm_s16le,pcm_s24le,pcm_f32le'),
    /** Calendar imports: the largest file or feed read, and how many activities one import may create. */
    CALENDAR_IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 ** 2),
    CALENDAR_MAX_ACTIVITIES: z.coerce.number().int().positive().default(20_000),
    CALENDAR_MAX_OCCURRENCES_PER_EVENT: z.coerce.number().int().positive().default(400),
    /** Allow importing feeds from private and loopback addresses (an intranet calendar server). */
    CALENDAR_FETCH_ALLOW_PRIVATE: bool.default(false),
    /** Prefix of every BullMQ key in Redis, so several installations (or test runs) can share one Redis. */
    QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'may only contain letters, digits, - and _').default('library'),
    /** Live ingest: where live HLS segments and recordings in progress are written (local disk, also with S3 storage). */
    LIVE_DIR: z.string().default('.data/live'),
    /** A stream is stopped after this many hours (its recording is kept). */
    LIVE_MAX_HOURS: z.coerce.number().positive().max(24).default(4),
    /** Seconds an encoder may be gone before the broadcast ends; a reconnect within it continues the same stream and recording. */
    LIVE_RECONNECT_GRACE_S: z.coerce.number().int().min(0).max(600).default(30),
    /** Publishing is refused, and a running stream stopped, when LIVE_DIR has less free space than this (MiB). */
    LIVE_MIN_FREE_MB: z.coerce.number().int().min(0).default(2048),
    /** The name patrons know the video site by, in feeds and embeds (e.g. "Bibliotheek Eindhoven"). */
    PUBLIC_SITE_NAME: z.string().trim().min(1).max(100).default('Bibliotheek'),
    /** Recordings longer than this (seconds) are encoded in chunks by parallel jobs, so several workers finish them sooner. */
    TRANSCODE_CHUNK_AFTER_S: z.coerce.number().positive().default(20 * 60),
    /** Target length of one chunk (seconds). */
    TRANSCODE_CHUNK_S: z.coerce.number().positive().default(5 * 60),
    /** ffmpeg runs under `nice -n` this value, so the API and database stay responsive on a shared machine. */
    TRANSCODE_NICENESS: z.coerce.number().int().min(0).max(19).default(10),
    /** A transcode job whose worker stopped renewing its lock this long (ms) is taken over by another worker. */
    TRANSCODE_LOCK_MS: z.coerce.number().int().min(1000).default(60_000),
    /** Local scratch space for recordings downloaded from S3 and outputs on their way to it (default: the OS temp dir). */
    TRANSCODE_TMP_DIR: z.string().optional(),
    /** Bearer token Prometheus sends to GET /api/metrics (admins can always read it); unset: admins only. */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
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
