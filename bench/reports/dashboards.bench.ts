/**
 * Dashboards at 10 M interactions: generates calls, messages, conversations, cards (with stage history) and tasks in
 * a scratch PostgreSQL database with generate_series (one INSERT … SELECT per chunk of 1 M rows), builds the rollups
 * with the job's own SQL, then times every dashboard as the API runs it (rollups for finished days + raw rows for
 * today) against the same report computed from the raw tables only, and reports p50/p99 and the ratio.
 *
 *   cd backend && npx vitest run --config ../bench/reports/vitest.config.ts
 *
 * Env: BENCH_SCALE=1 (1 = 6 M calls + 2.7 M messages + 0.3 M conversations + 1 M cards = 10 M interactions, plus
 * 1.5 M stage-history rows and 1 M tasks), BENCH_RUNS=20 (runs per query, rollup path), BENCH_RAW_RUNS=5,
 * BENCH_DATABASE_URL (server to create the scratch database on; default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_KEEP=1 (keep the database), BENCH_REUSE_DATABASE=crm_bench_reports_<ts> (time the queries on a kept database). Writes bench/results/reports.json. Not part of `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { AuthenticatedUser } from '../../backend/src/auth/authenticated-user.js';
import { loadAppConfig } from '../../backend/src/config/app-config.js';
import { applyMigrations, openDatabase, type Database } from '../../backend/src/database/database-connection.js';
import { CampaignResultsQuery } from '../../backend/src/reports/campaign-results.query.js';
import { LiveStateRepository } from '../../backend/src/reports/live-state.repository.js';
import { localToday, shiftDay } from '../../backend/src/reports/report-days.js';
import { REPORT_FACTS } from '../../backend/src/reports/report-facts.js';
import { ReportsRepository } from '../../backend/src/reports/reports.repository.js';
import { ReportsService, type ReportScope } from '../../backend/src/reports/reports.service.js';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const runs = Number(process.env.BENCH_RUNS ?? 20);
const rawRuns = Number(process.env.BENCH_RAW_RUNS ?? 5);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** A scratch database of an earlier run (kept, or left by an interrupted one): no generation, no full rollup. */
const reuse = process.env.BENCH_REUSE_DATABASE;
const TIME_ZONE = 'Europe/Chisinau';
const DAYS = 730;
const counts = {
  calls: Math.round(6_000_000 * scale),
  messages: Math.round(2_700_000 * scale),
  conversations: Math.round(300_000 * scale),
  cards: Math.round(1_000_000 * scale),
  contacts: Math.round(200_000 * scale),
  tasks: Math.round(1_000_000 * scale),
  /** Two years of the centre's ≥ 100,000 e-mails a year, in 240 mass sends (ten a month). */
  campaigns: 240,
  campaignRecipients: Math.round(200_000 * scale),
};
const CHUNK = 1_000_000;
/** Campaign results are for supervisors: the one right they check. */
const SUPERVISOR = { id: 'bench', permissions: ['reports.view'] } as unknown as AuthenticatedUser;

/** The dashboards as if nothing were rolled up: every day from the raw tables. */
class RawOnlyReportsRepository extends ReportsRepository {
  override async rollupStates() {
    return new Map();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed(n: number, run: () => Promise<unknown>): Promise<{ p50: number; p99: number; samples: number }> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { p50: round(percentile(ms, 50)), p99: round(percentile(ms, 99)), samples: n };
}

const round = (v: number) => Math.round(v * 10) / 10;

const RESULTS_FILE = fileURLToPath(new URL('../results/reports.json', import.meta.url));
/** Results are written after every step, so a run stopped half-way still leaves its numbers. */
function saveResults(results: Record<string, unknown>): void {
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2));
}

async function chunked(
  db: Database,
  total: number,
  statement: (from: number, to: number) => string,
  label: string,
  log: string[],
) {
  const started = performance.now();
  for (let from = 1; from <= total; from += CHUNK)
    await db.execute(sql.raw(statement(from, Math.min(total, from + CHUNK - 1))));
  log.push(`${label}: ${total} rows in ${round((performance.now() - started) / 1000)} s`);
  saveResults({ generating: log });
}

/** Random time within the last DAYS days, skewed to working hours in Chisinau. */
const randomTime = (g: string) =>
  `(now() - (${DAYS} * random()) * interval '1 day' - ((hashint4(${g}) & 7) * interval '1 hour'))`;

const LOADED_TABLES = ['calls', 'conversations', 'messages', 'consultation_cards', 'card_stage_history', 'tasks'];

/** Secondary indexes are dropped for the load and rebuilt from their own definitions afterwards (bulk-load practice). */
async function withoutSecondaryIndexes(db: Database, log: string[], load: () => Promise<void>): Promise<void> {
  const list = sql.raw(LOADED_TABLES.map((t) => `'${t}'`).join(', '));
  const { rows } = (await db.execute(
    sql`select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = 'public' and i.tablename in (${list})
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  )) as unknown as { rows: { indexname: string; indexdef: string }[] };
  for (const r of rows) await db.execute(sql.raw(`drop index "${r.indexname}"`));
  await load();
  const started = performance.now();
  for (const r of rows) await db.execute(sql.raw(r.indexdef));
  log.push(`rebuilt ${rows.length} secondary indexes in ${round((performance.now() - started) / 1000)} s`);
}

/** Tables whose live counters the triggers keep: the load runs with those triggers off, then the rebuild fills them. */
const COUNTED_TABLES = ['consultation_cards', 'tasks'];

async function generate(db: Database, log: string[]): Promise<void> {
  for (const table of COUNTED_TABLES) await db.execute(sql.raw(`alter table ${table} disable trigger user`));
  await withoutSecondaryIndexes(db, log, () => load(db, log));
  for (const table of COUNTED_TABLES) await db.execute(sql.raw(`alter table ${table} enable trigger user`));
  // The backfill of the live counters (the migration's SQL, as LiveStateRepository.rebuildCounters).
  const backfill = performance.now();
  const counters = await new LiveStateRepository(db).rebuildCounters();
  log.push(
    `live counters backfill: ${counters.cardsCorrected} open-task counts, ${counters.counterRows} counter rows in ${round((performance.now() - backfill) / 1000)} s`,
  );
  // What autovacuum does after a load: the visibility map lets the snapshot reports scan their indexes only.
  const vacuum = performance.now();
  await db.execute(sql.raw(`vacuum (analyze) consultation_cards, tasks, card_stage_counts`));
  log.push(`vacuum analyze of cards, tasks, counters: ${round((performance.now() - vacuum) / 1000)} s`);
  const analyze = performance.now();
  await db.execute(sql.raw(`analyze`));
  log.push(`analyze: ${round((performance.now() - analyze) / 1000)} s`);
}

/**
 * Mass sends over the two years, each recipient with an outbound message (existing rows: only the join's size matters)
 * and opens, clicks, unsubscribes and failures in realistic shares. Runs on a reused database that has none yet.
 */
async function generateCampaigns(db: Database, log: string[]): Promise<void> {
  const started = performance.now();
  const existing = (await db.execute(sql.raw(`select count(*)::int as n from campaigns`))) as unknown as {
    rows: { n: number }[];
  };
  if (existing.rows[0].n > 0) return;
  await db.execute(
    sql.raw(`insert into message_templates (key, name, channel, format, locale, subject, body)
      values ('bench-newsletter', 'Newsletter', 'email', 'html', 'ro', 'Noutăți pentru antreprenori', '<p>Bună ziua</p>')`),
  );
  await db.execute(sql.raw(`insert into segments (name, filter) values ('Bench: everyone', '{}')`));
  await db.execute(
    sql.raw(`insert into campaigns (name, template_id, segment_id, channel_account_id, status, rate_per_minute, started_at, completed_at)
      select 'Campania ' || g, (select id from message_templates where key = 'bench-newsletter'), (select id from segments limit 1),
        (select id from channel_accounts limit 1), 'completed', 600, ts, ts + interval '2 hours'
      from generate_series(1, ${counts.campaigns}) g, lateral (select now() - (g * 730.0 / ${counts.campaigns}) * interval '1 day' as ts offset 0) t`),
  );
  const perCampaign = Math.ceil(counts.campaignRecipients / counts.campaigns);
  await db.execute(
    sql.raw(`insert into campaign_recipients (campaign_id, contact_id, address, state, message_id, queued_at, opened_at, clicked_at, click_count, unsubscribed_at)
      select c.id, ct.id, 'c' || ct.n || '@bench.local', 'queued', m.id, c.started_at,
        case when r < 0.3 then c.started_at + interval '3 hours' end,
        case when r < 0.08 then c.started_at + interval '4 hours' end, case when r < 0.08 then 1 else 0 end,
        case when r > 0.995 then c.started_at + interval '5 hours' end
      from (select id, started_at, row_number() over (order by started_at) - 1 as k from campaigns) c
      join lateral (select id, n from (select id, row_number() over (order by id) as n from contacts limit ${perCampaign}) x) ct on true
      join lateral (select random() as r offset 0) rnd on true
      join (select id, row_number() over () - 1 as n from messages where direction = 'out' limit ${counts.campaignRecipients + perCampaign}) m
        on m.n = c.k * ${perCampaign} + ct.n - 1`),
  );
  // About 2 % bounce: their messages failed.
  await db.execute(
    sql.raw(
      `update messages set status = 'failed' where id in (select message_id from campaign_recipients where random() < 0.02)`,
    ),
  );
  await db.execute(sql.raw(`analyze campaigns, campaign_recipients, messages`));
  log.push(
    `campaigns: ${counts.campaigns} sends, ${counts.campaigns * perCampaign} recipients in ${round((performance.now() - started) / 1000)} s`,
  );
}

async function load(db: Database, log: string[]): Promise<void> {
  await db.execute(sql.raw(`set synchronous_commit = off`));
  await db.execute(
    sql.raw(
      `insert into users (email, full_name, role) select 'consultant' || g || '@bench.local', 'Consultant ' || g, 'consultant' from generate_series(1, 20) g`,
    ),
  );
  await db.execute(
    sql.raw(`insert into pipelines (code, name) values ('bench', 'Bench pipeline'), ('bench-2', 'Second pipeline')`),
  );
  await db.execute(
    sql.raw(`insert into pipeline_stages (pipeline_id, name, "order", kind)
      select p.id, s.name, s.ord, s.kind from pipelines p,
        (values ('Nou', 0, 'open'), ('Contactat', 1, 'open'), ('Consultat', 2, 'open'), ('Aplicat', 3, 'open'), ('Succes', 4, 'won'), ('Refuz', 5, 'lost')) s(name, ord, kind)`),
  );
  await db.execute(
    sql.raw(
      `insert into channel_accounts (provider, channel, name, config, webhook_token) values ('telegram', 'telegram', 'Bench', '{"v":1,"iv":"","tag":"","data":""}', 'bench')`,
    ),
  );
  await chunked(
    db,
    counts.contacts,
    (a, b) => `insert into contacts (display_name) select 'Contact ' || g from generate_series(${a}, ${b}) g`,
    'contacts',
    log,
  );
  const users = `(select array_agg(id order by email) from users where role = 'consultant')`;
  const contactAt = `(select id from contacts limit 1)`; // every row points at one contact: FKs only, the reports never join contacts
  await chunked(
    db,
    counts.calls,
    (
      a,
      b,
    ) => `insert into calls (pbx, provider_call_id, direction, from_number, started_at, status, answered_by_user_id, ringing_user_ids, answered_at, wait_seconds, talk_seconds, called_back_at)
      select 'bench', 'b' || g, d.direction, '+37369000000', d.started_at,
        case when d.r < 0.7 then 'answered' when d.direction = 'outbound' then 'answered' when d.r < 0.9 then 'missed' else 'abandoned' end,
        case when d.r < 0.7 or d.direction = 'outbound' then u.ids[1 + g % 20] end,
        array[u.ids[1 + (g * 7) % 20]],
        case when d.r < 0.7 or d.direction = 'outbound' then d.started_at + interval '12 seconds' end,
        (d.r * 60)::int, case when d.r < 0.7 or d.direction = 'outbound' then (d.r * 600)::int end,
        case when d.r >= 0.7 and d.r < 0.85 then d.started_at + interval '1 hour' end
      from generate_series(${a}, ${b}) g cross join (select array_agg(id order by email) from users where role = 'consultant') u(ids),
        lateral (select case when random() < 0.8 then 'inbound' else 'outbound' end as direction, ${randomTime('g')} as started_at, random() as r offset 0) d`,
    'calls',
    log,
  );
  await chunked(
    db,
    counts.conversations,
    (
      a,
      b,
    ) => `insert into conversations (contact_id, channel, channel_account_id, provider_chat_id, status, assignee_user_id, created_at)
      select ${contactAt}, (array['telegram', 'viber', 'whatsapp', 'messenger', 'webchat', 'sms'])[1 + g % 6], (select id from channel_accounts limit 1), 'chat' || g, 'closed',
        (${users})[1 + g % 20], ${randomTime('g')}
      from generate_series(${a}, ${b}) g`,
    'conversations',
    log,
  );
  const perConversation = Math.max(1, Math.round(counts.messages / counts.conversations));
  const messagesStart = performance.now();
  await db.execute(
    sql.raw(`insert into messages (conversation_id, channel_account_id, direction, provider_message_id, text, status, created_at)
      select v.id, v.channel_account_id, case when k % 2 = 1 then 'in' else 'out' end, v.provider_chat_id || '-' || k, 'Bună ziua', 'received', v.created_at + k * interval '3 minutes'
      from conversations v cross join generate_series(1, ${perConversation}) k`),
  );
  log.push(
    `messages: ${counts.conversations * perConversation} rows in ${round((performance.now() - messagesStart) / 1000)} s`,
  );
  await chunked(
    db,
    counts.cards,
    (
      a,
      b,
    ) => `insert into consultation_cards (contact_id, pipeline_id, stage_id, title, responsible_user_id, source, utm, status, created_at, stage_entered_at)
      select ${contactAt}, s.pipeline_id, s.id, 'Card ' || g, (${users})[1 + g % 20],
        (array['telegram', 'landing', 'call', 'viber', 'manual', 'webchat'])[1 + g % 6],
        case when g % 3 = 0 then jsonb_build_object('source', (array['facebook', 'google', 'instagram'])[1 + g % 3]) else '{}'::jsonb end,
        case when s.kind = 'open' then 'active' else 'closed' end, t.at, t.at + interval '1 day'
      from generate_series(${a}, ${b}) g
      cross join lateral (select ${randomTime('g')} as at offset 0) t
      join (select id, pipeline_id, kind, row_number() over (order by pipeline_id, "order") - 1 as n from pipeline_stages) s on s.n = g % 12`,
    'cards',
    log,
  );
  const started = performance.now();
  await db.execute(
    sql.raw(`insert into card_stage_history (card_id, to_stage_id, entered_at, left_at)
      select k.id, first.id, k.created_at, case when k.stage_id <> first.id then k.stage_entered_at end
      from consultation_cards k join lateral (select id from pipeline_stages where pipeline_id = k.pipeline_id order by "order" limit 1) first on true`),
  );
  await db.execute(
    sql.raw(`insert into card_stage_history (card_id, from_stage_id, to_stage_id, entered_at)
      select k.id, null, k.stage_id, k.stage_entered_at from consultation_cards k
      where k.stage_id <> (select id from pipeline_stages where pipeline_id = k.pipeline_id order by "order" limit 1)`),
  );
  log.push(`card_stage_history: ${round((performance.now() - started) / 1000)} s`);
  const tasksStart = performance.now();
  await db.execute(
    sql.raw(`insert into tasks (title, assignee_user_id, card_id, due_at, status, created_at)
      select 'Task', k.responsible_user_id, k.id, now() + ((hashint4(k.n::int) % 20)) * interval '1 day',
        case when k.n % 3 = 0 then 'open' else 'done' end, now() - interval '30 days'
      from (select id, responsible_user_id, row_number() over () as n from consultation_cards) k where k.n <= ${counts.tasks}`),
  );
  log.push(`tasks: ${counts.tasks} rows in ${round((performance.now() - tasksStart) / 1000)} s`);
}

it(`dashboards at ${scale * 10} M interactions`, async () => {
  const log: string[] = [];
  const name = reuse ?? `crm_bench_reports_${Date.now()}`;
  if (!reuse) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const connection = await openDatabase({ url: url.toString(), dataDir: 'memory://', poolSize: 2 });
  const loadStart = loadavg();
  const results: Record<string, unknown> = {};
  try {
    await applyMigrations(connection);
    const db = connection.db;
    const generateStart = performance.now();
    await db.execute(sql.raw(`create extension if not exists pg_trgm`)).catch(() => undefined);
    if (!reuse) await generate(db, log);
    await generateCampaigns(db, log);
    const generateSeconds = round((performance.now() - generateStart) / 1000);

    const config = loadAppConfig({ TIME_ZONE, DATA_DIR: 'memory://' });
    const repository = new ReportsRepository(db);
    const rollupStart = performance.now();
    const today = localToday(TIME_ZONE);
    for (const fact of reuse ? [] : REPORT_FACTS) {
      const from = (await repository.earliestDay(fact, TIME_ZONE)) ?? today;
      await repository.refreshRollup(fact, { fromDay: from, toDay: shiftDay(today, -1), timeZone: TIME_ZONE });
    }
    const rollupSeconds = round((performance.now() - rollupStart) / 1000);
    const recentStart = performance.now();
    for (const fact of REPORT_FACTS)
      await repository.refreshRollup(fact, {
        fromDay: shiftDay(today, -7),
        toDay: shiftDay(today, -1),
        timeZone: TIME_ZONE,
      });
    const recentRefreshSeconds = round((performance.now() - recentStart) / 1000);

    const liveState = new LiveStateRepository(db);
    const withRollups = new ReportsService(config, repository, liveState, new CampaignResultsQuery(db));
    const rawOnly = new ReportsService(
      config,
      new RawOnlyReportsRepository(db),
      liveState,
      new CampaignResultsQuery(db),
    );
    const [{ id: consultantId }] = (
      (await db.execute(
        sql.raw(`select id from users where role = 'consultant' order by email limit 1`),
      )) as unknown as { rows: { id: string }[] }
    ).rows;
    const [{ id: pipelineId }] = (
      (await db.execute(sql.raw(`select id from pipelines where code = 'bench'`))) as unknown as {
        rows: { id: string }[];
      }
    ).rows;
    const scope = (days: number, extra: Partial<ReportScope> = {}): ReportScope => ({
      from: shiftDay(today, -days + 1),
      to: today,
      timeZone: TIME_ZONE,
      consultantId: null,
      pipelineId: null,
      granularity: days > 120 ? 'month' : 'day',
      ...extra,
    });
    const queries: { name: string; run: (s: ReportsService) => Promise<unknown>; rollup: boolean }[] = [
      { name: 'calls, last 30 days, everyone', run: (s) => s.calls(scope(30)), rollup: true },
      { name: 'calls, last 365 days, one consultant', run: (s) => s.calls(scope(365, { consultantId })), rollup: true },
      { name: 'calls, last 730 days, everyone, by month', run: (s) => s.calls(scope(730)), rollup: true },
      { name: 'requests by channel/UTM, last 365 days', run: (s) => s.requests(scope(365)), rollup: true },
      { name: 'requests, last 30 days, one pipeline', run: (s) => s.requests(scope(30, { pipelineId })), rollup: true },
      {
        name: 'stages + conversion, last 90 days, one pipeline',
        run: (s) => s.stages(scope(90, { pipelineId })),
        rollup: true,
      },
      { name: 'stages, now, everyone, all pipelines', run: (s) => s.stages(scope(1)), rollup: true },
      { name: 'campaign results, last 365 days', run: (s) => s.campaigns(scope(365), SUPERVISOR), rollup: false },
      { name: 'campaign results, last 30 days', run: (s) => s.campaigns(scope(30), SUPERVISOR), rollup: false },
      { name: 'overdue tasks (snapshot)', run: (s) => s.overdueTasks(scope(30)), rollup: false },
      { name: 'overdue tasks, one pipeline', run: (s) => s.overdueTasks(scope(30, { pipelineId })), rollup: false },
      { name: 'overdue tasks, one consultant', run: (s) => s.overdueTasks(scope(30, { consultantId })), rollup: false },
      { name: 'cards without an open task (snapshot)', run: (s) => s.cardsWithoutTask(scope(30)), rollup: false },
      {
        name: 'cards without an open task, one consultant, page 3',
        run: (s) => s.cardsWithoutTask(scope(30, { consultantId }), { limit: 20, offset: 40 }),
        rollup: false,
      },
    ];
    const rows: Record<string, unknown>[] = [];
    for (const q of queries) {
      await q.run(withRollups); // warm-up
      const api = await timed(runs, () => q.run(withRollups));
      const raw = q.rollup ? await timed(rawRuns, () => q.run(rawOnly)) : undefined;
      rows.push({
        query: q.name,
        api,
        raw,
        ratio: raw ? round((api.p50 / raw.p50) * 1000) / 1000 : null,
        underTarget: api.p99 < 300,
      });
    }
    // The rollup path and the raw path give the same numbers.
    expect(await withRollups.calls(scope(365))).toEqual(await rawOnly.calls(scope(365)));
    // The live counters give the numbers of the raw queries the reports ran before them (timed once, for scale).
    const rawSnapshots: Record<string, number> = {};
    const rawTimed = async (label: string, query: string) => {
      const started = performance.now();
      const result = (await db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] };
      rawSnapshots[label] = round(performance.now() - started);
      return result.rows;
    };
    const stagesNow = await withRollups.stages(scope(90, { pipelineId }));
    const rawStages = await rawTimed(
      'cards per stage, one pipeline (count(*) of the cards)',
      `select stage_id, count(*)::int as cards from consultation_cards where pipeline_id = '${pipelineId}' group by 1`,
    );
    expect(Object.fromEntries(stagesNow.stages.filter((x) => x.cards).map((x) => [x.stageId, x.cards]))).toEqual(
      Object.fromEntries(rawStages.map((r) => [r.stage_id, r.cards])),
    );
    const without = await withRollups.cardsWithoutTask(scope(30));
    const [rawWithout] = await rawTimed(
      'cards without an open task (anti-join)',
      `select count(*)::int as n from consultation_cards k where k.status = 'active' and not exists (select 1 from tasks t where t.card_id = k.id and t.status = 'open')`,
    );
    expect(without.total).toBe(rawWithout.n);
    const tableRows = (
      (await db.execute(
        sql.raw(`select (select count(*) from calls) calls, (select count(*) from messages) messages, (select count(*) from conversations) conversations,
      (select count(*) from consultation_cards) cards, (select count(*) from card_stage_history) stage_history, (select count(*) from tasks) tasks,
      (select count(*) from report_calls_daily) calls_rollup_rows`),
      )) as unknown as { rows: Record<string, string>[] }
    ).rows[0];
    Object.assign(results, {
      rawSnapshotQueriesMs: rawSnapshots,
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, loadAverageAtStart: loadStart, loadAverageAtEnd: loadavg() },
      scale,
      rows: tableRows,
      generateSeconds,
      generateLog: log,
      rollupFullSeconds: rollupSeconds,
      rollupRecent7DaysSeconds: recentRefreshSeconds,
      queries: rows,
    });
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await connection.close();
    if (!process.env.BENCH_KEEP) {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    }
    if (Object.keys(results).length) saveResults(results);
  }
});
