-- Live pokes: any statement that writes the change log notifies `sync_poke` when its transaction
-- commits. Postgres folds identical notifications of one transaction into one, so a push of a
-- hundred mutations or a restore of thousands of rows costs one poke per transaction. Every server
-- process LISTENs and pokes its own SSE clients, so several processes stay in step.
CREATE FUNCTION "sync_poke"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sync_poke', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "change_log_poke" AFTER INSERT OR UPDATE ON "change_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "sync_poke"();
