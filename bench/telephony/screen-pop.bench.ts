/**
 * Screen-pop latency with 50 calls ringing at once (each rings 2 consultants), against the target p99 < 50 ms from
 * PBX event to socket emit: time from `CallEventsService.ingest(ringing)` to the backend's `call:ringing` emit
 * (`emitLatencyMs`, the target's measure), and on to the first ringing consultant's socket.io-client receiving it
 * (`latencyMs`: emit + socket write + the client's decode, all on the same 2 cores).
 * Boots the real backend (Nest, the chosen database, real Redis) in-process; sockets connect over 127.0.0.1.
 *
 *   cd backend && BENCH_DB=postgres npx vitest run --config ../bench/telephony/vitest.config.ts
 *
 * Env: BENCH_DB=pglite|postgres (default postgres), BENCH_ROUNDS=10, BENCH_CONCURRENT=50, BENCH_AGENTS=10,
 * BENCH_NEW_CALLERS=0.2 (share of calls from unknown numbers: those create a contact on the way),
 * BENCH_CPU_PROFILE=<file.cpuprofile> (a V8 CPU profile of this process during the measured rounds only).
 * Writes bench/results/screen-pop.json. Not part of `npm test`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import {
  createAgent,
  callEvents,
  inboundCall,
  nextCallId,
  type Agent,
} from '../../backend/test/calls/support/telephony-test-kit.js';

const TARGET_P99_MS = 50;
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const concurrent = Number(process.env.BENCH_CONCURRENT ?? 50);
const agentCount = Number(process.env.BENCH_AGENTS ?? 10);
const newShare = Number(process.env.BENCH_NEW_CALLERS ?? 0.2);
const profileFile = process.env.BENCH_CPU_PROFILE;
process.env.TEST_DB = process.env.BENCH_DB ?? process.env.TEST_DB ?? 'postgres';

/** CPU seconds (user + system) of PostgreSQL backends by pid, from /proc (the server runs on this machine). */
async function backendCpuSeconds(t: {
  db: { execute(query: unknown): Promise<unknown> };
}): Promise<Map<number, number>> {
  const { sql } = await import('drizzle-orm');
  const result = (await t.db.execute(sql`select pid from pg_stat_activity where datname = current_database()`)) as {
    rows?: { pid: number }[];
  };
  const cpu = new Map<number, number>();
  for (const { pid } of result.rows ?? []) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / 100); // utime + stime, in clock ticks (100 Hz)
    } catch {
      // not on this machine or already gone
    }
  }
  return cpu;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

it(`screen-pop: ${rounds} rounds × ${concurrent} concurrent calls`, async () => {
  const { createTestApp } = await import('../../backend/test/support/test-app.js');
  const t = await createTestApp({ LOG_LEVEL: 'warn' });
  const agents: Agent[] = [];
  try {
    const admin = await t.login();
    for (let i = 0; i < agentCount; i++)
      agents.push(
        await createAgent(t, admin, {
          email: `bench${i}@bench.local`,
          fullName: `Consultant ${i}`,
          extension: String(201 + i),
        }),
      );
    const ingest = callEvents(t);
    const knownNumbers = Array.from({ length: concurrent }, (_, i) => `+3736${String(1000000 + i).padStart(7, '0')}`);
    // History: every known caller had one answered call a week ago (contact, timeline, last consultant).
    for (const [i, number] of knownNumbers.entries()) {
      const ext = String(201 + (i % agentCount));
      const call = inboundCall(nextCallId('warm'), number, new Date(Date.now() - 7 * 86_400_000), {
        extensions: [ext],
      });
      await ingest.ingest(call.ringing);
      await ingest.ingest(call.answered(ext));
      await ingest.ingest(call.ended(ext));
    }

    const samples: number[] = [];
    const emitSamples: number[] = [];
    /** The same, for the calls from new numbers only (their pop waits for their contact to be created). */
    const newCallerEmitSamples: number[] = [];
    const newNumbers = new Set<string>();
    /** Call start by caller number, for the emit time: the backend's notifier is wrapped to note when it emits. */
    const emitStarts = new Map<string, number>();
    const { AgentNotifier } = await import('../../backend/src/realtime/agent-notifier.js');
    const notifier = t.app.get(AgentNotifier);
    const toUsers = notifier.toUsers.bind(notifier);
    notifier.toUsers = (userIds, event, payload) => {
      toUsers(userIds, event, payload);
      const from = (payload as { from?: string } | null)?.from;
      const t0 = event === 'call:ringing' && from ? emitStarts.get(from) : undefined;
      if (t0 !== undefined) {
        emitSamples.push(performance.now() - t0);
        if (newNumbers.has(from!)) newCallerEmitSamples.push(performance.now() - t0);
        emitStarts.delete(from!);
      }
    };
    /** Waiting calls by caller number: the first ringing agent's socket resolves its latency on receipt. */
    const pending = new Map<string, { t0: number; agent: Agent; resolve: (ms: number) => void }>();
    for (const agent of agents)
      agent.desk.socket.on('call:ringing', (pop: { from: string }) => {
        const now = performance.now();
        const wait = pending.get(pop.from);
        if (!wait || wait.agent !== agent) return;
        pending.delete(pop.from);
        wait.resolve(now - wait.t0);
      });
    let newCounter = 0;
    // CPU spent per screen-pop, load-independent: this process (backend + the bench's own sockets) and the PostgreSQL backends.
    const postgres = process.env.TEST_DB === 'postgres';
    const pgBefore = postgres ? await backendCpuSeconds(t) : new Map<number, number>();
    const profiler = profileFile ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const nodeBefore = process.cpuUsage();
    const wallStarted = performance.now();
    for (let round = 0; round < rounds; round++) {
      const calls = Array.from({ length: concurrent }, (_, i) => {
        const unknown = i < Math.round(concurrent * newShare);
        const number = unknown ? `+3737${String(2000000 + newCounter++).padStart(7, '0')}` : knownNumbers[i];
        const pair = [agents[i % agentCount], agents[(i + 1) % agentCount]];
        return {
          event: inboundCall(nextCallId(`r${round}`), number, new Date(), { extensions: pair.map((a) => a.extension!) })
            .ringing,
          first: pair[0],
        };
      });
      const latencies = await Promise.all(
        calls.map(({ event, first }) => {
          const received = new Promise<number>((resolve) =>
            pending.set(event.from, { t0: performance.now(), agent: first, resolve }),
          );
          const t0 = performance.now();
          pending.get(event.from)!.t0 = t0;
          emitStarts.set(event.from, t0);
          if (!knownNumbers.includes(event.from)) newNumbers.add(event.from);
          void ingest.ingest(event);
          return received;
        }),
      );
      samples.push(...latencies);
    }
    const wallMs = performance.now() - wallStarted;
    const nodeUsage = process.cpuUsage(nodeBefore);
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(profileFile!, JSON.stringify(profile));
      profiler.disconnect();
    }
    const pgAfter = postgres ? await backendCpuSeconds(t) : new Map<number, number>();
    const pgCpuMs = [...pgAfter].reduce((sum, [pid, seconds]) => sum + (seconds - (pgBefore.get(pid) ?? 0)) * 1000, 0);
    const nodeCpuMs = (nodeUsage.user + nodeUsage.system) / 1000;
    const pops = rounds * concurrent;
    const cpuPerPopMs = {
      node: +(nodeCpuMs / pops).toFixed(2),
      postgres: postgres ? +(pgCpuMs / pops).toFixed(2) : null,
      total: +((nodeCpuMs + pgCpuMs) / pops).toFixed(2),
    };
    samples.sort((a, b) => a - b);
    emitSamples.sort((a, b) => a - b);
    newCallerEmitSamples.sort((a, b) => a - b);
    const result = {
      benchmark: 'screen-pop',
      db: process.env.TEST_DB,
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() },
      rounds,
      concurrentCalls: concurrent,
      agents: agentCount,
      newCallerShare: newShare,
      samples: samples.length,
      /** PBX event → `call:ringing` emitted by the backend: the target's measure. */
      emitLatencyMs: {
        p50: +percentile(emitSamples, 50).toFixed(2),
        p95: +percentile(emitSamples, 95).toFixed(2),
        p99: +percentile(emitSamples, 99).toFixed(2),
        max: +emitSamples.at(-1)!.toFixed(2),
      },
      /** The emit latency of the new callers' pops alone (contact created on the way). */
      newCallerEmitLatencyMs: newCallerEmitSamples.length
        ? {
            p50: +percentile(newCallerEmitSamples, 50).toFixed(2),
            p99: +percentile(newCallerEmitSamples, 99).toFixed(2),
          }
        : null,
      /** PBX event → the first ringing consultant's socket has the pop. */
      latencyMs: {
        p50: +percentile(samples, 50).toFixed(2),
        p95: +percentile(samples, 95).toFixed(2),
        p99: +percentile(samples, 99).toFixed(2),
        max: +samples.at(-1)!.toFixed(2),
      },
      /**
       * CPU per pop and the floor it sets: a burst of `concurrent` pops needs concurrent × total CPU ms, spread over
       * at most all cores, before the last one can be emitted (idle machine, perfect parallelism).
       */
      cpuPerPopMs,
      burstCpuFloorMs: +((cpuPerPopMs.total * concurrent) / cpus().length).toFixed(1),
      wallSeconds: +(wallMs / 1000).toFixed(1),
      targetP99Ms: TARGET_P99_MS,
      meetsTarget: percentile(emitSamples, 99) < TARGET_P99_MS,
      receiptMeetsTarget: percentile(samples, 99) < TARGET_P99_MS,
    };
    const out = fileURLToPath(new URL('../results/', import.meta.url));
    mkdirSync(out, { recursive: true });
    writeFileSync(`${out}screen-pop.json`, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    expect(samples.length).toBe(rounds * concurrent);
    expect(emitSamples.length).toBe(rounds * concurrent);
  } finally {
    for (const a of agents) a.desk.socket.close();
    await t.close();
  }
});
