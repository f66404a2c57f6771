import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the transcoder publishes about an asset: its renditions, poster, storyboard, progress while it runs, and the
 * caption tracks and chapters producers add. `transcode_run` counts the times processing was (re)started.
 */
export class Transcoding1764370005000 implements MigrationInterface {
  name = 'Transcoding1764370005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE media_assets
        ADD COLUMN transcode_run int NOT NULL DEFAULT 0 CHECK (transcode_run >= 0),
        ADD COLUMN progress_percent double precision CHECK (progress_percent BETWEEN 0 AND 100),
        ADD COLUMN progress_eta_s int CHECK (progress_eta_s >= 0),
        ADD COLUMN progress_step text,
        ADD COLUMN transcode_started_at timestamptz,
        ADD COLUMN playable_at timestamptz,
        ADD COLUMN ready_at timestamptz,
        ADD COLUMN renditions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(renditions) = 'array'),
        ADD COLUMN poster_file text,
        ADD COLUMN storyboard_file text,
        ADD COLUMN captions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(captions) = 'array'),
        ADD COLUMN chapters jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(chapters) = 'array'),
        ADD CONSTRAINT media_assets_ready_is_playable CHECK (status <> 'ready' OR (playable_at IS NOT NULL AND ready_at IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE media_assets
        DROP CONSTRAINT media_assets_ready_is_playable,
        DROP COLUMN transcode_run, DROP COLUMN progress_percent, DROP COLUMN progress_eta_s, DROP COLUMN progress_step,
        DROP COLUMN transcode_started_at, DROP COLUMN playable_at, DROP COLUMN ready_at, DROP COLUMN renditions,
        DROP COLUMN poster_file, DROP COLUMN storyboard_file, DROP COLUMN captions, DROP COLUMN chapters`);
  }
}
