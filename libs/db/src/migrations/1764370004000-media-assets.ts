import { MigrationInterface, QueryRunner } from 'typeorm';

export class MediaAssets1764370004000 implements MigrationInterface {
  name = 'MediaAssets1764370004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE media_assets (
        id uuid PRIMARY KEY,
        episode_id uuid REFERENCES episodes(id) ON DELETE SET NULL,
        broadcast_id uuid,
        filename text NOT NULL CHECK (btrim(filename) <> '' AND length(filename) <= 255),
        source_key text NOT NULL UNIQUE,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        status text NOT NULL DEFAULT 'uploading'
          CHECK (status IN ('uploading','uploaded','probing','rejected','queued','processing','ready','failed')),
        reason_code text,
        reason text,
        uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        format text,
        video_codec text,
        audio_codec text,
        width int CHECK (width > 0),
        height int CHECK (height > 0),
        fps double precision CHECK (fps > 0),
        duration_s double precision CHECK (duration_s >= 0),
        bit_rate bigint CHECK (bit_rate >= 0),
        audio_channels int CHECK (audio_channels > 0),
        loudness_i double precision,
        loudness_tp double precision,
        loudness_lra double precision,
        loudness_thresh double precision,
        loudness_offset double precision,
        uploaded_at timestamptz,
        probed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (num_nonnulls(episode_id, broadcast_id) <= 1),
        CHECK ((status IN ('rejected','failed')) = (reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX media_assets_episode ON media_assets (episode_id)`);
    await q.query(`CREATE INDEX media_assets_broadcast ON media_assets (broadcast_id)`);
    await q.query(`CREATE INDEX media_assets_status ON media_assets (status, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE media_assets`);
  }
}
