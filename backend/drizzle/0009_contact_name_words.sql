CREATE TABLE "contact_name_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "contacts_display_name_trgm_idx";--> statement-breakpoint
CREATE INDEX "contact_name_words_trgm_idx" ON "contact_name_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_name_words_idx" ON "contacts" USING gin (string_to_array(lower("display_name"), ' '));