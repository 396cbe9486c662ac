CREATE TABLE "inbound_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel_account_id" uuid NOT NULL,
	"provider_message_id" text NOT NULL,
	"provider_chat_id" text NOT NULL,
	"message" jsonb NOT NULL,
	"can_fetch_attachments" boolean DEFAULT false NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"accepted_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbound_deliveries" ADD CONSTRAINT "inbound_deliveries_channel_account_id_channel_accounts_id_fk" FOREIGN KEY ("channel_account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_deliveries_provider_id_key" ON "inbound_deliveries" USING btree ("channel_account_id","provider_message_id");--> statement-breakpoint
CREATE INDEX "inbound_deliveries_due_idx" ON "inbound_deliveries" USING btree ("next_attempt_at","id");