CREATE TYPE "public"."company_size" AS ENUM('micro', 'small', 'medium', 'large');--> statement-breakpoint
CREATE TABLE "companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"idno" text,
	"size" "company_size",
	"sector" text,
	"locality" text,
	"address" text,
	"website" text,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"department_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_channel_identities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"provider_user_id" text NOT NULL,
	"username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_phones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"e164" text NOT NULL,
	"label" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"first_name" text,
	"last_name" text,
	"display_name" text NOT NULL,
	"email" text,
	"locality" text,
	"district" text,
	"activity_type" text,
	"language" text DEFAULT 'ro' NOT NULL,
	"company_id" uuid,
	"responsible_user_id" uuid,
	"department_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"consent" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source" text,
	"notes" text,
	"merged_into_id" uuid,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timeline_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contact_id" uuid,
	"card_id" uuid,
	"kind" text NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"actor_user_id" uuid,
	"ref_type" text,
	"ref_id" text,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_channel_identities" ADD CONSTRAINT "contact_channel_identities_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_phones" ADD CONSTRAINT "contact_phones_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "companies_idno_key" ON "companies" USING btree ("idno");--> statement-breakpoint
CREATE INDEX "companies_name_trgm_idx" ON "companies" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "contact_channel_identities_key" ON "contact_channel_identities" USING btree ("channel","provider_user_id");--> statement-breakpoint
CREATE INDEX "contact_channel_identities_contact_idx" ON "contact_channel_identities" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_phones_e164_key" ON "contact_phones" USING btree ("e164");--> statement-breakpoint
CREATE INDEX "contact_phones_contact_idx" ON "contact_phones" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "contact_phones_e164_trgm_idx" ON "contact_phones" USING gin ("e164" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_display_name_trgm_idx" ON "contacts" USING gin ("display_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_email_lower_idx" ON "contacts" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "contacts_email_trgm_idx" ON "contacts" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_company_idx" ON "contacts" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "contacts_responsible_idx" ON "contacts" USING btree ("responsible_user_id");--> statement-breakpoint
CREATE INDEX "contacts_department_idx" ON "contacts" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "contacts_tags_idx" ON "contacts" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "timeline_contact_idx" ON "timeline_entries" USING btree ("contact_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "timeline_card_idx" ON "timeline_entries" USING btree ("card_id","occurred_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "timeline_ref_key" ON "timeline_entries" USING btree ("kind","ref_type","ref_id");