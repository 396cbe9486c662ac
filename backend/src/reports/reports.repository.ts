import { Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import type { DayRange, FactDefinition, FactFilter } from './report-facts.js';
import { reportRollupState, type ReportRollupStateRow } from './reports.schema.js';

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export type FactQuery = {
  range: DayRange;
  filter: FactFilter;
  /** Dimensions to keep; the others are summed over. */
  groupBy: readonly string[];
  /** With a granularity rows carry `bucket` (the first local day of the day/week (Monday)/month). */
  granularity?: Granularity;
};

export type FactRow = Record<string, string | number | null>;

/** SQL of the dashboards' facts: read from rollups plus raw rows, rollup refresh (snapshots: LiveStateRepository). */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  async rollupStates(tx: DatabaseExecutor = this.db): Promise<Map<string, ReportRollupStateRow>> {
    const rows = await tx.select().from(reportRollupState);
    return new Map(rows.map((r) => [r.fact, r]));
  }

  /**
   * Sums of a fact's measures: finished days (before the rollup's `completeBefore`) from its rollup table, the rest
   * aggregated from raw rows, in one statement of the same shape.
   */
  async factTotals(fact: FactDefinition, query: FactQuery, completeBefore: string | undefined): Promise<FactRow[]> {
    const { range, filter } = query;
    const columns = ['day', ...fact.dimensions, ...fact.measures].join(', ');
    const parts: SQL[] = [];
    if (completeBefore && range.fromDay < completeBefore)
      parts.push(
        sql`select ${sql.raw(columns)} from ${sql.raw(fact.table)} where day >= ${range.fromDay}::date and day <= ${range.toDay}::date and day < ${completeBefore}::date${fact.rollupWhere(filter)}`,
      );
    if (!completeBefore || range.toDay >= completeBefore) {
      const fromDay = completeBefore && completeBefore > range.fromDay ? completeBefore : range.fromDay;
      parts.push(sql`select ${sql.raw(columns)} from (${fact.raw({ ...range, fromDay }, filter)}) raw`);
    }
    const union = sql.join(parts, sql` union all `);
    const bucket = query.granularity
      ? sql.raw(query.granularity === 'day' ? 'day' : `date_trunc('${query.granularity}', day)::date`)
      : undefined;
    const keys: SQL[] = [...(bucket ? [sql`${bucket}::text as bucket`] : []), ...query.groupBy.map((d) => sql.raw(d))];
    const sums = fact.measures.map((m) => sql.raw(`coalesce(sum(${m}), 0)::float8 as ${m}`));
    const groupCount = keys.length;
    const statement = sql`select ${sql.join([...keys, ...sums], sql`, `)} from (${union}) f
      ${groupCount ? sql.raw(`group by ${Array.from({ length: groupCount }, (_, i) => i + 1).join(', ')} order by ${Array.from({ length: groupCount }, (_, i) => i + 1).join(', ')}`) : sql``}`;
    return rowsOf(await this.db.execute(statement));
  }

  async userNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = rowsOf(
      await this.db.execute(
        sql`select id, full_name from users where id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      ),
    );
    return new Map(rows.map((r) => [String(r.id), String(r.full_name)]));
  }

  async stageNames(pipelineId?: string): Promise<FactRow[]> {
    return rowsOf(
      await this.db
        .execute(sql`select s.id as stage_id, s.name as stage_name, s.kind as stage_kind, s.pipeline_id, p.name as pipeline_name
        from pipeline_stages s join pipelines p on p.id = s.pipeline_id
        where true${pipelineId ? sql` and s.pipeline_id = ${pipelineId}` : sql``}
        order by p."order", p.name, s."order", s.name`),
    );
  }

  /** The local day of the earliest raw row of a fact (where a first rollup starts), or undefined on an empty database. */
  async earliestDay(fact: FactDefinition, timeZone: string): Promise<string | undefined> {
    const source = EARLIEST_SOURCE[fact.name];
    const rows = rowsOf(
      await this.db.execute(
        sql`select (min(${sql.raw(source.column)}) at time zone ${timeZone})::date::text as day from ${sql.raw(source.table)}`,
      ),
    );
    return (rows[0]?.day as string | null) ?? undefined;
  }

  /**
   * Replaces a fact's rollup rows of [fromDay, toDay] with a fresh aggregate and moves `completeBefore` to the day
   * after, in one transaction under a lock so two workers never interleave.
   */
  async refreshRollup(fact: FactDefinition, range: DayRange): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`reports-rollup:${fact.name}`}, 0))`);
      await tx.execute(
        sql`delete from ${sql.raw(fact.table)} where day >= ${range.fromDay}::date and day <= ${range.toDay}::date`,
      );
      const columns = sql.raw(['day', ...fact.dimensions, ...fact.measures].join(', '));
      const inserted = await tx.execute(
        sql`insert into ${sql.raw(fact.table)} (${columns}) select ${columns} from (${fact.raw(range, {})}) raw`,
      );
      const rows =
        (inserted as unknown as { rowCount?: number; affectedRows?: number }).rowCount ??
        (inserted as unknown as { affectedRows?: number }).affectedRows ??
        0;
      await tx.execute(sql`insert into report_rollup_state (fact, complete_before, refreshed_at, rows_written)
        values (${fact.name}, (${range.toDay}::date + 1), now(), ${rows})
        on conflict (fact) do update set complete_before = excluded.complete_before, refreshed_at = excluded.refreshed_at, rows_written = excluded.rows_written`);
      return rows;
    });
  }
}

const EARLIEST_SOURCE: Record<string, { table: string; column: string }> = {
  calls: { table: 'calls', column: 'started_at' },
  requests: { table: 'consultation_cards', column: 'created_at' },
  conversations: { table: 'conversations', column: 'created_at' },
  stage_entries: { table: 'card_stage_history', column: 'entered_at' },
};

export function rowsOf(result: unknown): FactRow[] {
  return ((result as { rows?: FactRow[] }).rows ?? (result as FactRow[])) as FactRow[];
}
