CREATE TABLE "schedule_claims" (
	"technician_id" uuid PRIMARY KEY NOT NULL,
	"claims" bigint DEFAULT 0 NOT NULL
);
