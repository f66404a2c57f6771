import type { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { createStorage } from '@app/storage';

/** The media storage (`Storage` from @app/storage) chosen by STORAGE_DRIVER. */
export const STORAGE = Symbol('STORAGE');

export const storageProvider: Provider = { provide: STORAGE, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createStorage(c) };
