import { sql, type SQL } from 'drizzle-orm';

/** The dimension filters every fact understands (null: not filtered). */
export type FactFilter = { consultantId?: string; pipelineId?: string };

/** A local-day range [fromDay, toDay] (YYYY-MM-DD, inclusive) in time zone `timeZone`. */
export type DayRange = { fromDay: string; toDay: string; timeZone: string };

/**
 * One countable fact of the dashboards: how to aggregate it per local day from the raw tables. The rollup table has
 * exactly the columns `day, ...dimensions, ...measures`, so a report reads rollup rows for finished days and this raw
 * aggregate for the days after, with one shape.
 */
export type FactDefinition = {
  name: string;
  table: string;
  dimensions: readonly string[];
  measures: readonly string[];
  /** Raw rows of the range, grouped by `day` and every dimension (positional group by). */
  raw(range: DayRange, filter: FactFilter): SQL;
  /** Dimension filter applied to rollup rows (the raw query applies it itself). */
  rollupWhere(filter: FactFilter): SQL;
};

/** `column` (timestamptz) falls within the local days of the range: an index range scan on `column`. */
function withinDays(column: SQL, range: DayRange): SQL {
  return sql`${column} >= (${range.fromDay}::date::timestamp at time zone ${range.timeZone}) and ${column} < ((${range.toDay}::date + 1)::timestamp at time zone ${range.timeZone})`;
}

function localDay(column: SQL, range: DayRange): SQL {
  return sql`(${column} at time zone ${range.timeZone})::date`;
}

const consultantFilter = (column: SQL, filter: FactFilter) =>
  filter.consultantId ? sql` and ${column} = ${filter.consultantId}` : sql``;
const pipelineFilter = (column: SQL, filter: FactFilter) =>
  filter.pipelineId ? sql` and ${column} = ${filter.pipelineId}` : sql``;

/** Final statuses of an inbound call nobody talked to (calls.schema UNANSWERED_STATUSES). */
const UNANSWERED = sql.raw(`('missed', 'abandoned', 'voicemail', 'busy', 'failed')`);

export const CALLS_FACT: FactDefinition = {
  name: 'calls',
  table: 'report_calls_daily',
  dimensions: ['consultant_id'],
  measures: [
    'incoming',
    'answered',
    'missed',
    'missed_not_called_back',
    'outgoing',
    'wait_seconds_sum',
    'wait_count',
    'talk_seconds_sum',
    'talk_count',
  ],
  raw(range, filter) {
    const consultant = sql`coalesce(c.answered_by_user_id, c.ringing_user_ids[1])`;
    const inbound = sql`c.direction = 'inbound'`;
    const answered = sql`${inbound} and c.answered_at is not null`;
    const missed = sql`${inbound} and c.status in ${UNANSWERED}`;
    return sql`select ${localDay(sql`c.started_at`, range)} as day, ${consultant} as consultant_id,
        (count(*) filter (where ${inbound}))::int as incoming,
        (count(*) filter (where ${answered}))::int as answered,
        (count(*) filter (where ${missed}))::int as missed,
        (count(*) filter (where ${missed} and c.called_back_at is null))::int as missed_not_called_back,
        (count(*) filter (where c.direction = 'outbound'))::int as outgoing,
        coalesce(sum(c.wait_seconds) filter (where ${answered} and c.wait_seconds is not null), 0)::int as wait_seconds_sum,
        (count(*) filter (where ${answered} and c.wait_seconds is not null))::int as wait_count,
        coalesce(sum(c.talk_seconds) filter (where c.answered_at is not null and c.talk_seconds is not null), 0)::int as talk_seconds_sum,
        (count(*) filter (where c.answered_at is not null and c.talk_seconds is not null))::int as talk_count
      from calls c
      where ${withinDays(sql`c.started_at`, range)} and c.direction <> 'internal'${consultantFilter(consultant, filter)}
      group by 1, 2`;
  },
  rollupWhere: (filter) => consultantFilter(sql.raw('consultant_id'), filter),
};

export const REQUESTS_FACT: FactDefinition = {
  name: 'requests',
  table: 'report_requests_daily',
  dimensions: ['consultant_id', 'pipeline_id', 'channel', 'utm_source'],
  measures: ['cards'],
  raw(range, filter) {
    return sql`select ${localDay(sql`k.created_at`, range)} as day, k.responsible_user_id as consultant_id, k.pipeline_id,
        coalesce(nullif(k.source, ''), 'manual') as channel, coalesce(nullif(k.utm->>'source', ''), '') as utm_source,
        count(*)::int as cards
      from consultation_cards k
      where ${withinDays(sql`k.created_at`, range)}${consultantFilter(sql`k.responsible_user_id`, filter)}${pipelineFilter(sql`k.pipeline_id`, filter)}
      group by 1, 2, 3, 4, 5`;
  },
  rollupWhere: (filter) =>
    sql`${consultantFilter(sql.raw('consultant_id'), filter)}${pipelineFilter(sql.raw('pipeline_id'), filter)}`,
};

export const CONVERSATIONS_FACT: FactDefinition = {
  name: 'conversations',
  table: 'report_conversations_daily',
  dimensions: ['consultant_id', 'channel'],
  measures: ['conversations'],
  raw(range, filter) {
    return sql`select ${localDay(sql`v.created_at`, range)} as day, v.assignee_user_id as consultant_id, v.channel, count(*)::int as conversations
      from conversations v
      where ${withinDays(sql`v.created_at`, range)}${consultantFilter(sql`v.assignee_user_id`, filter)}
      group by 1, 2, 3`;
  },
  rollupWhere: (filter) => consultantFilter(sql.raw('consultant_id'), filter),
};

export const STAGE_ENTRIES_FACT: FactDefinition = {
  name: 'stage_entries',
  table: 'report_stage_entries_daily',
  dimensions: ['consultant_id', 'pipeline_id', 'stage_id'],
  measures: ['entries'],
  raw(range, filter) {
    return sql`select ${localDay(sql`h.entered_at`, range)} as day, k.responsible_user_id as consultant_id, s.pipeline_id, h.to_stage_id as stage_id,
        count(*)::int as entries
      from card_stage_history h
      join pipeline_stages s on s.id = h.to_stage_id
      join consultation_cards k on k.id = h.card_id
      where ${withinDays(sql`h.entered_at`, range)}${consultantFilter(sql`k.responsible_user_id`, filter)}${pipelineFilter(sql`s.pipeline_id`, filter)}
      group by 1, 2, 3, 4`;
  },
  rollupWhere: (filter) =>
    sql`${consultantFilter(sql.raw('consultant_id'), filter)}${pipelineFilter(sql.raw('pipeline_id'), filter)}`,
};

export const REPORT_FACTS: readonly FactDefinition[] = [
  CALLS_FACT,
  REQUESTS_FACT,
  CONVERSATIONS_FACT,
  STAGE_ENTRIES_FACT,
];
