export * from './storage';
export * from './content-type';
export * from './local-disk.storage';
export * from './s3.storage';
export * from './create-storage';
export * from './local-file';
