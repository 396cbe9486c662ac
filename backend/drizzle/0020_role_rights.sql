CREATE TABLE "role_rights" (
	"role" "user_role" PRIMARY KEY NOT NULL,
	"permissions" text[] NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "role_rights" ADD CONSTRAINT "role_rights_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;