DROP INDEX "mail_outbox_batch_idx";--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "render_context" jsonb;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
CREATE INDEX "mail_outbox_batch_idx" ON "mail_outbox" USING btree ("recipient_id","batch_key","created_at","seq") WHERE "mail_outbox"."status" = 'queued' and "mail_outbox"."attempts" = 0;