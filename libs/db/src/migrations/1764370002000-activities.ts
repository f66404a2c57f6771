import { MigrationInterface, QueryRunner } from 'typeorm';

export class Activities1764370002000 implements MigrationInterface {
  name = 'Activities1764370002000';

  async up(q: QueryRunner): Promise<void> {
    // One row per occurrence of a calendar event. Imports own the calendar columns; the staff columns
    // (consent, camera plan, participation, verdict) are only written by staff and survive re-imports.
    await q.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source text NOT NULL CHECK (source IN ('ics','csv')),
        source_uid text NOT NULL CHECK (btrim(source_uid) <> ''),
        occurrence text NOT NULL DEFAULT '',
        title text NOT NULL CHECK (btrim(title) <> ''),
        description text NOT NULL DEFAULT '',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        all_day boolean NOT NULL DEFAULT false,
        location text NOT NULL DEFAULT '',
        room_id uuid REFERENCES rooms(id) ON DELETE SET NULL,
        categories text[] NOT NULL DEFAULT '{}',
        audience text[] NOT NULL DEFAULT '{}',
        capacity int CHECK (capacity >= 0),
        registrations int CHECK (registrations >= 0),
        waitlist int CHECK (waitlist >= 0),
        presenter text NOT NULL DEFAULT '',
        visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public','internal','private')),
        status text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed','tentative','cancelled')),
        content_hash text NOT NULL,
        rights_consent text NOT NULL DEFAULT 'unknown' CHECK (rights_consent IN ('unknown','confirmed','refused')),
        audience_participation boolean,
        camera_plan text CHECK (camera_plan IN ('attendees_out_of_frame','recorded_consent')),
        verdict_override boolean,
        verdict_note text,
        verdict_by uuid REFERENCES users(id) ON DELETE SET NULL,
        verdict_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at >= starts_at),
        CHECK ((verdict_override IS NULL) = (verdict_note IS NULL)),
        UNIQUE (source_uid, occurrence)
      )`);
    await q.query(`CREATE INDEX activities_starts_at ON activities (starts_at)`);
    await q.query(`CREATE INDEX activities_room ON activities (room_id, starts_at)`);
    await q.query(`
      CREATE TABLE qualification_settings (
        id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        weights jsonb NOT NULL CHECK (jsonb_typeof(weights) = 'object'),
        threshold int NOT NULL CHECK (threshold BETWEEN 0 AND 100),
        crew_needed int NOT NULL CHECK (crew_needed >= 1),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE qualification_settings`);
    await q.query(`DROP TABLE activities`);
  }
}
