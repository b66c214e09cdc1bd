-- Custom migration: what the Drizzle schema cannot express.

-- 1. No technician is ever booked twice at once. Schedules are half-open [starts_at, ends_at), so
--    back-to-back shifts do not clash. The database enforces this, so concurrent pushes cannot
--    leave an overlap behind whatever the application checked first.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_no_overlap"
  EXCLUDE USING gist ("technician_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&);
--> statement-breakpoint

-- 2. Change tracking for sync. Every insert or update of a synced row takes the next change number
--    as the row's version, records per column which version last changed it (field-level conflict
--    detection), and upserts the row's entry in change_log; a delete leaves a tombstone there.
--    Doing this in triggers means no write path (mutators, admin API, restore) can forget it.
CREATE FUNCTION "sync_stamp_row"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v bigint;
  changed text[];
  col text;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT coalesce(array_agg(n.key), '{}') INTO changed
      FROM jsonb_each(to_jsonb(NEW)) n
      JOIN jsonb_each(to_jsonb(OLD)) o USING (key)
     WHERE n.value IS DISTINCT FROM o.value
       AND n.key NOT IN ('version', 'field_versions', 'created_at', 'updated_at');
    IF cardinality(changed) = 0 THEN
      RETURN NEW;
    END IF;
  END IF;
  v := nextval('change_seq');
  NEW.version := v;
  IF TG_OP = 'INSERT' THEN
    NEW.field_versions := '{}'::jsonb;
  ELSE
    NEW.updated_at := now();
    FOREACH col IN ARRAY changed LOOP
      NEW.field_versions := jsonb_set(NEW.field_versions, ARRAY[col], to_jsonb(v));
    END LOOP;
  END IF;
  INSERT INTO "change_log" ("entity", "entity_id", "op", "seq")
       VALUES (TG_ARGV[0], NEW.id, 'put', v)
  ON CONFLICT ("entity", "entity_id")
  DO UPDATE SET "op" = 'put', "seq" = excluded."seq", "xid" = pg_current_xact_id(), "changed_at" = now();
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "sync_tombstone_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "change_log" ("entity", "entity_id", "op", "seq")
       VALUES (TG_ARGV[0], OLD.id, 'del', nextval('change_seq'))
  ON CONFLICT ("entity", "entity_id")
  DO UPDATE SET "op" = 'del', "seq" = excluded."seq", "xid" = pg_current_xact_id(), "changed_at" = now();
  RETURN OLD;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('users', 'user'), ('locations', 'location'), ('categories', 'category'),
      ('quick_links', 'quickLink'), ('schedules', 'schedule'), ('time_off', 'timeOff'),
      ('tickets', 'ticket'), ('ticket_comments', 'comment'), ('ticket_history', 'ticketHistory')
    ) AS v(tbl, entity)
  LOOP
    EXECUTE format(
      'CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION sync_stamp_row(%L)',
      t.tbl || '_sync_stamp', t.tbl, t.entity);
    EXECUTE format(
      'CREATE TRIGGER %I AFTER DELETE ON %I FOR EACH ROW EXECUTE FUNCTION sync_tombstone_row(%L)',
      t.tbl || '_sync_tombstone', t.tbl, t.entity);
  END LOOP;
END
$$;
--> statement-breakpoint

-- 3. The sync epoch: cursors and client records belong to it; a restore or reset makes a new one.
INSERT INTO "server_meta" ("key", "value") VALUES ('epoch', gen_random_uuid()::text);
