CREATE TABLE "mailchimp_audiences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"list_id" text NOT NULL,
	"server_prefix" text NOT NULL,
	"credentials" jsonb NOT NULL,
	"segment_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"auto_subscribe_stage_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"tag_stages" boolean DEFAULT true NOT NULL,
	"tag_instruments" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"last_sync_at" timestamp with time zone,
	"last_sync_summary" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mailchimp_campaign_reports" (
	"audience_id" uuid NOT NULL,
	"campaign_id" text NOT NULL,
	"title" text NOT NULL,
	"subject_line" text,
	"send_time" timestamp with time zone,
	"emails_sent" integer DEFAULT 0 NOT NULL,
	"opens_total" integer DEFAULT 0 NOT NULL,
	"unique_opens" integer DEFAULT 0 NOT NULL,
	"open_rate" double precision DEFAULT 0 NOT NULL,
	"clicks_total" integer DEFAULT 0 NOT NULL,
	"unique_clicks" integer DEFAULT 0 NOT NULL,
	"click_rate" double precision DEFAULT 0 NOT NULL,
	"unsubscribed" integer DEFAULT 0 NOT NULL,
	"hard_bounces" integer DEFAULT 0 NOT NULL,
	"soft_bounces" integer DEFAULT 0 NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailchimp_campaign_reports_audience_id_campaign_id_pk" PRIMARY KEY("audience_id","campaign_id")
);
--> statement-breakpoint
CREATE TABLE "mailchimp_members" (
	"audience_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"email" text NOT NULL,
	"subscriber_hash" text NOT NULL,
	"status" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"content_hash" text,
	"pinned_by" text,
	"synced_at" timestamp with time zone,
	"last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailchimp_members_audience_id_contact_id_pk" PRIMARY KEY("audience_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "report_calls_daily" (
	"day" date NOT NULL,
	"consultant_id" uuid,
	"incoming" integer NOT NULL,
	"answered" integer NOT NULL,
	"missed" integer NOT NULL,
	"missed_not_called_back" integer NOT NULL,
	"outgoing" integer NOT NULL,
	"wait_seconds_sum" integer NOT NULL,
	"wait_count" integer NOT NULL,
	"talk_seconds_sum" integer NOT NULL,
	"talk_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_conversations_daily" (
	"day" date NOT NULL,
	"consultant_id" uuid,
	"channel" text NOT NULL,
	"conversations" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_requests_daily" (
	"day" date NOT NULL,
	"consultant_id" uuid,
	"pipeline_id" uuid,
	"channel" text NOT NULL,
	"utm_source" text NOT NULL,
	"cards" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_rollup_state" (
	"fact" text PRIMARY KEY NOT NULL,
	"complete_before" date NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rows_written" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_stage_entries_daily" (
	"day" date NOT NULL,
	"consultant_id" uuid,
	"pipeline_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"entries" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mailchimp_campaign_reports" ADD CONSTRAINT "mailchimp_campaign_reports_audience_id_mailchimp_audiences_id_fk" FOREIGN KEY ("audience_id") REFERENCES "public"."mailchimp_audiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailchimp_members" ADD CONSTRAINT "mailchimp_members_audience_id_mailchimp_audiences_id_fk" FOREIGN KEY ("audience_id") REFERENCES "public"."mailchimp_audiences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailchimp_members" ADD CONSTRAINT "mailchimp_members_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mailchimp_audiences_list_key" ON "mailchimp_audiences" USING btree ("list_id");--> statement-breakpoint
CREATE INDEX "mailchimp_campaign_reports_send_idx" ON "mailchimp_campaign_reports" USING btree ("send_time");--> statement-breakpoint
CREATE INDEX "mailchimp_members_contact_idx" ON "mailchimp_members" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "report_calls_daily_day_idx" ON "report_calls_daily" USING btree ("day","consultant_id");--> statement-breakpoint
CREATE INDEX "report_conversations_daily_day_idx" ON "report_conversations_daily" USING btree ("day","consultant_id");--> statement-breakpoint
CREATE INDEX "report_requests_daily_day_idx" ON "report_requests_daily" USING btree ("day","consultant_id");--> statement-breakpoint
CREATE INDEX "report_stage_entries_daily_day_idx" ON "report_stage_entries_daily" USING btree ("day","pipeline_id");--> statement-breakpoint
CREATE INDEX "card_stage_history_entered_idx" ON "card_stage_history" USING btree ("entered_at");--> statement-breakpoint
CREATE INDEX "cards_created_idx" ON "consultation_cards" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "conversations_created_idx" ON "conversations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "tasks_open_due_idx" ON "tasks" USING btree ("due_at") WHERE "tasks"."status" = 'open';