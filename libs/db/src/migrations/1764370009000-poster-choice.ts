import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The poster producers chose: the moment of the recording it shows (null: the default moment), and a version that
 * goes up each time a new picture is published under the same file name, for the poster URL's cache-busting query.
 */
export class PosterChoice1764370009000 implements MigrationInterface {
  name = 'PosterChoice1764370009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE media_assets
        ADD COLUMN poster_at_s double precision CHECK (poster_at_s >= 0),
        ADD COLUMN poster_version int NOT NULL DEFAULT 0 CHECK (poster_version >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE media_assets DROP COLUMN poster_at_s, DROP COLUMN poster_version`);
  }
}
