import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOMATION_TIMERS_QUEUE } from '../../src/automation/automation-timers.js';
import { notifications } from '../../src/notifications/notifications.schema.js';
import { JobQueues } from '../../src/queues/job-queues.js';
import {
  createDepartment,
  createUserAndLogin,
  insertContact,
  pipelineByCode,
  type PipelineView,
} from '../consultations/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';
import { createRule, eventually, runsOf, sleep } from './support/automation-kit.js';

const HOUR_MS = 100;

async function cardNotifications(t: TestApp, userId: string, cardId: string) {
  return t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.entityId, cardId)));
}

describe('stuck in stage: the built-in reminder of the card owner', () => {
  let t: TestApp;
  let admin: string;
  let ana: { id: string; token: string };
  let pipeline: PipelineView;
  let ruleId: string;

  beforeAll(async () => {
    t = await createTestApp({ AUTOMATION_HOUR_MS: String(HOUR_MS) });
    admin = await t.login();
    const departmentId = await createDepartment(t, admin, 'consultanta');
    ana = await createUserAndLogin(t, admin, { email: 'ana@test.local', role: 'consultant', departmentId });
    pipeline = await pipelineByCode(t, admin, 'ads-landing');
    // "New" is stale after 2 h, "Contacted" never: the timers of these tests stay within a second.
    await t.http('PATCH', `/api/stages/${pipeline.stages[0].id}`, { token: admin, body: { staleAfterHours: 2 } });
    await t.http('PATCH', `/api/stages/${pipeline.stages[1].id}`, { token: admin, body: { staleAfterHours: null } });
    const rules = (await t.http('GET', '/api/automation/rules', { token: admin })).body;
    ruleId = rules.find((r: { builtInKey: string }) => r.builtInKey === 'stuck-card-reminds-owner').id;
    const patched = await t.http('PATCH', `/api/automation/rules/${ruleId}`, {
      token: admin,
      body: { triggerParams: { repeatEveryHours: 3, maxRepeats: 2 } },
    });
    expect(patched.status).toBe(200);
  }, 180_000);
  afterAll(() => t?.close());

  it('notifies the owner after the stage’s staleAfterHours, reminds every N hours, and stops after the max count', async () => {
    const contactId = await insertContact(t, 'Victor Lungu');
    const card = (
      await t.http('POST', '/api/cards', {
        token: admin,
        body: { contactId, pipelineId: pipeline.id, title: 'Forgotten card', responsibleUserId: ana.id },
      })
    ).body;
    const sent = await eventually(
      async () => {
        const rows = await cardNotifications(t, ana.id, card.id);
        return rows.length >= 3 ? rows : undefined;
      },
      8_000,
      'three reminders',
    );
    await sleep(800);
    const rows = await cardNotifications(t, ana.id, card.id);
    expect(rows).toHaveLength(3);
    expect(sent.every((n) => n.kind === 'card_stuck' && n.entityType === 'consultation_card')).toBe(true);
    expect(rows.map((n) => /\(reminder (\d)\)/.exec(n.body)?.[1]).sort()).toEqual(['1', '2', '3']);
    expect(rows[0].body).toMatch(
      /^Victor Lungu: the card has been in Nou for [\d.]+ h \(reminder \d\)\. Move it on or plan the next step\.$/,
    );
    expect(rows[0].title).toBe('Card "Forgotten card" is waiting in Nou');
    const runs = (await runsOf(t, admin, ruleId)).filter((r) => r.cardId === card.id);
    expect(runs).toHaveLength(3);
    expect(runs.every((r) => r.status === 'succeeded' && r.eventType === 'card.stuck_in_stage')).toBe(true);
    // The unread counter of the owner's bell follows.
    const unread = await t.http('GET', '/api/me/notifications/unread-count', { token: ana.token });
    expect(unread.body.unread).toBeGreaterThanOrEqual(3);
  });

  it('ignores the timer once the card has left the stage', async () => {
    await t.http('PATCH', `/api/stages/${pipeline.stages[0].id}`, { token: admin, body: { staleAfterHours: 10 } }); // 1 s
    const contactId = await insertContact(t, 'Mihai Rusu');
    const card = (
      await t.http('POST', '/api/cards', {
        token: admin,
        body: { contactId, pipelineId: pipeline.id, title: 'Moved in time', responsibleUserId: ana.id },
      })
    ).body;
    const moved = await t.http('PATCH', `/api/cards/${card.id}`, {
      token: admin,
      body: { stageId: pipeline.stages[1].id },
    });
    expect(moved.status).toBe(200);
    await sleep(1_800);
    expect(await cardNotifications(t, ana.id, card.id)).toHaveLength(0);
    expect((await runsOf(t, admin, ruleId)).filter((r) => r.cardId === card.id)).toHaveLength(0);
  });

  it('schedules timers for cards already in the stage when a stuck rule is created', async () => {
    const contactId = await insertContact(t, 'Ion Grosu');
    await t.http('PATCH', `/api/automation/rules/${ruleId}`, { token: admin, body: { active: false } });
    const card = (
      await t.http('POST', '/api/cards', {
        token: admin,
        body: { contactId, pipelineId: pipeline.id, title: 'Was here first', responsibleUserId: ana.id },
      })
    ).body;
    await sleep(400);
    const rule = await createRule(t, admin, {
      name: 'Nudge after 3 h in New',
      trigger: 'card.stuck_in_stage',
      triggerParams: { stageIds: [pipeline.stages[0].id], afterHours: 3 },
      actions: [{ type: 'notify', params: { recipients: { responsible: true }, title: 'Still new: {{card.title}}' } }],
    });
    // Every card already in the stage gets a timer (the first test's "Forgotten card" too), so runs finish in no
    // fixed order: wait for this card's.
    const run = await eventually(
      async () => (await runsOf(t, admin, rule.id)).find((r) => r.cardId === card.id && r.status !== 'running'),
      8_000,
      `the run of rule ${rule.id} for the card`,
    );
    expect(run).toMatchObject({ cardId: card.id, status: 'succeeded' });
    expect((await cardNotifications(t, ana.id, card.id)).map((n) => n.title)).toEqual(['Still new: Was here first']);
  });
});

describe('stuck in stage: a delayed timer survives a restart of the worker', () => {
  const prefix = `test-restart-${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-automation-'));
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const env = () => ({
    AUTOMATION_HOUR_MS: '1500',
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('schedules, closes the app mid-delay, boots a new one: the reminder still fires, once', async () => {
    const first = await createTestApp(env());
    const admin = await first.login();
    const ana = await createUserAndLogin(first, admin, { email: 'ana@test.local', role: 'consultant' });
    const pipeline = await pipelineByCode(first, admin, 'ads-landing');
    const rules = (await first.http('GET', '/api/automation/rules', { token: admin })).body;
    const builtIn = rules.find((r: { builtInKey: string }) => r.builtInKey === 'stuck-card-reminds-owner');
    await first.http('PATCH', `/api/automation/rules/${builtIn.id}`, { token: admin, body: { active: false } });
    const rule = await createRule(first, admin, {
      name: 'Remind after one hour',
      trigger: 'card.stuck_in_stage',
      triggerParams: { pipelineIds: [pipeline.id], afterHours: 1 },
      actions: [
        {
          type: 'notify',
          params: { recipients: { responsible: true }, kind: 'card_stuck', title: 'Stuck: {{card.title}}' },
        },
      ],
    });
    const contactId = await insertContact(first, 'Elena Ceban');
    const card = (
      await first.http('POST', '/api/cards', {
        token: admin,
        body: { contactId, pipelineId: pipeline.id, title: 'Survives restarts', responsibleUserId: ana.id },
      })
    ).body;
    const timers = first.app.get(JobQueues).queue(AUTOMATION_TIMERS_QUEUE);
    await eventually(async () => (await timers.getDelayedCount()) === 1, 3_000, 'the delayed timer');
    expect(await cardNotifications(first, ana.id, card.id)).toHaveLength(0);
    await first.close(); // mid-delay: the timer is due 1.5 s after the card entered the stage

    const second = await createTestApp(env());
    try {
      const rows = await eventually(
        async () => {
          const found = await cardNotifications(second, ana.id, card.id);
          return found.length ? found : undefined;
        },
        8_000,
        'the reminder after the restart',
      );
      await sleep(1_000);
      expect(await cardNotifications(second, ana.id, card.id)).toHaveLength(1);
      expect(rows[0].title).toBe('Stuck: Survives restarts');
      const token = await second.login();
      const runs = await runsOf(second, token, rule.id);
      expect(runs).toMatchObject([{ cardId: card.id, status: 'succeeded' }]);
    } finally {
      await second.close();
    }
  }, 60_000);
});
