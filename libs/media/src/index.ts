export * from './analysis';
export * from './ffmpeg.runner';
export * from './probe';
