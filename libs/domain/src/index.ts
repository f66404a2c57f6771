export * from './auth/roles';
export * from './auth/password';
export * from './series/episode-stage';
