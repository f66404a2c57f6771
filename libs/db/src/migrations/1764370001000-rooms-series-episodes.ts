import { MigrationInterface, QueryRunner } from 'typeorm';

export class RoomsSeriesEpisodes1764370001000 implements MigrationInterface {
  name = 'RoomsSeriesEpisodes1764370001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rooms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        capacity int CHECK (capacity IS NULL OR capacity >= 0),
        streaming_equipped boolean NOT NULL DEFAULT false,
        notes text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX rooms_name_unique ON rooms (lower(btrim(name)))`);
    await q.query(`
      CREATE TABLE series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (btrim(title) <> ''),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        description text NOT NULL DEFAULT '',
        audience text NOT NULL DEFAULT '',
        language text NOT NULL DEFAULT 'nl',
        category text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE episodes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        series_id uuid NOT NULL REFERENCES series(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (btrim(title) <> ''),
        description text NOT NULL DEFAULT '',
        stage text NOT NULL DEFAULT 'idea' CHECK (stage IN ('idea','script','recording','editing','review','published')),
        assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
        due_date date,
        notes text NOT NULL DEFAULT '',
        position int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX episodes_series ON episodes (series_id, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE episodes`);
    await q.query(`DROP TABLE series`);
    await q.query(`DROP TABLE rooms`);
  }
}
