import { Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import type { FactFilter } from './report-facts.js';
import { rowsOf, type FactRow } from './reports.repository.js';

export type CardsPage = { limit: number; offset: number };

/**
 * SQL of the snapshot dashboards (how things stand now): cards per stage and cards without an open task from the
 * trigger-kept counters (`card_stage_counts`, `consultation_cards.open_task_count`, see the `live_counters_triggers`
 * migration), overdue tasks from an index-only scan of `tasks_open_due_idx`, and the counters' rebuild.
 */
@Injectable()
export class LiveStateRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  /** Current cards per stage (won/lost stages hold the closed ones), in pipeline and stage order. */
  async cardsByStage(filter: FactFilter): Promise<FactRow[]> {
    const responsible = filter.consultantId ? sql` and c.responsible_user_id = ${filter.consultantId}` : sql``;
    return rowsOf(
      await this.db
        .execute(sql`select s.pipeline_id, p.name as pipeline_name, s.id as stage_id, s.name as stage_name, s.kind as stage_kind, s."order" as stage_order,
          coalesce((select sum(c.cards) from card_stage_counts c where c.pipeline_id = s.pipeline_id and c.stage_id = s.id${responsible}), 0)::float8 as cards
        from pipeline_stages s join pipelines p on p.id = s.pipeline_id
        where true${filter.pipelineId ? sql` and s.pipeline_id = ${filter.pipelineId}` : sql``}
        order by p."order", p.name, s."order", s.name`),
    );
  }

  /**
   * Open tasks past their due time, per assignee. Exact as of `now`: an index-only range scan of `tasks_open_due_idx`
   * (due_at, assignee, card) over the overdue part of the open tasks; with a pipeline, of `tasks_open_pipeline_due_idx`
   * (pipeline, due_at, assignee: `tasks.pipeline_id` is the card's, copied by triggers).
   */
  async overdueTasks(filter: FactFilter, now: Date): Promise<FactRow[]> {
    return rowsOf(
      await this.db.execute(sql`select o.consultant_id, u.full_name as consultant_name, o.overdue, o.oldest_due_at
        from (
          select t.assignee_user_id as consultant_id, count(*)::float8 as overdue, min(t.due_at) as oldest_due_at
          from tasks t
          where t.status = 'open' and t.due_at < ${now.toISOString()}::timestamptz${filter.pipelineId ? sql` and t.pipeline_id = ${filter.pipelineId}` : sql``}${filter.consultantId ? sql` and t.assignee_user_id = ${filter.consultantId}` : sql``}
          group by 1
        ) o
        left join users u on u.id = o.consultant_id
        order by 3 desc, 2`),
    );
  }

  /**
   * Active cards without an open task, per responsible consultant and pipeline: the numbers from the counters, the
   * oldest stage entry of each group from one step into `cards_without_open_task_idx`.
   */
  async cardsWithoutOpenTask(filter: FactFilter): Promise<FactRow[]> {
    return rowsOf(
      await this.db
        .execute(sql`select g.responsible_user_id as consultant_id, u.full_name as consultant_name, g.pipeline_id,
          p.name as pipeline_name, g.cards,
          least(${sql.join(
            inGroup.map((where) => sql`(select min(k.stage_entered_at) from consultation_cards k where ${where})`),
            sql`, `,
          )}) as oldest_stage_entered_at
        from (${this.groupsWithoutOpenTask(filter)}) g
        join pipelines p on p.id = g.pipeline_id
        left join users u on u.id = g.responsible_user_id
        order by 5 desc, 2, 4`),
    );
  }

  /**
   * A page of those cards, longest in their stage first: per group the first offset + limit cards from the index,
   * merged. `offset + limit` is bounded by the DTO, so a page costs at most (groups × that) index entries.
   */
  async cardsWithoutOpenTaskPage(filter: FactFilter, page: CardsPage): Promise<FactRow[]> {
    const take = page.offset + page.limit;
    return rowsOf(
      await this.db.execute(sql`select x.id, x.title, x.contact_id, x.pipeline_id, x.stage_id, x.responsible_user_id,
          x.stage_entered_at
        from (${this.groupsWithoutOpenTask(filter)}) g
        cross join lateral (${sql.join(
          inGroup.map(
            (
              where,
            ) => sql`(select k.id, k.title, k.contact_id, k.pipeline_id, k.stage_id, k.responsible_user_id, k.stage_entered_at
              from consultation_cards k where ${where} order by k.stage_entered_at, k.id limit ${take})`,
          ),
          sql` union all `,
        )}) x
        order by x.stage_entered_at, x.id limit ${page.limit} offset ${page.offset}`),
    );
  }

  /**
   * Recomputes every card's `open_task_count` and the whole `card_stage_counts` table from the raw rows, under a lock
   * that holds writers back meanwhile: after a bulk load with triggers disabled, or to prove the counters right.
   * Returns how many cards had a wrong open-task count.
   */
  async rebuildCounters(): Promise<{ cardsCorrected: number; counterRows: number }> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`lock table consultation_cards, tasks in share row exclusive mode`);
      const corrected = await tx.execute(sql`update consultation_cards k set open_task_count = coalesce(t.n, 0)
        from consultation_cards c
        left join (select card_id, count(*)::int as n from tasks where status = 'open' and card_id is not null group by card_id) t
          on t.card_id = c.id
        where c.id = k.id and k.open_task_count <> coalesce(t.n, 0)`);
      // tasks.pipeline_id (the card's pipeline, for overdue tasks by pipeline) is kept by triggers too.
      await tx.execute(sql`update tasks t set pipeline_id = k.pipeline_id
        from tasks x left join consultation_cards k on k.id = x.card_id
        where x.id = t.id and t.pipeline_id is distinct from k.pipeline_id`);
      await tx.execute(sql`delete from card_stage_counts`);
      const inserted =
        await tx.execute(sql`insert into card_stage_counts (pipeline_id, stage_id, responsible_user_id, slot, cards, active_without_open_task)
        select pipeline_id, stage_id, responsible_user_id, hashtext(id::text) & 7, count(*),
          count(*) filter (where status = 'active' and open_task_count = 0)
        from consultation_cards group by 1, 2, 3, 4`);
      return { cardsCorrected: affectedRows(corrected), counterRows: affectedRows(inserted) };
    });
  }

  private groupsWithoutOpenTask(filter: FactFilter): SQL {
    return sql`select responsible_user_id, pipeline_id, sum(active_without_open_task)::float8 as cards
      from card_stage_counts
      where true${filter.consultantId ? sql` and responsible_user_id = ${filter.consultantId}` : sql``}${filter.pipelineId ? sql` and pipeline_id = ${filter.pipelineId}` : sql``}
      group by 1, 2 having sum(active_without_open_task) > 0`;
  }
}

/**
 * Active cards without an open task of the group row `g` (responsible, pipeline), in the terms of the partial index
 * `cards_without_open_task_idx`: one condition for a responsible, one for none (`is null`), so that each is an index
 * range in stage-entry order (an `or` or `is not distinct from` would not be). At most one of them matches a group.
 */
const inGroup: SQL[] = [
  sql`k.status = 'active' and k.open_task_count = 0 and k.responsible_user_id = g.responsible_user_id and k.pipeline_id = g.pipeline_id`,
  sql`k.status = 'active' and k.open_task_count = 0 and g.responsible_user_id is null and k.responsible_user_id is null and k.pipeline_id = g.pipeline_id`,
];

function affectedRows(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}
