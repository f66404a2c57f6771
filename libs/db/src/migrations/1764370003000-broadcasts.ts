import { MigrationInterface, QueryRunner } from 'typeorm';

const NOT_BOOKING = `('cancelled','failed')`;

export class Broadcasts1764370003000 implements MigrationInterface {
  name = 'Broadcasts1764370003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE equipment_kits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        notes text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX equipment_kits_name_unique ON equipment_kits (lower(btrim(name)))`);
    await q.query(`
      CREATE TABLE equipment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        kind text NOT NULL DEFAULT 'other' CHECK (kind IN ('camera','microphone','audio','lighting','encoder','network','computer','other')),
        kit_id uuid REFERENCES equipment_kits(id) ON DELETE SET NULL,
        notes text NOT NULL DEFAULT '',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX equipment_name_unique ON equipment (lower(btrim(name)))`);
    await q.query(`CREATE INDEX equipment_kit ON equipment (kit_id)`);

    await q.query(`
      CREATE TABLE checklist_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        items jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(items) = 'array'),
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX checklist_templates_name_unique ON checklist_templates (lower(btrim(name)))`);
    await q.query(`CREATE UNIQUE INDEX checklist_templates_one_default ON checklist_templates (is_default) WHERE is_default`);
    await q.query(`INSERT INTO checklist_templates (name, is_default, items) VALUES ('Livestream run-of-show', true, $1)`, [
      JSON.stringify([
        { label: 'Sound check with the presenter', required: true },
        { label: 'Consent signs up at the entrance', required: true },
        { label: 'Camera framed so the audience stays out of view', required: true },
        { label: 'Encoder checked: 1–2 s keyframe interval, H.264/AAC', required: false },
        { label: 'Chat moderator briefed', required: false },
      ]),
    ]);

    // `busy` is the slot widened by set-up and tear-down; crew and equipment rows copy it (and whether the
    // broadcast still holds its resources) from their broadcast, so exclusion constraints can see it.
    await q.query(`
      CREATE TABLE broadcasts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        activity_id uuid REFERENCES activities(id) ON DELETE SET NULL,
        title text NOT NULL CHECK (btrim(title) <> ''),
        description text NOT NULL DEFAULT '',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        setup_minutes int NOT NULL DEFAULT 0 CHECK (setup_minutes >= 0),
        teardown_minutes int NOT NULL DEFAULT 0 CHECK (teardown_minutes >= 0),
        busy tstzrange NOT NULL,
        room_id uuid REFERENCES rooms(id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','scheduled','ready','live','ended','published','cancelled','failed')),
        repeat_group_id uuid,
        stream_key_sealed text,
        stream_key_hash text UNIQUE,
        stream_key_rotated_at timestamptz,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (busy = tstzrange(starts_at - make_interval(mins => setup_minutes), ends_at + make_interval(mins => teardown_minutes), '[)')),
        CHECK ((stream_key_sealed IS NULL) = (stream_key_hash IS NULL)),
        CONSTRAINT broadcasts_room_free EXCLUDE USING gist (room_id WITH =, busy WITH &&) WHERE (room_id IS NOT NULL AND status NOT IN ${NOT_BOOKING})
      )`);
    await q.query(`CREATE INDEX broadcasts_starts_at ON broadcasts (starts_at)`);
    await q.query(`CREATE INDEX broadcasts_repeat_group ON broadcasts (repeat_group_id) WHERE repeat_group_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX broadcasts_one_per_activity ON broadcasts (activity_id) WHERE activity_id IS NOT NULL AND status NOT IN ${NOT_BOOKING}`);

    await q.query(`
      CREATE TABLE broadcast_crew (
        broadcast_id uuid NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        role text NOT NULL CHECK (role IN ('producer','camera','host','chat_moderator')),
        busy tstzrange NOT NULL,
        booking boolean NOT NULL,
        PRIMARY KEY (broadcast_id, user_id, role),
        CONSTRAINT broadcast_crew_free EXCLUDE USING gist (user_id WITH =, busy WITH &&, broadcast_id WITH <>) WHERE (booking)
      )`);
    await q.query(`
      CREATE TABLE broadcast_equipment (
        broadcast_id uuid NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
        equipment_id uuid NOT NULL REFERENCES equipment(id) ON DELETE RESTRICT,
        busy tstzrange NOT NULL,
        booking boolean NOT NULL,
        PRIMARY KEY (broadcast_id, equipment_id),
        CONSTRAINT broadcast_equipment_free EXCLUDE USING gist (equipment_id WITH =, busy WITH &&) WHERE (booking)
      )`);
    await q.query(`
      CREATE FUNCTION broadcast_resource_copy_slot() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT b.busy, b.status NOT IN ${NOT_BOOKING} INTO NEW.busy, NEW.booking FROM broadcasts b WHERE b.id = NEW.broadcast_id;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER broadcast_crew_slot BEFORE INSERT ON broadcast_crew FOR EACH ROW EXECUTE FUNCTION broadcast_resource_copy_slot()`);
    await q.query(`CREATE TRIGGER broadcast_equipment_slot BEFORE INSERT ON broadcast_equipment FOR EACH ROW EXECUTE FUNCTION broadcast_resource_copy_slot()`);
    await q.query(`
      CREATE FUNCTION broadcast_slot_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE broadcast_crew SET busy = NEW.busy, booking = NEW.status NOT IN ${NOT_BOOKING} WHERE broadcast_id = NEW.id;
        UPDATE broadcast_equipment SET busy = NEW.busy, booking = NEW.status NOT IN ${NOT_BOOKING} WHERE broadcast_id = NEW.id;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER broadcasts_slot_changed AFTER UPDATE OF busy, status ON broadcasts FOR EACH ROW
      WHEN (OLD.busy IS DISTINCT FROM NEW.busy OR OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION broadcast_slot_changed()`);
    await q.query(`CREATE INDEX broadcast_crew_user ON broadcast_crew (user_id)`);
    await q.query(`CREATE INDEX broadcast_equipment_item ON broadcast_equipment (equipment_id)`);

    await q.query(`
      CREATE TABLE broadcast_checklist_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        broadcast_id uuid NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
        position int NOT NULL DEFAULT 0,
        label text NOT NULL CHECK (btrim(label) <> ''),
        required boolean NOT NULL DEFAULT true,
        done_by uuid REFERENCES users(id) ON DELETE SET NULL,
        done_at timestamptz
      )`);
    await q.query(`CREATE INDEX broadcast_checklist_items_broadcast ON broadcast_checklist_items (broadcast_id, position)`);
    await q.query(`
      CREATE TABLE broadcast_status_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        broadcast_id uuid NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        changed_by uuid REFERENCES users(id) ON DELETE SET NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        note text NOT NULL DEFAULT ''
      )`);
    await q.query(`CREATE INDEX broadcast_status_changes_broadcast ON broadcast_status_changes (broadcast_id, changed_at)`);
    await q.query(`
      CREATE TABLE restream_destinations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        broadcast_id uuid NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (btrim(name) <> ''),
        rtmp_url text NOT NULL CHECK (rtmp_url ~ '^rtmps?://'),
        key_sealed text NOT NULL,
        key_hint text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX restream_destinations_broadcast ON restream_destinations (broadcast_id)`);

    await q.query(`
      CREATE TABLE calendar_feeds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid UNIQUE REFERENCES users(id) ON DELETE CASCADE,
        room_id uuid UNIQUE REFERENCES rooms(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (num_nonnulls(user_id, room_id) = 1)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_feeds`);
    await q.query(`DROP TABLE restream_destinations`);
    await q.query(`DROP TABLE broadcast_status_changes`);
    await q.query(`DROP TABLE broadcast_checklist_items`);
    await q.query(`DROP TABLE broadcast_equipment`);
    await q.query(`DROP TABLE broadcast_crew`);
    await q.query(`DROP TABLE broadcasts`);
    await q.query(`DROP FUNCTION broadcast_slot_changed()`);
    await q.query(`DROP FUNCTION broadcast_resource_copy_slot()`);
    await q.query(`DROP TABLE checklist_templates`);
    await q.query(`DROP TABLE equipment`);
    await q.query(`DROP TABLE equipment_kits`);
  }
}
