export * from './redis';
export * from './queues';
export * from './jobs';
