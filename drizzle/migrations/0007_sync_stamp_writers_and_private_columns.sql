-- Custom migration: the change-tracking trigger (0001) learns two things.
--
-- 1. Who changed each column. A push sets the transaction-local setting `sync.client_id`; the
--    trigger records it per changed column in `field_clients`, so the server can tell a device's own
--    successive edits of one field (which carry the same baseVersion) from someone else's. Writes
--    outside sync leave null there and count as someone else's.
-- 2. Columns that are never pulled. Arguments after the entity name are columns whose change must
--    not produce a sync change: no new version, no change-log entry, no poke. For users: the
--    password hash, the calendar-feed token and the mail settings. A column added later that is
--    private to its user must be added to this list (see drizzle/schema.ts).
CREATE OR REPLACE FUNCTION "sync_stamp_row"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v bigint;
  changed text[];
  col text;
  private text[] := coalesce(TG_ARGV[1:TG_NARGS - 1], '{}');
  writer jsonb := to_jsonb(nullif(current_setting('sync.client_id', true), ''));
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT coalesce(array_agg(n.key), '{}') INTO changed
      FROM jsonb_each(to_jsonb(NEW)) n
      JOIN jsonb_each(to_jsonb(OLD)) o USING (key)
     WHERE n.value IS DISTINCT FROM o.value
       AND n.key NOT IN ('version', 'field_versions', 'field_clients', 'created_at', 'updated_at')
       AND NOT (n.key = ANY (private));
    IF cardinality(changed) = 0 THEN
      RETURN NEW;
    END IF;
  END IF;
  v := nextval('change_seq');
  NEW.version := v;
  IF TG_OP = 'INSERT' THEN
    NEW.field_versions := '{}'::jsonb;
    NEW.field_clients := '{}'::jsonb;
  ELSE
    NEW.updated_at := now();
    FOREACH col IN ARRAY changed LOOP
      NEW.field_versions := jsonb_set(NEW.field_versions, ARRAY[col], to_jsonb(v));
      NEW.field_clients := jsonb_set(NEW.field_clients, ARRAY[col], coalesce(writer, 'null'::jsonb));
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
DROP TRIGGER "users_sync_stamp" ON "users";
--> statement-breakpoint
CREATE TRIGGER "users_sync_stamp" BEFORE INSERT OR UPDATE ON "users"
  FOR EACH ROW EXECUTE FUNCTION sync_stamp_row('user', 'password_hash', 'calendar_token', 'notify_by_email');
