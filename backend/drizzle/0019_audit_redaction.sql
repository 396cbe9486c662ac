ALTER TABLE "audit_events" ADD COLUMN "payload_digest" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "redacted_at" timestamp (3) with time zone;