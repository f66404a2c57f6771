import { MigrationInterface, QueryRunner } from 'typeorm';

/** Both languages' stems of one field, so Dutch and English searches find it ("verlengen" → verleng, "renewing" → renew). */
const stems = (expr: string, weight: string) => `setweight(to_tsvector('dutch', ${expr}), '${weight}') || setweight(to_tsvector('english', ${expr}), '${weight}')`;

export class Publication1764370006000 implements MigrationInterface {
  name = 'Publication1764370006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE episodes
        ADD COLUMN publication_state text NOT NULL DEFAULT 'draft'
          CHECK (publication_state IN ('draft','in_review','approved','published','unpublished','retired')),
        ADD COLUMN visibility text CHECK (visibility IN ('public','unlisted','internal')),
        ADD COLUMN public_slug text UNIQUE CHECK (public_slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(public_slug) <= 80),
        ADD COLUMN publish_at timestamptz,
        ADD COLUMN unpublish_at timestamptz,
        ADD COLUMN published_at timestamptz,
        ADD COLUMN published_asset_id uuid REFERENCES media_assets(id) ON DELETE SET NULL,
        ADD COLUMN review_comment text,
        ADD COLUMN tags jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tags) = 'array'),
        ADD COLUMN transcript jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(transcript) = 'array'),
        ADD COLUMN chapters jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(chapters) = 'array'),
        ADD CONSTRAINT episodes_published_has_slug CHECK (publication_state <> 'published' OR (public_slug IS NOT NULL AND visibility IS NOT NULL AND published_at IS NOT NULL)),
        ADD CONSTRAINT episodes_schedule_has_visibility CHECK (publish_at IS NULL OR (visibility IS NOT NULL AND public_slug IS NOT NULL)),
        ADD CONSTRAINT episodes_schedule_order CHECK (publish_at IS NULL OR unpublish_at IS NULL OR unpublish_at > publish_at)`);
    await q.query(`
      ALTER TABLE episodes ADD COLUMN search tsvector GENERATED ALWAYS AS (
        ${stems('title', 'A')} || ${stems('tags', 'B')} || ${stems('chapters', 'B')} ||
        ${stems('description', 'C')} || ${stems('transcript', 'D')}
      ) STORED`);
    await q.query(`CREATE INDEX episodes_search ON episodes USING gin (search)`);
    await q.query(`CREATE INDEX episodes_published ON episodes (published_at DESC) WHERE publication_state = 'published'`);
    await q.query(`
      CREATE TABLE video_views_daily (
        episode_id uuid NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
        day date NOT NULL,
        views int NOT NULL DEFAULT 0 CHECK (views >= 0),
        watched_s double precision NOT NULL DEFAULT 0 CHECK (watched_s >= 0),
        watch_through_sum double precision NOT NULL DEFAULT 0 CHECK (watch_through_sum >= 0 AND watch_through_sum <= views),
        PRIMARY KEY (episode_id, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE video_views_daily`);
    await q.query(`DROP INDEX episodes_published`);
    await q.query(`DROP INDEX episodes_search`);
    await q.query(`
      ALTER TABLE episodes
        DROP COLUMN search,
        DROP COLUMN publication_state, DROP COLUMN visibility, DROP COLUMN public_slug, DROP COLUMN publish_at,
        DROP COLUMN unpublish_at, DROP COLUMN published_at, DROP COLUMN published_asset_id, DROP COLUMN review_comment,
        DROP COLUMN tags, DROP COLUMN transcript, DROP COLUMN chapters`);
  }
}
