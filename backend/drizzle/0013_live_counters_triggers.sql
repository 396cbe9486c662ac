-- Custom migration: live counters of the dashboards, kept in the writer's own transaction by triggers, so no writer
-- (cards service, conversation bridge, imports, a foreign-key action such as a user deletion) can forget them.
--
-- consultation_cards.open_task_count = open tasks of the card (subtasks included), from statement-level triggers on
-- tasks: one UPDATE per statement with the per-card sum of +1 (a row becoming open on the card) and -1 (a row leaving
-- that state: closed, cancelled, moved to another card, deleted). A 5,000-task import is one UPDATE, not 5,000.
--
-- card_stage_counts = cards per (pipeline, stage, responsible, slot) and how many of them are active without an open
-- task, from statement-level triggers on consultation_cards: -1 for every old row, +1 for every new row, summed per key
-- (an edit that changes none of the counted columns sums to zero and writes nothing). The sums are upserted with
-- INSERT … ON CONFLICT DO UPDATE SET n = n + delta (no read-modify-write, so concurrent writers never lose a count),
-- in key order, so two transactions touching the same keys wait for each other instead of deadlocking. `slot`
-- (hashtext(card id) & 7) spreads each key over 8 rows: cards created together in one entry stage do not all queue
-- on one row lock.
CREATE FUNCTION cards_open_task_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE consultation_cards k SET open_task_count = k.open_task_count + d.delta
    FROM (SELECT card_id, count(*)::int AS delta FROM new_tasks WHERE status = 'open' AND card_id IS NOT NULL GROUP BY card_id) d
    WHERE k.id = d.card_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE consultation_cards k SET open_task_count = k.open_task_count - d.delta
    FROM (SELECT card_id, count(*)::int AS delta FROM old_tasks WHERE status = 'open' AND card_id IS NOT NULL GROUP BY card_id) d
    WHERE k.id = d.card_id;
  ELSE
    UPDATE consultation_cards k SET open_task_count = k.open_task_count + d.delta
    FROM (
      SELECT card_id, sum(delta)::int AS delta FROM (
        SELECT card_id, -1 AS delta FROM old_tasks WHERE status = 'open' AND card_id IS NOT NULL
        UNION ALL
        SELECT card_id, 1 FROM new_tasks WHERE status = 'open' AND card_id IS NOT NULL
      ) changes GROUP BY card_id HAVING sum(delta) <> 0
    ) d
    WHERE k.id = d.card_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION card_stage_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO card_stage_counts AS c (pipeline_id, stage_id, responsible_user_id, slot, cards, active_without_open_task)
    SELECT pipeline_id, stage_id, responsible_user_id, hashtext(id::text) & 7, count(*),
      count(*) FILTER (WHERE status = 'active' AND open_task_count = 0)
    FROM new_cards GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (pipeline_id, stage_id, responsible_user_id, slot) DO UPDATE
      SET cards = c.cards + excluded.cards,
          active_without_open_task = c.active_without_open_task + excluded.active_without_open_task;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO card_stage_counts AS c (pipeline_id, stage_id, responsible_user_id, slot, cards, active_without_open_task)
    SELECT pipeline_id, stage_id, responsible_user_id, hashtext(id::text) & 7, -count(*),
      -count(*) FILTER (WHERE status = 'active' AND open_task_count = 0)
    FROM old_cards GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (pipeline_id, stage_id, responsible_user_id, slot) DO UPDATE
      SET cards = c.cards + excluded.cards,
          active_without_open_task = c.active_without_open_task + excluded.active_without_open_task;
  ELSE
    INSERT INTO card_stage_counts AS c (pipeline_id, stage_id, responsible_user_id, slot, cards, active_without_open_task)
    SELECT pipeline_id, stage_id, responsible_user_id, slot, sum(cards), sum(active_without_open_task)
    FROM (
      SELECT pipeline_id, stage_id, responsible_user_id, hashtext(id::text) & 7 AS slot, -1 AS cards,
        -(status = 'active' AND open_task_count = 0)::int AS active_without_open_task
      FROM old_cards
      UNION ALL
      SELECT pipeline_id, stage_id, responsible_user_id, hashtext(id::text) & 7, 1,
        (status = 'active' AND open_task_count = 0)::int
      FROM new_cards
    ) changes
    GROUP BY 1, 2, 3, 4
    HAVING sum(cards) <> 0 OR sum(active_without_open_task) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (pipeline_id, stage_id, responsible_user_id, slot) DO UPDATE
      SET cards = c.cards + excluded.cards,
          active_without_open_task = c.active_without_open_task + excluded.active_without_open_task;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Backfill under a lock that keeps writers out until the triggers exist (the migration runs in one transaction).
LOCK TABLE consultation_cards, tasks IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
UPDATE consultation_cards k SET open_task_count = t.n
FROM (SELECT card_id, count(*)::int AS n FROM tasks WHERE status = 'open' AND card_id IS NOT NULL GROUP BY card_id) t
WHERE k.id = t.card_id;
--> statement-breakpoint
INSERT INTO card_stage_counts (pipeline_id, stage_id, responsible_user_id, slot, cards, active_without_open_task)
SELECT pipeline_id, stage_id, responsible_user_id, hashtext(id::text) & 7, count(*),
  count(*) FILTER (WHERE status = 'active' AND open_task_count = 0)
FROM consultation_cards GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE TRIGGER tasks_open_task_count_insert AFTER INSERT ON tasks
  REFERENCING NEW TABLE AS new_tasks FOR EACH STATEMENT EXECUTE FUNCTION cards_open_task_count_apply();
--> statement-breakpoint
CREATE TRIGGER tasks_open_task_count_update AFTER UPDATE ON tasks
  REFERENCING OLD TABLE AS old_tasks NEW TABLE AS new_tasks FOR EACH STATEMENT EXECUTE FUNCTION cards_open_task_count_apply();
--> statement-breakpoint
CREATE TRIGGER tasks_open_task_count_delete AFTER DELETE ON tasks
  REFERENCING OLD TABLE AS old_tasks FOR EACH STATEMENT EXECUTE FUNCTION cards_open_task_count_apply();
--> statement-breakpoint
CREATE TRIGGER cards_stage_counts_insert AFTER INSERT ON consultation_cards
  REFERENCING NEW TABLE AS new_cards FOR EACH STATEMENT EXECUTE FUNCTION card_stage_counts_apply();
--> statement-breakpoint
CREATE TRIGGER cards_stage_counts_update AFTER UPDATE ON consultation_cards
  REFERENCING OLD TABLE AS old_cards NEW TABLE AS new_cards FOR EACH STATEMENT EXECUTE FUNCTION card_stage_counts_apply();
--> statement-breakpoint
CREATE TRIGGER cards_stage_counts_delete AFTER DELETE ON consultation_cards
  REFERENCING OLD TABLE AS old_cards FOR EACH STATEMENT EXECUTE FUNCTION card_stage_counts_apply();
