import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../src/calls/calls.schema.js';
import { cardStageHistory, consultationCards } from '../../src/consultations/consultations.schema.js';
import { channelAccounts, conversations } from '../../src/conversations/conversations.schema.js';
import { ReportsRollupService } from '../../src/reports/reports-rollup.service.js';
import { reportCallsDaily, reportRollupState } from '../../src/reports/reports.schema.js';
import { tasks } from '../../src/tasks/tasks.schema.js';
import {
  createUserAndLogin,
  insertContact,
  pipelineByCode,
  stageNamed,
  type PipelineView,
} from '../consultations/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// Europe/Chisinau is UTC+2 until 29 March 2026: 2026-03-09T22:30Z is already 10 March there.
const PERIOD = 'from=2026-03-10&to=2026-03-11';

describe('dashboards: calls, requests, stages, overdue tasks, cards without a task, rights, exports, rollups', () => {
  let t: TestApp;
  let admin: string;
  let supervisor: string;
  let ana: { id: string; token: string };
  let ion: { id: string; token: string };
  let ads: PipelineView;
  let cold: PipelineView;

  beforeAll(async () => {
    t = await createTestApp({ TIME_ZONE: 'Europe/Chisinau', REPORTS_ROLLUP_INTERVAL_MINUTES: '0' });
    admin = await t.login();
    supervisor = (await createUserAndLogin(t, admin, { email: 'sup@test.local', role: 'supervisor' })).token;
    ana = await createUserAndLogin(t, admin, { email: 'ana@test.local', role: 'consultant' });
    ion = await createUserAndLogin(t, admin, { email: 'ion@test.local', role: 'consultant' });
    ads = await pipelineByCode(t, admin, 'ads-landing');
    cold = await pipelineByCode(t, admin, 'cold-calls-events');
    const call = (n: number, values: Partial<typeof calls.$inferInsert>) => ({
      pbx: 'test',
      providerCallId: `call-${n}`,
      direction: 'inbound' as const,
      fromNumber: '+37369000000',
      startedAt: new Date('2026-03-10T08:00:00Z'),
      ...values,
    });
    await t.db.insert(calls).values([
      call(1, {
        startedAt: new Date('2026-03-09T22:30:00Z'),
        status: 'answered',
        answeredByUserId: ana.id,
        answeredAt: new Date('2026-03-09T22:30:10Z'),
        waitSeconds: 10,
        talkSeconds: 100,
      }),
      call(2, {
        startedAt: new Date('2026-03-10T21:59:00Z'),
        status: 'answered',
        answeredByUserId: ana.id,
        answeredAt: new Date('2026-03-10T21:59:20Z'),
        waitSeconds: 20,
        talkSeconds: 200,
      }),
      call(3, {
        startedAt: new Date('2026-03-10T22:00:00Z'),
        status: 'missed',
        ringingUserIds: [ion.id],
        waitSeconds: 30,
      }),
      call(4, {
        startedAt: new Date('2026-03-11T10:00:00Z'),
        status: 'voicemail',
        ringingUserIds: [ana.id],
        calledBackAt: new Date('2026-03-11T10:20:00Z'),
      }),
      call(5, {
        startedAt: new Date('2026-03-11T12:00:00Z'),
        direction: 'outbound',
        status: 'answered',
        answeredByUserId: ion.id,
        answeredAt: new Date('2026-03-11T12:00:05Z'),
        talkSeconds: 60,
      }),
      call(6, {
        startedAt: new Date('2026-03-10T09:00:00Z'),
        direction: 'internal',
        status: 'answered',
        answeredByUserId: ana.id,
        answeredAt: new Date('2026-03-10T09:00:01Z'),
        talkSeconds: 30,
      }),
      call(7, { startedAt: new Date('2026-03-11T22:00:00Z'), status: 'abandoned' }), // 12 March local: outside the period
    ]);

    const contactId = await insertContact(t, 'Maria Ceban');
    const card = (values: Partial<typeof consultationCards.$inferInsert>) => ({
      contactId,
      pipelineId: ads.id,
      stageId: stageNamed(ads, 'Nou'),
      title: 'Cerere',
      ...values,
    });
    const [c1, c2, c3, c4] = await t.db
      .insert(consultationCards)
      .values([
        card({
          source: 'telegram',
          responsibleUserId: ana.id,
          createdAt: new Date('2026-03-09T22:10:00Z'),
          stageId: stageNamed(ads, 'Contactat'),
        }),
        card({
          source: 'landing',
          utm: { source: 'facebook' },
          responsibleUserId: ana.id,
          createdAt: new Date('2026-03-10T10:00:00Z'),
        }),
        card({
          source: 'landing',
          utm: { source: 'google' },
          responsibleUserId: ion.id,
          createdAt: new Date('2026-03-11T10:00:00Z'),
          stageId: stageNamed(ads, 'Contactat'),
        }),
        card({
          source: 'call',
          pipelineId: cold.id,
          stageId: stageNamed(cold, 'De sunat'),
          responsibleUserId: ion.id,
          createdAt: new Date('2026-03-11T11:00:00Z'),
        }),
        card({
          source: 'landing',
          utm: { source: 'facebook' },
          responsibleUserId: ion.id,
          createdAt: new Date('2026-03-09T21:00:00Z'),
        }), // 9 March local
      ])
      .returning();
    const entry = (cardId: string, stage: string, at: string) => ({
      cardId,
      toStageId: stageNamed(ads, stage),
      enteredAt: new Date(at),
    });
    await t.db
      .insert(cardStageHistory)
      .values([
        entry(c1.id, 'Nou', '2026-03-09T22:10:00Z'),
        entry(c1.id, 'Contactat', '2026-03-10T12:00:00Z'),
        entry(c2.id, 'Nou', '2026-03-10T10:00:00Z'),
        entry(c3.id, 'Nou', '2026-03-11T10:00:00Z'),
        entry(c3.id, 'Contactat', '2026-03-11T15:00:00Z'),
        { cardId: c4.id, toStageId: stageNamed(cold, 'De sunat'), enteredAt: new Date('2026-03-11T11:00:00Z') },
      ]);
    const [account] = await t.db
      .insert(channelAccounts)
      .values({
        provider: 'telegram',
        channel: 'telegram',
        name: 'Bot',
        config: { v: 1, iv: '', tag: '', data: '' },
        webhookToken: 'reports-test',
      })
      .returning();
    const conversation = (chat: string, at: string, channel = 'telegram', assigneeUserId: string | null = ana.id) => ({
      contactId,
      channel,
      channelAccountId: account.id,
      providerChatId: chat,
      status: 'closed' as const,
      assigneeUserId,
      createdAt: new Date(at),
    });
    await t.db
      .insert(conversations)
      .values([
        conversation('a', '2026-03-10T08:00:00Z'),
        conversation('b', '2026-03-11T08:00:00Z', 'viber', ion.id),
        conversation('c', '2026-03-12T08:00:00Z'),
      ]);

    const past = new Date(Date.now() - 3 * 86_400_000);
    await t.db.insert(tasks).values([
      { title: 'Sună înapoi', assigneeUserId: ana.id, cardId: c2.id, dueAt: past, status: 'open' },
      {
        title: 'Trimite oferta',
        assigneeUserId: ana.id,
        cardId: c2.id,
        dueAt: new Date(past.getTime() + 3600_000),
        status: 'open',
      },
      { title: 'Întâlnire', assigneeUserId: ion.id, cardId: c4.id, dueAt: past, status: 'open' },
      { title: 'Gata', assigneeUserId: ion.id, cardId: c3.id, dueAt: past, status: 'done', result: 'ok' },
      {
        title: 'Mâine',
        assigneeUserId: ion.id,
        cardId: c3.id,
        dueAt: new Date(Date.now() + 86_400_000),
        status: 'open',
      },
    ]);
  }, 180_000);
  afterAll(() => t.close());

  const get = (path: string, token = supervisor) => t.http('GET', `/api/reports/${path}`, { token });

  const expectedCalls = {
    totals: {
      incoming: 4,
      answered: 2,
      missed: 2,
      missedNotCalledBack: 1,
      outgoing: 1,
      avgWaitSeconds: 15,
      avgTalkSeconds: 120,
    },
    series: [
      {
        bucket: '2026-03-10',
        incoming: 2,
        answered: 2,
        missed: 0,
        missedNotCalledBack: 0,
        outgoing: 0,
        avgWaitSeconds: 15,
        avgTalkSeconds: 150,
      },
      {
        bucket: '2026-03-11',
        incoming: 2,
        answered: 0,
        missed: 2,
        missedNotCalledBack: 1,
        outgoing: 1,
        avgWaitSeconds: null,
        avgTalkSeconds: 60,
      },
    ],
  };

  it('counts calls per local day: incoming, answered, missed, missed and not called back, average wait and talk, by consultant', async () => {
    const res = await get(`calls?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual(expectedCalls.totals);
    expect(res.body.series).toEqual(expectedCalls.series);
    const byName = Object.fromEntries(
      res.body.byConsultant.map((r: { consultantName: string }) => [r.consultantName, r]),
    );
    expect(byName['User ana@test.local']).toMatchObject({
      consultantId: ana.id,
      incoming: 3,
      answered: 2,
      missed: 1,
      missedNotCalledBack: 0,
      outgoing: 0,
    });
    expect(byName['User ion@test.local']).toMatchObject({
      consultantId: ion.id,
      incoming: 1,
      answered: 0,
      missed: 1,
      missedNotCalledBack: 1,
      outgoing: 1,
      avgTalkSeconds: 60,
    });

    expect((await get(`calls?${PERIOD}&consultantId=${ion.id}`)).body.totals).toMatchObject({
      incoming: 1,
      missedNotCalledBack: 1,
      outgoing: 1,
    });
    // The first call was at 22:30 UTC on 9 March: 10 March in Chisinau, so 9 March has none.
    expect((await get('calls?from=2026-03-09&to=2026-03-09')).body.totals.incoming).toBe(0);
    expect((await get('calls?from=2026-03-12&to=2026-03-12')).body.totals).toMatchObject({
      incoming: 1,
      missed: 1,
      missedNotCalledBack: 1,
    });
    const month = await get('calls?from=2026-03-01&to=2026-03-31&granularity=month');
    expect(month.body.series).toEqual([expect.objectContaining({ bucket: '2026-03-01', incoming: 5 })]);
    const week = await get('calls?from=2026-03-09&to=2026-03-15&granularity=week');
    expect(week.body.series.map((s: { bucket: string }) => s.bucket)).toEqual(['2026-03-09']);
  });

  it('counts new requests by channel and UTM source, with pipeline and consultant filters', async () => {
    const res = await get(`requests?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({ cards: 4, conversations: 2 });
    expect(res.body.byChannel).toEqual([
      { channel: 'landing', cards: 2, conversations: 0 },
      { channel: 'telegram', cards: 1, conversations: 1 },
      { channel: 'call', cards: 1, conversations: 0 },
      { channel: 'viber', cards: 0, conversations: 1 },
    ]);
    expect(res.body.byUtmSource).toEqual([
      { utmSource: null, cards: 2 },
      { utmSource: 'facebook', cards: 1 },
      { utmSource: 'google', cards: 1 },
    ]);
    expect(res.body.series).toEqual([
      { bucket: '2026-03-10', cards: 2, conversations: 1 },
      { bucket: '2026-03-11', cards: 2, conversations: 1 },
    ]);
    const adsOnly = await get(`requests?${PERIOD}&pipelineId=${ads.id}`);
    expect(adsOnly.body.totals).toEqual({ cards: 3, conversations: null });
    const ionOnly = await get(`requests?${PERIOD}&consultantId=${ion.id}`);
    expect(ionOnly.body.totals).toEqual({ cards: 2, conversations: 1 });
  });

  it('shows cards per stage now, entries in the period and stage-to-stage conversion', async () => {
    const res = await get(`stages?${PERIOD}&pipelineId=${ads.id}`);
    expect(res.status).toBe(200);
    const rows = res.body.stages.map(
      (s: { stageName: string; cards: number; entered: number; conversionToNext: number | null }) => [
        s.stageName,
        s.cards,
        s.entered,
        s.conversionToNext,
      ],
    );
    expect(rows).toEqual([
      ['Nou', 2, 3, 0.6667], // c1 entered "Nou" at 00:10 on 10 March, Chisinau time
      ['Contactat', 2, 2, 0],
      ['Consultat', 0, 0, null],
      ['Aplicat la program', 0, 0, null],
      ['Închis — succes', 0, 0, null],
      ['Închis — refuz', 0, 0, null],
    ]);
    const anas = await get(`stages?${PERIOD}&pipelineId=${ads.id}&consultantId=${ana.id}`);
    expect(anas.body.stages.slice(0, 2).map((s: { cards: number; entered: number }) => [s.cards, s.entered])).toEqual([
      [1, 2],
      [1, 1],
    ]);
  });

  it('lists overdue open tasks and active cards without an open task', async () => {
    const overdue = await get(`overdue-tasks?${PERIOD}`);
    expect(overdue.status).toBe(200);
    expect(overdue.body.total).toBe(3);
    expect(
      overdue.body.byConsultant.map((r: { consultantId: string; overdue: number }) => [r.consultantId, r.overdue]),
    ).toEqual([
      [ana.id, 2],
      [ion.id, 1],
    ]);
    expect((await get(`overdue-tasks?${PERIOD}&pipelineId=${cold.id}`)).body.total).toBe(1);

    const without = await get(`cards-without-task?${PERIOD}`);
    expect(without.body.total).toBe(2); // c1 (no task) and the 9 March card; c3 has an open task for tomorrow
    expect(
      without.body.byConsultant.map((r: { consultantId: string; cards: number }) => [r.consultantId, r.cards]).sort(),
    ).toEqual(
      [
        [ana.id, 1],
        [ion.id, 1],
      ].sort(),
    );
    expect((await get(`cards-without-task?${PERIOD}&pipelineId=${cold.id}`)).body.total).toBe(0);
  });

  it('gives a consultant only their own numbers and refuses a colleague’s; campaign results are for reports.view', async () => {
    const own = await get(`calls?${PERIOD}`, ana.token);
    expect(own.status).toBe(200);
    expect(own.body.scope.consultantId).toBe(ana.id);
    expect(own.body.totals).toMatchObject({ incoming: 3, answered: 2, missed: 1 });
    const colleague = await get(`calls?${PERIOD}&consultantId=${ion.id}`, ana.token);
    expect(colleague.status).toBe(403);
    expect(colleague.body.error).toBe('forbidden');
    expect((await get(`overdue-tasks?${PERIOD}`, ana.token)).body.total).toBe(2);
    expect((await get(`campaigns?${PERIOD}`, ana.token)).status).toBe(403);
    expect((await t.http('GET', `/api/reports/calls?${PERIOD}`)).status).toBe(401);
    const bad = await get('calls?from=2026-03-11&to=2026-03-10');
    expect(bad.status).toBe(400);
    expect(bad.body.fields.to).toBeDefined();
    expect((await get('calls?from=10.03.2026&to=2026-03-11')).body.fields.from).toBeDefined();
  });

  it('exports each report as CSV and XLSX that parse back to the same numbers, audited', async () => {
    const csv = await fetch(`${t.baseUrl}/api/reports/calls/export?${PERIOD}&format=csv`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const records = parse(Buffer.from(await csv.arrayBuffer()).toString('utf8'), { bom: true }) as string[][];
    expect(records[0]).toEqual([
      'Consultant',
      'Intrate',
      'Preluate',
      'Pierdute',
      'Pierdute fără apel înapoi',
      'Ieșite',
      'Așteptare medie (s)',
      'Convorbire medie (s)',
    ]);
    expect(records.at(-1)).toEqual(['Total', '4', '2', '2', '1', '1', '15', '120']);
    expect(records).toContainEqual(['User ana@test.local', '3', '2', '1', '0', '0', '15', '150']);

    const xlsx = await fetch(`${t.baseUrl}/api/reports/requests/export?${PERIOD}&format=xlsx`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Solicitări');
    const values = sheet
      .getSheetValues()
      .slice(1)
      .map((row) => (row as unknown[]).slice(1));
    expect(values[0]).toEqual(['Dimensiune', 'Valoare', 'Fișe noi', 'Conversații noi']);
    expect(values).toContainEqual(['canal', 'landing', 2, 0]);
    expect(values).toContainEqual(['utm_source', 'facebook', 1]);
    expect(values.at(-1)).toEqual(['Total', '', 4, 2]);

    for (const report of ['stages', 'overdue-tasks', 'cards-without-task', 'campaigns']) {
      const res = await fetch(`${t.baseUrl}/api/reports/${report}/export?${PERIOD}&format=csv`, {
        headers: { authorization: `Bearer ${supervisor}` },
      });
      expect(res.status, report).toBe(200);
    }
    expect((await get(`nope/export?${PERIOD}`)).status).toBe(404);
    const ownExport = await fetch(`${t.baseUrl}/api/reports/calls/export?${PERIOD}&format=csv&consultantId=${ion.id}`, {
      headers: { authorization: `Bearer ${ana.token}` },
    });
    expect(ownExport.status).toBe(403);
    const audit = await t.http('GET', '/api/audit?action=report.export', { token: admin });
    expect(audit.body.length).toBeGreaterThanOrEqual(6);
  });

  it('reads finished days from the rollup tables with the same numbers, and re-aggregates recent days', async () => {
    const rollup = t.app.get(ReportsRollupService);
    const refreshed = await rollup.refreshRecent(new Date('2026-03-20T10:00:00Z'));
    expect(refreshed.find((r) => r.fact === 'calls')).toMatchObject({ fromDay: '2026-03-10', toDay: '2026-03-19' });
    expect((await t.db.select().from(reportCallsDaily)).length).toBeGreaterThan(0);
    const res = await get(`calls?${PERIOD}`);
    expect(res.body.totals).toEqual(expectedCalls.totals);
    expect(res.body.series).toEqual(expectedCalls.series);
    expect((await get(`requests?${PERIOD}`)).body.totals).toEqual({ cards: 4, conversations: 2 });
    expect((await get(`stages?${PERIOD}&pipelineId=${ads.id}`)).body.stages[0]).toMatchObject({
      entered: 3,
      conversionToNext: 0.6667,
    });

    // A late change within the recent window (the missed call of 11 March is called back) shows after the next run.
    await t.db
      .update(calls)
      .set({ calledBackAt: new Date('2026-03-12T09:00:00Z') })
      .where(eqProvider('call-3'));
    expect((await get(`calls?${PERIOD}`)).body.totals.missedNotCalledBack).toBe(1); // still the rollup
    const again = await rollup.refreshRecent(new Date('2026-03-21T10:00:00Z'));
    expect(again.find((r) => r.fact === 'calls')).toMatchObject({ fromDay: '2026-03-14', toDay: '2026-03-20' });
    expect((await get(`calls?${PERIOD}`)).body.totals.missedNotCalledBack).toBe(1); // 11 March is outside the 7-day window
    await rollup.rebuild('2026-03-01', new Date('2026-03-21T10:00:00Z'));
    expect((await get(`calls?${PERIOD}`)).body.totals.missedNotCalledBack).toBe(0);
    // Days after the last rollup (here: 21 March onwards, i.e. today) are read from the raw rows.
    await t.db.insert(calls).values({
      pbx: 'test',
      providerCallId: 'call-today',
      direction: 'inbound',
      fromNumber: '+37369000001',
      startedAt: new Date(),
      status: 'missed',
    });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Chisinau' }).format(new Date());
    expect((await get(`calls?from=2026-03-10&to=${today}`)).body.totals).toMatchObject({ incoming: 6, missed: 4 });
  });

  it('rebuilds the rollups on the worker from POST /api/reports/rollup/rebuild (settings.manage)', async () => {
    expect((await t.http('POST', '/api/reports/rollup/rebuild', { token: supervisor, body: {} })).status).toBe(403);
    const before = (await t.db.select().from(reportRollupState)).find((s) => s.fact === 'calls')!;
    const res = await t.http('POST', '/api/reports/rollup/rebuild', { token: admin, body: { fromDay: '2026-03-01' } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ queued: true, fromDay: '2026-03-01' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Chisinau' }).format(new Date());
    for (let i = 0; i < 100; i++) {
      const state = (await t.db.select().from(reportRollupState)).find((s) => s.fact === 'calls')!;
      if (state.refreshedAt > before.refreshedAt) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const after = (await t.db.select().from(reportRollupState)).find((s) => s.fact === 'calls')!;
    expect(after.completeBefore).toBe(today);
    expect((await get(`calls?from=2026-03-10&to=${today}`)).body.totals).toMatchObject({
      incoming: 6,
      missed: 4,
      missedNotCalledBack: 2,
    });
  });
});

function eqProvider(id: string) {
  return eq(calls.providerCallId, id);
}
