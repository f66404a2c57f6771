import { MigrationInterface, QueryRunner } from 'typeorm';

export class Live1764370008000 implements MigrationInterface {
  name = 'Live1764370008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE broadcasts ADD COLUMN series_id uuid REFERENCES series(id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX broadcasts_series ON broadcasts (series_id) WHERE series_id IS NOT NULL`);

    // A broadcast's recording belongs to the broadcast it was made of and to the episode made from it.
    await q.query(`ALTER TABLE media_assets DROP CONSTRAINT media_assets_check`);

    // One row per time a broadcast was on the ingest: from the first accepted publish until it ended
    // (reconnects within the grace period continue the same session and the same recording).
    await q.query(`
      CREATE TABLE live_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        broadcast_id uuid NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
        started_at timestamptz NOT NULL DEFAULT now(),
        live_at timestamptz,
        ended_at timestamptz,
        end_reason text CHECK (end_reason IN ('publisher_left','stopped','max_duration','disk_full','interrupted')),
        stopped_by uuid REFERENCES users(id) ON DELETE SET NULL,
        reconnects int NOT NULL DEFAULT 0 CHECK (reconnects >= 0),
        recording_asset_id uuid REFERENCES media_assets(id) ON DELETE SET NULL,
        episode_id uuid REFERENCES episodes(id) ON DELETE SET NULL,
        CHECK ((ended_at IS NULL) = (end_reason IS NULL)),
        CHECK (live_at IS NULL OR live_at >= started_at),
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX live_sessions_one_open ON live_sessions (broadcast_id) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX live_sessions_broadcast ON live_sessions (broadcast_id, started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE live_sessions`);
    await q.query(`ALTER TABLE media_assets ADD CONSTRAINT media_assets_check CHECK (num_nonnulls(episode_id, broadcast_id) <= 1)`);
    await q.query(`DROP INDEX broadcasts_series`);
    await q.query(`ALTER TABLE broadcasts DROP COLUMN series_id`);
  }
}
