#!/usr/bin/env node
// Sustained inbound-webhook ingestion of the real backend (PostgreSQL server, Redis) compared with a bare node:http
// echo server measured in the same run with the same client. Every request goes to 127.0.0.1 only; the loops are
// bounded by count and time and stop by themselves.
//
//   node bench/conversations/ingest.bench.mjs   (needs `npm run build`, PostgreSQL at BENCH_DATABASE_URL, Redis at REDIS_URL)
//
// Env: BENCH_DATABASE_URL (server URL; a fresh database is created and dropped), REDIS_URL, BENCH_MESSAGES (20000),
// BENCH_CHATS (400), BENCH_CONCURRENCY (64), BENCH_MAX_SECONDS (60).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireFromBackend = createRequire(join(ROOT, 'backend', 'package.json'));
const pg = requireFromBackend('pg');
const { io } = requireFromBackend('socket.io-client');

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const CHATS = Number(process.env.BENCH_CHATS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 60);
const SECRET = 'bench-webhook-secret';
const LOAD_AT_START = loadavg().map((l) => Number(l.toFixed(2)));
const ADMIN = { email: 'bench@consult.local', password: 'bench-password-2026' };

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function call(port, method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          'content-type': 'application/json',
          ...headers,
          ...(body ? { 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function telegramUpdate(seq) {
  const chat = 100_000 + (seq % CHATS);
  return JSON.stringify({
    update_id: seq,
    message: {
      message_id: seq,
      from: { id: chat, is_bot: false, first_name: 'Bench', last_name: `User ${chat}` },
      chat: { id: chat, type: 'private' },
      date: 1732350000,
      text: `Mesaj de test ${seq}`,
    },
  });
}

/** Sends `total` requests with `concurrency` in flight, stopping at MAX_SECONDS; answers the achieved rate. */
async function load(port, path, total, firstSeq, headers) {
  let next = 0;
  let ok = 0;
  let failed = 0;
  const latencies = [];
  const deadline = Date.now() + MAX_SECONDS * 1000;
  const started = performance.now();
  async function worker() {
    while (next < total && Date.now() < deadline) {
      const seq = firstSeq + next++;
      const t0 = performance.now();
      const res = await call(port, 'POST', path, telegramUpdate(seq), headers).catch(() => ({ status: 0 }));
      latencies.push(performance.now() - t0);
      if (res.status === 200) ok++;
      else failed++;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    Number(latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))]?.toFixed(2) ?? 0);
  return {
    requests: ok + failed,
    ok,
    failed,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Math.round(ok / seconds),
    latencyMs: { p50: pct(50), p95: pct(95), p99: pct(99) },
  };
}

/** CPU seconds (user + system) of a process on this machine, from /proc (0 when it is gone or not here). */
function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of the API process and of the PostgreSQL backends serving `dbName`, by pid. */
async function cpuSnapshot(admin, dbName, apiPid) {
  const { rows } = await admin.query('select pid from pg_stat_activity where datname = $1', [dbName]);
  return { api: cpuSecondsOf(apiPid), postgres: new Map(rows.map(({ pid }) => [pid, cpuSecondsOf(pid)])) };
}

function cpuPerMessage(before, after, messages) {
  const postgres = [...after.postgres].reduce(
    (sum, [pid, seconds]) => sum + seconds - (before.postgres.get(pid) ?? 0),
    0,
  );
  const perMessage = (seconds) => Number(((seconds * 1000) / Math.max(1, messages)).toFixed(2));
  const total = perMessage(after.api - before.api + postgres);
  // What the CPU work alone allows on this machine's cores when nothing else runs on them.
  return {
    apiMs: perMessage(after.api - before.api),
    postgresMs: perMessage(postgres),
    totalMs: total,
    idleCoresCeilingPerSecond: Math.round((cpus().length * 1000) / total),
  };
}

async function echoServer() {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}

async function startBackend(databaseUrl) {
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'backend', 'dist', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: `bench-${randomBytes(3).toString('hex')}`,
      PROCESS_ROLE: 'api',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SEED_DEMO: 'false',
      DATA_DIR: join(ROOT, '.data', 'bench'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      if (out.length < 100_000) out += chunk;
      const match = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`backend exited with ${code}: ${out.slice(-2000)}`)));
  });
  return {
    port,
    pid: child.pid,
    stop: () =>
      new Promise((r) => {
        child.once('exit', r);
        child.kill('SIGTERM');
      }),
  };
}

async function main() {
  const dbName = `crm_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const dbUrl = new URL(SERVER_URL);
  dbUrl.pathname = `/${dbName}`;
  let backend;
  try {
    backend = await startBackend(dbUrl.toString());
    const login = JSON.parse((await call(backend.port, 'POST', '/api/auth/login', JSON.stringify(ADMIN))).body);
    const auth = { authorization: `Bearer ${login.token}` };
    const account = JSON.parse(
      (
        await call(
          backend.port,
          'POST',
          '/api/channel-accounts',
          JSON.stringify({
            provider: 'telegram',
            name: 'Bench bot',
            config: { botToken: '1:bench', webhookSecretToken: SECRET, apiRoot: 'http://127.0.0.1:9' },
          }),
          auth,
        )
      ).body,
    );
    const headers = { 'x-telegram-bot-api-secret-token': SECRET };

    // The desk: one admin socket receives every push (conversations are unassigned: no consultants exist).
    let pushed = 0;
    const desk = io(`http://127.0.0.1:${backend.port}/agent`, {
      auth: { token: login.token },
      transports: ['websocket'],
    });
    desk.on('conversation:message', () => pushed++);
    await new Promise((r) => desk.on('session:ready', r));

    const db = new pg.Client({ connectionString: dbUrl.toString() });
    await db.connect();
    const storedMessages = async () => Number((await db.query('select count(*) from messages')).rows[0].count);
    // The webhook answers once a delivery is accepted; messages are stored by the batch processor right after.
    // Every phase waits until what it sent is stored (and pushed), so CPU and rates cover the whole work.
    const untilStored = async (expected) => {
      const deadline = Date.now() + 120_000;
      while ((await storedMessages()) < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      while (pushed < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };

    // Warm-up: the first message of every chat creates its contact, card, task and conversation.
    const warm = await load(backend.port, account.webhookPath, CHATS, 1, headers);
    await untilStored(warm.ok);
    const pushedBefore = pushed;
    const cpuBefore = await cpuSnapshot(admin, dbName, backend.pid);
    const started = performance.now();
    const app = await load(backend.port, account.webhookPath, MESSAGES, CHATS + 1, headers);
    await untilStored(warm.ok + app.ok);
    app.storedAndPushedPerSecond = Math.round(app.ok / ((performance.now() - started) / 1000));
    const cpu = cpuPerMessage(cpuBefore, await cpuSnapshot(admin, dbName, backend.pid), app.ok);
    const appPushed = pushed - pushedBefore;
    const persisted = await storedMessages();
    await db.end();
    desk.close();

    const echo = await echoServer();
    const bare = await load(echo.port, '/echo', MESSAGES, CHATS + 1, headers);
    await echo.close();

    const result = {
      benchmark: 'conversations/ingest',
      at: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model,
        node: process.version,
        loadAverageAtStart: LOAD_AT_START,
        loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
      },
      setup: {
        database: 'postgresql',
        processRole: 'api',
        channel: 'telegram',
        chats: CHATS,
        concurrency: CONCURRENCY,
        messages: MESSAGES,
      },
      warmupFirstMessages: warm,
      app: { ...app, persisted, pushed: appPushed, cpuPerMessage: cpu },
      bareNodeHttpEcho: bare,
      ratioToBareHttp: Number((app.perSecond / bare.perSecond).toFixed(3)),
      targetPerSecond: 2000,
    };
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'ingest.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    if (persisted !== warm.ok + app.ok) console.error(`persisted ${persisted} messages, expected ${warm.ok + app.ok}`);
  } finally {
    await backend?.stop();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    agent.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
