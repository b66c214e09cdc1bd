ALTER TABLE "schedules" ADD COLUMN "series_id" uuid;--> statement-breakpoint
CREATE INDEX "schedules_series_idx" ON "schedules" USING btree ("series_id") WHERE "schedules"."series_id" is not null;