/**
 * Database commands: `node dist/libs/db/src/cli.js migrate|seed`.
 * Reads DATABASE_URL (and DEMO_PASSWORD for seed) from the environment.
 */
import 'reflect-metadata';
import { createDataSource, runMigrations } from './data-source';
import { seedDemo } from './seed';

async function main(command: string | undefined): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is missing');
  if (command === 'migrate') {
    const ran = await runMigrations(url);
    console.log(ran.length ? `Applied migrations: ${ran.join(', ')}` : 'Database schema is up to date.');
  } else if (command === 'seed') {
    const ds = await createDataSource(url).initialize();
    try {
      const seeded = await seedDemo(ds, process.env.DEMO_PASSWORD || 'demo-library');
      console.log(seeded ? 'Demo data seeded.' : 'Demo data already present; left as it is.');
    } finally {
      await ds.destroy();
    }
  } else {
    throw new Error(`Unknown command "${command ?? ''}". Use: migrate | seed`);
  }
}

main(process.argv[2]).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
