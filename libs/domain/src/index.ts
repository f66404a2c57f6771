export * from './auth/roles';
export * from './auth/password';
