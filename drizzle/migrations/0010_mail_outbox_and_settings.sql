CREATE TABLE "mail_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mail_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"http_status" integer,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "mail_settings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_assigned" boolean DEFAULT true NOT NULL,
	"ticket_status" boolean DEFAULT true NOT NULL,
	"ticket_comment" boolean DEFAULT true NOT NULL,
	"schedule" boolean DEFAULT true NOT NULL,
	"time_off" boolean DEFAULT true NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"field_versions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"field_clients" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "mail_outbox_pending_idx";--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "html_body" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "html_body" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "recipient_id" uuid;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "batch_key" text;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "events" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "status" text DEFAULT 'queued' NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_attempts" ADD CONSTRAINT "mail_attempts_mail_id_mail_outbox_id_fk" FOREIGN KEY ("mail_id") REFERENCES "public"."mail_outbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_settings" ADD CONSTRAINT "mail_settings_id_users_id_fk" FOREIGN KEY ("id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_attempts_mail_number_key" ON "mail_attempts" USING btree ("mail_id","number");--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" USING btree ("next_attempt_at") WHERE "mail_outbox"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "mail_outbox_batch_idx" ON "mail_outbox" USING btree ("recipient_id","batch_key") WHERE "mail_outbox"."status" = 'queued' and "mail_outbox"."attempts" = 0;--> statement-breakpoint
CREATE INDEX "mail_outbox_created_idx" ON "mail_outbox" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_status_check" CHECK ("mail_outbox"."status" in ('queued', 'sent', 'failed'));--> statement-breakpoint
-- Hand-written from here on (drizzle-kit cannot express triggers).
-- Mail settings are a synced entity (only their owner pulls them: server/sync/pull.ts), tracked by
-- the same triggers as every other synced table (migrations 0001 and 0007).
CREATE TRIGGER "mail_settings_sync_stamp" BEFORE INSERT OR UPDATE ON "mail_settings"
  FOR EACH ROW EXECUTE FUNCTION sync_stamp_row('mailSettings');
--> statement-breakpoint
CREATE TRIGGER "mail_settings_sync_tombstone" AFTER DELETE ON "mail_settings"
  FOR EACH ROW EXECUTE FUNCTION sync_tombstone_row('mailSettings');
--> statement-breakpoint
-- users.notify_by_email (one switch for all mail, never used by any screen) becomes per-kind settings.
INSERT INTO "mail_settings" ("id", "ticket_assigned", "ticket_status", "ticket_comment", "schedule", "time_off")
  SELECT "id", false, false, false, false, false FROM "users" WHERE NOT "notify_by_email";
--> statement-breakpoint
DROP TRIGGER "users_sync_stamp" ON "users";
--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "notify_by_email";
--> statement-breakpoint
CREATE TRIGGER "users_sync_stamp" BEFORE INSERT OR UPDATE ON "users"
  FOR EACH ROW EXECUTE FUNCTION sync_stamp_row('user', 'password_hash', 'calendar_token');
