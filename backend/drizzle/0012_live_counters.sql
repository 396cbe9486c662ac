CREATE TABLE "card_stage_counts" (
	"pipeline_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"responsible_user_id" uuid,
	"slot" smallint NOT NULL,
	"cards" integer DEFAULT 0 NOT NULL,
	"active_without_open_task" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "card_stage_counts_key" UNIQUE NULLS NOT DISTINCT("pipeline_id","stage_id","responsible_user_id","slot")
);
--> statement-breakpoint
DROP INDEX "tasks_open_due_idx";--> statement-breakpoint
ALTER TABLE "consultation_cards" ADD COLUMN "open_task_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "card_stage_counts" ADD CONSTRAINT "card_stage_counts_pipeline_id_pipelines_id_fk" FOREIGN KEY ("pipeline_id") REFERENCES "public"."pipelines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_stage_counts" ADD CONSTRAINT "card_stage_counts_stage_id_pipeline_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."pipeline_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cards_without_open_task_idx" ON "consultation_cards" USING btree ("responsible_user_id","pipeline_id","stage_entered_at") WHERE "consultation_cards"."status" = 'active' and "consultation_cards"."open_task_count" = 0;--> statement-breakpoint
CREATE INDEX "tasks_open_due_idx" ON "tasks" USING btree ("due_at","assignee_user_id","card_id") WHERE "tasks"."status" = 'open';