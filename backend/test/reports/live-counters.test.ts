import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationCards } from '../../src/consultations/consultations.schema.js';
import { LiveStateRepository } from '../../src/reports/live-state.repository.js';
import { cardStageCounts } from '../../src/reports/reports.schema.js';
import { tasks } from '../../src/tasks/tasks.schema.js';
import {
  createUserAndLogin,
  insertContact,
  pipelineByCode,
  stageNamed,
  type PipelineView,
} from '../consultations/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type CounterRow = {
  pipelineId: string;
  stageId: string;
  responsibleUserId: string | null;
  cards: number;
  without: number;
};

const PERIOD = 'from=2026-01-01&to=2026-12-31';

describe('live dashboard counters: card_stage_counts and open_task_count, kept by triggers', () => {
  let t: TestApp;
  let admin: string;
  let ana: { id: string; token: string };
  let ion: { id: string; token: string };
  let ads: PipelineView;
  let cold: PipelineView;
  let contactId: string;

  const rows = async <T>(query: ReturnType<typeof sql>): Promise<T[]> => {
    const result = (await t.db.execute(query)) as unknown as { rows?: T[] };
    return (result.rows ?? (result as unknown as T[])) as T[];
  };
  const sorted = (list: CounterRow[]) =>
    [...list].sort((a, b) =>
      `${a.pipelineId}${a.stageId}${a.responsibleUserId}`.localeCompare(
        `${b.pipelineId}${b.stageId}${b.responsibleUserId}`,
      ),
    );
  /** The counters summed over their slots, zero rows left out. */
  const counters = async () =>
    sorted(
      await rows<CounterRow>(sql`select pipeline_id as "pipelineId", stage_id as "stageId", responsible_user_id as "responsibleUserId",
        sum(cards)::int as cards, sum(active_without_open_task)::int as without
      from card_stage_counts group by 1, 2, 3 having sum(cards) <> 0 or sum(active_without_open_task) <> 0`),
    );
  /** The same numbers counted from the raw rows, the way the reports counted before the counters. */
  const rawCounts = async () =>
    sorted(
      await rows<CounterRow>(sql`select pipeline_id as "pipelineId", stage_id as "stageId", responsible_user_id as "responsibleUserId",
        count(*)::int as cards,
        count(*) filter (where k.status = 'active' and not exists (select 1 from tasks t where t.card_id = k.id and t.status = 'open'))::int as without
      from consultation_cards k group by 1, 2, 3`),
    );
  const wrongOpenTaskCounts = async () =>
    rows<{ id: string }>(sql`select k.id from consultation_cards k
      where k.open_task_count <> (select count(*) from tasks t where t.card_id = k.id and t.status = 'open')`);
  // tasks.pipeline_id is the pipeline of the task's card (null without a card), whatever wrote either row.
  const wrongTaskPipelines = () =>
    rows<{ id: string }>(sql`select t.id from tasks t left join consultation_cards k on k.id = t.card_id
      where t.pipeline_id is distinct from k.pipeline_id`);
  const expectExact = async () => {
    expect(await wrongOpenTaskCounts()).toEqual([]);
    expect(await counters()).toEqual(await rawCounts());
    expect(await wrongTaskPipelines()).toEqual([]);
  };
  const openTaskCount = async (cardId: string) =>
    (await t.db.select().from(consultationCards).where(eq(consultationCards.id, cardId)))[0].openTaskCount;
  const createCard = async (token: string, body: Record<string, unknown> = {}) => {
    const res = await t.http('POST', '/api/cards', {
      token,
      body: { contactId, pipelineId: ads.id, title: 'Cerere de consultanță', ...body },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const move = async (cardId: string, stageId: string) => {
    const res = await t.http('POST', `/api/cards/${cardId}/move`, { token: admin, body: { stageId } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const createTask = async (cardId: string, assigneeUserId = ana.id, dueAt = new Date(Date.now() + 86_400_000)) => {
    const res = await t.http('POST', '/api/tasks', {
      token: admin,
      body: { title: 'Sună înapoi', cardId, assigneeUserId, dueAt: dueAt.toISOString() },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string };
  };

  beforeAll(async () => {
    t = await createTestApp({ TIME_ZONE: 'Europe/Chisinau', REPORTS_ROLLUP_INTERVAL_MINUTES: '0' });
    admin = await t.login();
    ana = await createUserAndLogin(t, admin, { email: 'ana@test.local', role: 'consultant' });
    ion = await createUserAndLogin(t, admin, { email: 'ion@test.local', role: 'consultant' });
    ads = await pipelineByCode(t, admin, 'ads-landing');
    cold = await pipelineByCode(t, admin, 'cold-calls-events');
    contactId = await insertContact(t, 'Elena Rusu');
  }, 180_000);
  afterAll(() => t?.close());

  it('follows card create, move, reassign, close, reopen and delete, and task create, close, cancel, reopen, move and delete', async () => {
    const card = await createCard(ana.token);
    await expectExact();
    const nou = stageNamed(ads, 'Nou');
    expect(await counters()).toEqual([
      { pipelineId: ads.id, stageId: nou, responsibleUserId: ana.id, cards: 1, without: 1 },
    ]);

    const task = await createTask(card.id);
    expect(await openTaskCount(card.id)).toBe(1);
    await expectExact();
    expect((await counters())[0]).toMatchObject({ cards: 1, without: 0 });

    await move(card.id, stageNamed(ads, 'Contactat'));
    await expectExact();
    const reassigned = await t.http('PATCH', `/api/cards/${card.id}`, {
      token: admin,
      body: { responsibleUserId: ion.id },
    });
    expect(reassigned.status).toBe(200);
    await expectExact();
    const toCold = await t.http('PATCH', `/api/cards/${card.id}`, { token: admin, body: { pipelineId: cold.id } });
    expect(toCold.status).toBe(200);
    await expectExact();
    expect(await counters()).toEqual([
      { pipelineId: cold.id, stageId: stageNamed(cold, 'De sunat'), responsibleUserId: ion.id, cards: 1, without: 0 },
    ]);

    // Closing the only open task puts the card among those without one; the service says a next task is needed.
    const closed = await t.http('POST', `/api/tasks/${task.id}/close`, { token: admin, body: { result: 'Sunat' } });
    expect(closed.status).toBe(200);
    expect(closed.body.nextTaskNeeded).toBe(true);
    expect(await openTaskCount(card.id)).toBe(0);
    await expectExact();

    const second = await createTask(card.id, ion.id);
    await t.http('PATCH', `/api/tasks/${second.id}`, { token: admin, body: { status: 'cancelled' } });
    expect(await openTaskCount(card.id)).toBe(0);
    await t.http('PATCH', `/api/tasks/${second.id}`, { token: admin, body: { status: 'open' } });
    expect(await openTaskCount(card.id)).toBe(1);
    await expectExact();

    // A won card is no longer active: it counts in its stage but not as "without a task"; reopening brings it back.
    const won = cold.stages.find((s) => s.kind === 'won')!;
    await move(card.id, won.id);
    await t.db.update(tasks).set({ status: 'cancelled' }).where(eq(tasks.cardId, card.id));
    await expectExact();
    await move(card.id, stageNamed(cold, 'Interesat'));
    await expectExact();
    expect(await counters()).toEqual([
      { pipelineId: cold.id, stageId: stageNamed(cold, 'Interesat'), responsibleUserId: ion.id, cards: 1, without: 1 },
    ]);

    // A task moved to another card, tasks deleted, and cards deleted with their tasks (cascade).
    const other = await createCard(ion.token);
    const moved = await createTask(card.id);
    await t.db.update(tasks).set({ cardId: other.id }).where(eq(tasks.id, moved.id));
    expect([await openTaskCount(card.id), await openTaskCount(other.id)]).toEqual([0, 1]);
    await expectExact();
    await t.db.delete(tasks).where(eq(tasks.id, moved.id));
    expect(await openTaskCount(other.id)).toBe(0);
    await createTask(other.id);
    await t.db.delete(consultationCards).where(inArray(consultationCards.id, [card.id, other.id]));
    await expectExact();
    expect(await counters()).toEqual([]);
  });

  it('keeps bulk writes exact: a multi-row insert, a bulk reassignment to nobody and a bulk task import', async () => {
    const nou = stageNamed(ads, 'Nou');
    const inserted = await t.db
      .insert(consultationCards)
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          contactId,
          pipelineId: i % 3 ? ads.id : cold.id,
          stageId: i % 3 ? nou : stageNamed(cold, 'De sunat'),
          title: `Import ${i}`,
          responsibleUserId: i % 2 ? ana.id : ion.id,
        })),
      )
      .returning({ id: consultationCards.id });
    await expectExact();
    await t.db.insert(tasks).values(
      inserted.flatMap((c, i) =>
        Array.from({ length: i % 4 }, () => ({
          title: 'Import',
          cardId: c.id,
          assigneeUserId: ana.id,
          status: 'open' as const,
        })),
      ),
    );
    await expectExact();
    await t.db
      .update(consultationCards)
      .set({ responsibleUserId: null })
      .where(eq(consultationCards.responsibleUserId, ion.id));
    await expectExact();
    await t.db.update(tasks).set({ status: 'done', result: 'ok' }).where(eq(tasks.title, 'Import'));
    await expectExact();
  });

  it('keeps exact counts under concurrent moves, reassignments and task writes', async () => {
    const cards = await Promise.all(Array.from({ length: 8 }, (_, i) => createCard(i % 2 ? ana.token : ion.token)));
    const stages = [
      stageNamed(ads, 'Nou'),
      stageNamed(ads, 'Contactat'),
      ads.stages.find((s) => s.kind === 'lost')!.id,
    ];
    const writes: Promise<unknown>[] = [];
    for (let round = 0; round < 4; round++)
      cards.forEach((card, i) => {
        writes.push(move(card.id, stages[(i + round) % stages.length]));
        if ((i + round) % 3 === 0)
          writes.push(
            t.http('PATCH', `/api/cards/${card.id}`, {
              token: admin,
              body: { responsibleUserId: round % 2 ? ana.id : ion.id },
            }),
          );
        if ((i + round) % 2 === 0) writes.push(createTask(card.id));
      });
    const results = await Promise.allSettled(writes);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    await expectExact();
    // The rebuild finds nothing to correct and leaves the same numbers.
    const live = new LiveStateRepository(t.db);
    const before = await counters();
    expect((await live.rebuildCounters()).cardsCorrected).toBe(0);
    expect(await counters()).toEqual(before);
  });

  it('rebuilds drifted counters from the raw rows', async () => {
    await t.db.execute(sql`alter table consultation_cards disable trigger user`);
    await t.db.execute(sql`alter table tasks disable trigger user`);
    try {
      const [card] = await t.db
        .insert(consultationCards)
        .values({ contactId, pipelineId: ads.id, stageId: stageNamed(ads, 'Nou'), title: 'Fără trigger' })
        .returning();
      await t.db.insert(tasks).values({ title: 'Fără trigger', cardId: card.id, status: 'open' });
      await t.db.update(cardStageCounts).set({ cards: 999 });
    } finally {
      await t.db.execute(sql`alter table consultation_cards enable trigger user`);
      await t.db.execute(sql`alter table tasks enable trigger user`);
    }
    expect(await counters()).not.toEqual(await rawCounts());
    const result = await new LiveStateRepository(t.db).rebuildCounters();
    expect(result.cardsCorrected).toBe(1);
    await expectExact();
  });

  it('answers the stages, cards-without-task and overdue dashboards with the numbers of the raw queries', async () => {
    const past = new Date(Date.now() - 2 * 86_400_000);
    const [someCard] = await rows<{ id: string }>(
      sql`select id from consultation_cards where status = 'active' order by created_at limit 1`,
    );
    await createTask(someCard.id, ion.id, past);
    await createTask(someCard.id, ana.id, new Date(past.getTime() - 3_600_000));
    const get = async (path: string) => {
      const res = await t.http('GET', `/api/reports/${path}`, { token: admin });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };

    for (const filter of ['', `&pipelineId=${ads.id}`, `&consultantId=${ana.id}`]) {
      const stages = await get(`stages?${PERIOD}${filter}`);
      const raw = await rows<{ stage_id: string; cards: number }>(sql`select s.id as stage_id,
          (select count(*)::int from consultation_cards k where k.stage_id = s.id
            ${filter.includes('consultantId') ? sql`and k.responsible_user_id = ${ana.id}` : sql``}) as cards
        from pipeline_stages s ${filter.includes('pipelineId') ? sql`where s.pipeline_id = ${ads.id}` : sql``}`);
      expect(
        Object.fromEntries(stages.stages.map((s: { stageId: string; cards: number }) => [s.stageId, s.cards])),
      ).toEqual(Object.fromEntries(raw.map((r) => [r.stage_id, r.cards])));

      const without = await get(`cards-without-task?${PERIOD}${filter}&limit=3&offset=1`);
      const rawWithout = await rows<{ id: string; responsible_user_id: string | null; pipeline_id: string }>(
        sql`select k.id, k.responsible_user_id, k.pipeline_id from consultation_cards k
          where k.status = 'active' and not exists (select 1 from tasks t where t.card_id = k.id and t.status = 'open')
          ${filter.includes('pipelineId') ? sql`and k.pipeline_id = ${ads.id}` : sql``}
          ${filter.includes('consultantId') ? sql`and k.responsible_user_id = ${ana.id}` : sql``}
          order by k.stage_entered_at, k.id`,
      );
      expect(without.total).toBe(rawWithout.length);
      expect(without.total).toBeGreaterThan(0);
      const groups = new Map<string, number>();
      for (const r of rawWithout) {
        const key = `${r.responsible_user_id}|${r.pipeline_id}`;
        groups.set(key, (groups.get(key) ?? 0) + 1);
      }
      expect(
        Object.fromEntries(
          without.byConsultant.map((g: { consultantId: string | null; pipelineId: string; cards: number }) => [
            `${g.consultantId}|${g.pipelineId}`,
            g.cards,
          ]),
        ),
      ).toEqual(Object.fromEntries(groups));
      expect(without.page.cards.map((c: { id: string }) => c.id)).toEqual(rawWithout.slice(1, 4).map((r) => r.id));

      const overdue = await get(`overdue-tasks?${PERIOD}${filter}`);
      const [rawOverdue] = await rows<{ n: number }>(sql`select count(*)::int as n from tasks t
        ${filter.includes('pipelineId') ? sql`join consultation_cards k on k.id = t.card_id and k.pipeline_id = ${ads.id}` : sql``}
        where t.status = 'open' and t.due_at < now()
        ${filter.includes('consultantId') ? sql`and t.assignee_user_id = ${ana.id}` : sql``}`);
      expect(overdue.total).toBe(rawOverdue.n);
    }
    expect(
      (await t.http('GET', `/api/reports/cards-without-task?${PERIOD}&limit=0&offset=5000`, { token: admin })).body,
    ).toMatchObject({ fields: { limit: expect.any(String), offset: expect.any(String) } });
  });
});
