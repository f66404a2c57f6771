import type { AppConfig } from '@app/config';
import { LocalDiskStorage } from './local-disk.storage';
import { S3Storage } from './s3.storage';
import type { Storage } from './storage';

/** The storage STORAGE_DRIVER names: local disk under MEDIA_DIR (default) or an S3-compatible bucket. */
export function createStorage(config: AppConfig): Storage {
  if (config.STORAGE_DRIVER === 'local') return new LocalDiskStorage(config.MEDIA_DIR);
  return new S3Storage({
    bucket: config.S3_BUCKET!,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    accessKeyId: config.S3_ACCESS_KEY_ID!,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  });
}

