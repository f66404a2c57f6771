import { createDataSource } from './data-source';
import { migrations } from './migrations';
import { createTestDatabase, TestDatabase } from './testing';

describe('migrations (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('are all applied to the template, revert cleanly one by one, and apply again', async () => {
    const ds = await createDataSource(db.url).initialize();
    try {
      expect(await ds.showMigrations()).toBe(false);
      for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration();
      const tables = await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
      expect(tables).toEqual([]);
      const ran = await ds.runMigrations();
      expect(ran.map((m) => m.name)).toEqual(migrations.map((m) => new m().name));
    } finally {
      await ds.destroy();
    }
  });

  it('refuses a user row that breaks the rules (lower-case e-mail, known roles)', async () => {
    const ds = await createDataSource(db.url).initialize();
    try {
      await expect(ds.query(`INSERT INTO users (email, name, password_hash, roles) VALUES ('A@B.nl', 'x', 'h', '{admin}')`)).rejects.toThrow(/check/);
      await expect(ds.query(`INSERT INTO users (email, name, password_hash, roles) VALUES ('a@b.nl', 'x', 'h', '{janitor}')`)).rejects.toThrow(/check/);
    } finally {
      await ds.destroy();
    }
  });
});
