import { DataSource } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

/** The one DataSource factory: migrations only, never synchronize. */
export function createDataSource(url: string, options: { logging?: boolean } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: options.logging ? ['error', 'warn', 'migration'] : ['error'],
    extra: { max: 10 },
  });
}

export async function runMigrations(url: string): Promise<string[]> {
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    const ran = await ds.runMigrations();
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
