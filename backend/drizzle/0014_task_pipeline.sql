ALTER TABLE "tasks" ADD COLUMN "pipeline_id" uuid;--> statement-breakpoint
CREATE INDEX "tasks_open_pipeline_due_idx" ON "tasks" USING btree ("pipeline_id","due_at","assignee_user_id") WHERE "tasks"."status" = 'open';--> statement-breakpoint
-- Custom part: tasks.pipeline_id follows the pipeline of the task's card.
-- A task written with a card (or moved to another card) takes the card's pipeline (one primary-key lookup per row);
-- a card moved to another pipeline carries its tasks along (rare: stage moves within a pipeline do not fire it).
CREATE FUNCTION tasks_pipeline_from_card() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.pipeline_id := (SELECT k.pipeline_id FROM consultation_cards k WHERE k.id = NEW.card_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER tasks_pipeline_insert BEFORE INSERT ON tasks
  FOR EACH ROW WHEN (NEW.card_id IS NOT NULL) EXECUTE FUNCTION tasks_pipeline_from_card();
--> statement-breakpoint
CREATE TRIGGER tasks_pipeline_card_change BEFORE UPDATE OF card_id ON tasks
  FOR EACH ROW WHEN (OLD.card_id IS DISTINCT FROM NEW.card_id) EXECUTE FUNCTION tasks_pipeline_from_card();
--> statement-breakpoint
CREATE FUNCTION tasks_pipeline_follow_card() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tasks SET pipeline_id = NEW.pipeline_id WHERE card_id = NEW.id AND pipeline_id IS DISTINCT FROM NEW.pipeline_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cards_pipeline_to_tasks AFTER UPDATE OF pipeline_id ON consultation_cards
  FOR EACH ROW WHEN (OLD.pipeline_id IS DISTINCT FROM NEW.pipeline_id) EXECUTE FUNCTION tasks_pipeline_follow_card();
--> statement-breakpoint
UPDATE tasks t SET pipeline_id = k.pipeline_id FROM consultation_cards k WHERE k.id = t.card_id AND t.pipeline_id IS DISTINCT FROM k.pipeline_id;
