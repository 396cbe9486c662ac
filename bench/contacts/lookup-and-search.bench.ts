/**
 * Contacts at scale: bulk-loads N generated contacts, then measures exact phone lookup (screen-pop) and fuzzy name
 * search with the same SQL the API runs, against the targets (lookup p99 < 5 ms, fuzzy p99 < 50 ms).
 *
 *   npx tsx bench/contacts/lookup-and-search.bench.ts --contacts 1000000 --db postgres
 *   npx tsx bench/contacts/lookup-and-search.bench.ts --contacts 100000 --db pglite
 *
 * Options: --queries 1000, --batch 5000, --url postgres://postgres@127.0.0.1:5432/postgres (server to create the
 * scratch database on), --keep (do not drop it), --keep-indexes (load with the GIN indexes — trigram, name words, tags — in place instead of
 * dropping them for the load and rebuilding them after — the usual bulk-load practice, several times faster), --reuse <database>
 * (measure against a database an earlier `--keep` run left, with the same --contacts, without loading again). Runs under plain tsx: it uses Drizzle, the migrations, the contact
 * generator and the shared search SQL, never Nest (tsx/esbuild emits no decorator metadata).
 * Writes bench/results/contacts-<db>.json. Not part of `npm test`.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { and, isNull, sql } from 'drizzle-orm';
import pg from 'pg';
import {
  fuzzyContactsPage,
  prepareContactWithPhonesByE164,
  setFuzzyThreshold,
} from '../../backend/src/contacts/contact-search.sql.js';
import { contacts } from '../../backend/src/contacts/contacts.schema.js';
import { demoSearchQuery, generateContact, seededRandom } from '../../backend/src/contacts/demo/contact-generator.js';
import { normalizePhoneNumber } from '../../backend/src/contacts/phone-number.js';
import {
  applyMigrations,
  openDatabase,
  type Database,
  type DatabaseConnection,
} from '../../backend/src/database/database-connection.js';

const TARGETS = { lookupP99Ms: 5, fuzzyP99Ms: 50 };
const LOAD_AT_START = loadavg();

const { values: args } = parseArgs({
  options: {
    contacts: { type: 'string', default: '100000' },
    db: { type: 'string', default: 'pglite' },
    queries: { type: 'string', default: '1000' },
    batch: { type: 'string', default: '5000' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    keep: { type: 'boolean', default: false },
    'keep-indexes': { type: 'boolean', default: false },
    reuse: { type: 'string' },
  },
});
const total = Number(args.contacts);
const queryCount = Number(args.queries);
const batchSize = Number(args.batch);
const kind = args.db === 'postgres' ? 'postgres' : 'pglite';

async function openScratchDatabase(): Promise<{ connection: DatabaseConnection; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const connection = await openDatabase({ dataDir: 'memory://' });
    return { connection, drop: () => connection.close() };
  }
  const name = args.reuse ?? `crm_bench_${Date.now()}`;
  if (!args.reuse) {
    const admin = new pg.Client({ connectionString: args.url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
  }
  const url = new URL(args.url!);
  url.pathname = `/${name}`;
  const connection = await openDatabase({ url: url.toString(), dataDir: 'memory://', poolSize: 4 });
  return {
    connection,
    async drop() {
      await connection.close();
      if (args.keep || args.reuse) return console.log(`kept database ${name}`);
      const client = new pg.Client({ connectionString: args.url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** The GIN indexes (trigram, name words, tags) of the contact tables (rebuilt after the load from their own definitions). */
async function dropGinIndexes(db: Database): Promise<{ name: string; definition: string }[]> {
  const result = await db.execute<{ name: string; definition: string }>(
    sql`select indexname as name, indexdef as definition from pg_indexes where tablename in ('contacts', 'contact_phones', 'contact_name_words') and indexdef like '%USING gin%'`,
  );
  const rows = ((result as unknown as { rows?: unknown[] }).rows ?? result) as { name: string; definition: string }[];
  for (const index of rows) await db.execute(sql.raw(`drop index ${index.name}`));
  return rows;
}

/** Multi-row inserts through unnest(): a handful of array parameters per batch, one transaction per batch. */
async function bulkLoad(db: Database): Promise<{ seconds: number; rowsPerSecond: number }> {
  const started = performance.now();
  for (let from = 0; from < total; from += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, total - from) }, (_, i) => ({
      id: randomUUID(),
      ...generateContact(from + i),
    }));
    const column = <T>(pick: (c: (typeof batch)[number]) => T) => sql.param(batch.map(pick));
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into contacts (id, first_name, last_name, display_name, email, locality, district, activity_type, language, tags, consent, source)
        select id, first_name, last_name, display_name, email, locality, district, activity_type, language,
               coalesce(string_to_array(nullif(tags, ''), ','), '{}'), consent::jsonb, source
        from unnest(${column((c) => c.id)}::uuid[], ${column((c) => c.firstName)}::text[], ${column((c) => c.lastName)}::text[],
                    ${column((c) => c.displayName)}::text[], ${column((c) => c.email)}::text[], ${column((c) => c.locality)}::text[],
                    ${column((c) => c.district)}::text[], ${column((c) => c.activityType)}::text[], ${column((c) => c.language)}::text[],
                    ${column((c) => c.tags.join(','))}::text[], ${column((c) => JSON.stringify(c.consent))}::text[], ${column((c) => c.source)}::text[])
          as t(id, first_name, last_name, display_name, email, locality, district, activity_type, language, tags, consent, source)`);
      await tx.execute(sql`
        insert into contact_phones (contact_id, e164, is_primary)
        select contact_id, e164, true from unnest(${column((c) => c.id)}::uuid[], ${column((c) => c.phone)}::text[]) as t(contact_id, e164)`);
    });
    const done = from + batch.length;
    if (done % (batchSize * 20) === 0 || done === total) {
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        `\r  loaded ${done.toLocaleString('en')} contacts, ${Math.round(done / seconds).toLocaleString('en')} rows/s   `,
      );
    }
  }
  process.stdout.write('\n');
  const seconds = (performance.now() - started) / 1000;
  return { seconds, rowsPerSecond: Math.round(total / seconds) };
}

/** Screen-pop, as ContactsRepository.findWithPhonesByE164: normalize, then one prepared query (index hit + the contact's phones). */
let lookupStatement: ReturnType<typeof prepareContactWithPhonesByE164> | undefined;
async function lookup(db: Database, typed: string) {
  const e164 = normalizePhoneNumber(typed, 'MD');
  if (!e164) throw new Error(`invalid ${typed}`);
  const [row] = await (lookupStatement ??= prepareContactWithPhonesByE164(db)).execute({ e164 });
  return row;
}

/** GET /api/contacts?q=…&limit=20, as ContactsRepository.search runs it. */
async function fuzzySearch(db: Database, q: string) {
  return db.transaction(async (tx) => {
    await tx.execute(setFuzzyThreshold());
    return fuzzyContactsPage(tx, q, and(isNull(contacts.mergedIntoId), isNull(contacts.erasedAt)), 20, 0);
  });
}

type Stats = { p50: number; p95: number; p99: number; max: number; mean: number };
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted.at(-1)!),
    mean: round(sorted.reduce((s, n) => s + n, 0) / sorted.length),
  };
}

async function measure<T>(
  label: string,
  inputs: string[],
  run: (input: string) => Promise<T>,
  check: (input: string, result: T, index: number) => boolean,
) {
  for (const input of inputs.slice(0, 50)) await run(input); // warm-up
  const samples: number[] = [];
  let ok = 0;
  for (const [index, input] of inputs.entries()) {
    const started = performance.now();
    const result = await run(input);
    samples.push(performance.now() - started);
    if (check(input, result, index)) ok++;
    else if (process.env.BENCH_SHOW_MISSES) console.log('  miss:', input, JSON.stringify(result).slice(0, 300));
  }
  const result = { ...stats(samples), queries: inputs.length, correct: ok, samples };
  console.log(
    `  ${label}: p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, max ${result.max} ms (${ok}/${inputs.length} as expected)`,
  );
  return result;
}

const withoutSamples = <T extends { samples: number[] }>({ samples: _samples, ...rest }: T) => rest;

/**
 * Fuzzy latency by query shape (one word / several words), and the slowest queries with their server-side execution
 * time (EXPLAIN ANALYZE of the same SQL, run again): a slow client-side time with a fast server-side one is the
 * machine's load, not the query.
 */
async function explainFuzzyTail(db: Database, queries: string[], samples: number[]) {
  const byShape = (several: boolean) => {
    const picked = samples.filter((_, i) => queries[i].trim().includes(' ') === several);
    return { queries: picked.length, ...stats(picked) };
  };
  const shapes = { oneWord: byShape(false), severalWords: byShape(true) };
  const slowest = samples
    .map((ms, i) => ({ ms, q: queries[i] }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8);
  const tail = [];
  for (const { ms, q } of slowest) {
    const serverMs = await db.transaction(async (tx) => {
      await tx.execute(setFuzzyThreshold());
      const query = fuzzyContactsPage(tx, q, and(isNull(contacts.mergedIntoId), isNull(contacts.erasedAt)), 20, 0);
      const { sql: text, params } = query.toSQL();
      const explained = await tx.execute(sql.raw(`explain (analyze, format json) ${inlineParams(text, params)}`));
      const rows = ((explained as unknown as { rows?: unknown[] }).rows ?? explained) as Record<string, unknown>[];
      const plan = Object.values(rows[0])[0] as [{ 'Execution Time': number; 'Planning Time': number }];
      return Math.round((plan[0]['Execution Time'] + plan[0]['Planning Time']) * 100) / 100;
    });
    tail.push({ q, clientMs: Math.round(ms * 100) / 100, serverMs });
  }
  console.log(
    `  fuzzy by shape: one word p50 ${shapes.oneWord.p50} / p99 ${shapes.oneWord.p99} ms, several words p50 ${shapes.severalWords.p50} / p99 ${shapes.severalWords.p99} ms`,
  );
  console.log(
    `  slowest (client → server ms): ${tail.map((t) => `"${t.q}" ${t.clientMs} → ${t.serverMs}`).join(', ')}`,
  );
  return { ...shapes, slowest: tail };
}

/** The query with its $n parameters written in as literals (EXPLAIN cannot take parameters through the extended protocol here). */
function inlineParams(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    return typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
  });
}

async function main(): Promise<void> {
  console.log(
    `contacts bench on ${kind}: ${total.toLocaleString('en')} contacts, ${queryCount} queries per measure, load ${LOAD_AT_START.map((l) => l.toFixed(1)).join(' ')}`,
  );
  const { connection, drop } = await openScratchDatabase();
  try {
    await applyMigrations(connection);
    const db = connection.db;
    const ginIndexes = args['keep-indexes'] || args.reuse ? [] : await dropGinIndexes(db);
    const loaded = args.reuse ? { seconds: 0, rowsPerSecond: 0 } : await bulkLoad(db);
    const indexStarted = performance.now();
    await db.transaction(async (tx) => {
      if (kind === 'postgres') await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
      for (const index of ginIndexes) await tx.execute(sql.raw(index.definition));
    });
    const indexSeconds = (performance.now() - indexStarted) / 1000;
    const totalSeconds = loaded.seconds + indexSeconds;
    const load = {
      ...loaded,
      ginIndexesRebuilt: ginIndexes.map((i) => i.name),
      indexSeconds: Math.round(indexSeconds * 10) / 10,
      totalSeconds: Math.round(totalSeconds * 10) / 10,
      overallRowsPerSecond: Math.round(total / totalSeconds),
    };
    console.log(
      `  bulk load: ${loaded.seconds.toFixed(1)} s (${loaded.rowsPerSecond.toLocaleString('en')} contacts/s with phones)` +
        (ginIndexes.length
          ? ` + GIN index build ${indexSeconds.toFixed(1)} s = ${totalSeconds.toFixed(1)} s, ${load.overallRowsPerSecond.toLocaleString('en')} contacts/s overall`
          : ', all indexes in place'),
    );
    await db.execute(sql`analyze contacts`);
    await db.execute(sql`analyze contact_phones`);

    const random = seededRandom(42);
    const picks = Array.from({ length: queryCount }, () => Math.floor(random() * total));
    // Numbers typed the way agents and caller ids spell them: local, international, with spaces.
    const typed = picks.map((i, n) => {
      const e164 = generateContact(i).phone;
      return n % 3 === 0
        ? `0${e164.slice(4)}`
        : n % 3 === 1
          ? e164
          : `+373 ${e164.slice(4, 6)} ${e164.slice(6, 9)} ${e164.slice(9)}`;
    });
    // The floor of any query on this connection right now: one `select 1` round trip (same run, same load).
    const roundTrip = await measure(
      'select 1 round trip',
      typed,
      () => db.execute(sql`select 1`),
      () => true,
    );
    const lookups = await measure(
      'exact phone lookup',
      typed,
      (t) => lookup(db, t),
      (_t, r, n) => r?.contact.displayName === generateContact(picks[n]).displayName,
    );
    const queries = picks.map((i) => demoSearchQuery(i));
    // As expected: the searched surname (typo or not) is among the names of the first page.
    const fuzzy = await measure(
      'fuzzy name search',
      queries,
      (q) => fuzzySearch(db, q),
      (_q, rows, n) => rows.some((r) => r.lastName === generateContact(picks[n]).lastName),
    );
    const fuzzyBreakdown = await explainFuzzyTail(db, queries, fuzzy.samples);

    const pass = { lookup: lookups.p99 < TARGETS.lookupP99Ms, fuzzy: fuzzy.p99 < TARGETS.fuzzyP99Ms };
    console.log(
      `  lookup p99 < ${TARGETS.lookupP99Ms} ms: ${pass.lookup ? 'PASS' : 'FAIL'}; fuzzy p99 < ${TARGETS.fuzzyP99Ms} ms: ${pass.fuzzy ? 'PASS' : 'FAIL'}`,
    );
    const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `contacts-${kind}.json`);
    writeFileSync(
      file,
      `${JSON.stringify({ db: kind, contacts: total, batchSize, ranAt: new Date().toISOString(), loadAverage: { start: LOAD_AT_START, end: loadavg() }, load, roundTrip: withoutSamples(roundTrip), lookup: withoutSamples(lookups), fuzzy: withoutSamples(fuzzy), fuzzyBreakdown, targets: TARGETS, pass }, null, 2)}\n`,
    );
    console.log(`  results: ${file}`);
    if (!pass.lookup || !pass.fuzzy) process.exitCode = 1;
  } finally {
    await drop();
  }
}

await main().catch((error: unknown) => {
  const cause = (error as { cause?: Error }).cause;
  console.error(`bench failed: ${cause?.message ?? (error as Error).message}`);
  process.exitCode = 2;
});
