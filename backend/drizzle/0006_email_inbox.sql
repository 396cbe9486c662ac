CREATE TABLE "email_inbox_cursors" (
	"channel_account_id" uuid PRIMARY KEY NOT NULL,
	"uid_validity" text NOT NULL,
	"last_uid" integer DEFAULT 0 NOT NULL,
	"last_polled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"messages_ingested" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "subject" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "thread_ref" text;--> statement-breakpoint
ALTER TABLE "email_inbox_cursors" ADD CONSTRAINT "email_inbox_cursors_channel_account_id_channel_accounts_id_fk" FOREIGN KEY ("channel_account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE cascade ON UPDATE no action;