import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { automationRules } from '../../src/automation/automation.schema.js';
import { contacts } from '../../src/contacts/contacts.schema.js';
import { tasks } from '../../src/tasks/tasks.schema.js';
import {
  createDepartment,
  createUserAndLogin,
  insertContact,
  pipelineByCode,
  type PipelineView,
} from '../consultations/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createRule, eventually, finishedRuns, runsOf, sleep } from './support/automation-kit.js';

describe('automation rules: editing, validation, card triggers and actions', () => {
  let t: TestApp;
  let admin: string;
  let ana: { id: string; token: string };
  let ion: { id: string; token: string };
  let departmentId: string;
  let pipeline: PipelineView;
  const stage = (i: number) => pipeline.stages[i].id;
  const newCard = async (title: string, extra: Record<string, unknown> = {}) => {
    const contactId = await insertContact(t, `Contact ${title}`);
    const res = await t.http('POST', '/api/cards', {
      token: admin,
      body: { contactId, pipelineId: pipeline.id, title, departmentId, responsibleUserId: ana.id, ...extra },
    });
    if (res.status !== 201) throw new Error(`card: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; contactId: string; stageId: string };
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    departmentId = await createDepartment(t, admin, 'consultanta');
    ana = await createUserAndLogin(t, admin, { email: 'ana@test.local', role: 'consultant', departmentId });
    ion = await createUserAndLogin(t, admin, { email: 'ion@test.local', role: 'consultant', departmentId });
    pipeline = await pipelineByCode(t, admin, 'ads-landing');
  }, 180_000);
  afterAll(() => t?.close());

  it('seeds the built-in rules on a fresh database; they can be switched off but not deleted', async () => {
    const list = await t.http('GET', '/api/automation/rules', { token: admin });
    expect(list.status).toBe(200);
    const keys = list.body.map((r: { builtInKey: string }) => r.builtInKey);
    expect(keys).toEqual(expect.arrayContaining(['stuck-card-reminds-owner', 'overdue-task-notifies-assignee']));
    const stuck = list.body.find((r: { builtInKey: string }) => r.builtInKey === 'stuck-card-reminds-owner');
    expect(stuck).toMatchObject({
      trigger: 'card.stuck_in_stage',
      active: true,
      triggerParams: { repeatEveryHours: 24, maxRepeats: 3 },
    });
    const removed = await t.http('DELETE', `/api/automation/rules/${stuck.id}`, { token: admin });
    expect(removed.status).toBe(409);
    expect(removed.body.error).toBe('built_in_rule');
  });

  it('is for automation managers only, and names every bad field of a rule', async () => {
    const forbidden = await t.http('GET', '/api/automation/rules', { token: ana.token });
    expect(forbidden.status).toBe(403);
    const bad = await t.http('POST', '/api/automation/rules', {
      token: admin,
      body: {
        name: 'Broken',
        trigger: 'card.created',
        triggerParams: { pipelineIds: ['not-a-uuid'] },
        conditions: {
          all: [
            { field: 'message.text', op: 'contains', value: 'x' },
            { field: 'card.budget', op: 'contains', value: 5 },
            { field: 'card.fields.no_such_field', op: 'eq', value: 'a' },
            { field: 'card.budget', op: 'gt', value: 'lots' },
          ],
        },
        actions: [
          { type: 'teleport', params: {} },
          { type: 'create_task', params: { title: '' } },
          { type: 'move_stage', params: { stageId: '00000000-0000-4000-8000-000000000000' } },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(
      [
        'actions.0.type',
        'actions.1.params.title',
        'actions.2.params.stageId',
        'conditions.all.0.field',
        'conditions.all.1.op',
        'conditions.all.2.field',
        'conditions.all.3.value',
        'triggerParams.pipelineIds.0',
      ].sort(),
    );
    expect(bad.body.fields['conditions.all.0.field']).toContain('not known for this trigger');
    const wrongAction = await t.http('POST', '/api/automation/rules', {
      token: admin,
      body: {
        name: 'Move on a call',
        trigger: 'email.opened',
        actions: [{ type: 'move_stage', params: { stageId: stage(1) } }],
      },
    });
    expect(wrongAction.status).toBe(201); // email.opened provides the contact's active card
    const noCard = await t.http('POST', '/api/automation/rules', {
      token: admin,
      body: { name: 'Tag it', trigger: 'message.received', actions: [{ type: 'add_tag', params: { tags: [] } }] },
    });
    expect(noCard.body.fields).toHaveProperty(['actions.0.params.tags']);
    await t.http('DELETE', `/api/automation/rules/${wrongAction.body.id}`, { token: admin });
  });

  it('card created → create a task (round robin) and tag the contact, audited, once per event', async () => {
    const rule = await createRule(t, admin, {
      name: 'Grant request: call back',
      trigger: 'card.created',
      triggerParams: { pipelineIds: [pipeline.id] },
      conditions: {
        all: [
          { field: 'card.title', op: 'contains', value: 'grant' },
          { not: { field: 'card.budget', op: 'lt', value: 1000 } },
        ],
      },
      actions: [
        {
          type: 'create_task',
          params: {
            title: 'Call {{contact.displayName}} about {{card.title}}',
            type: 'call_back',
            dueInMinutes: 30,
            assignee: { mode: 'round_robin' },
          },
        },
        { type: 'add_tag', params: { tags: ['grant-lead'] } },
      ],
    });
    const audit = await t.http('GET', `/api/audit?entityType=automation_rule&entityId=${rule.id}`, { token: admin });
    expect(audit.body.items ?? audit.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'create' })]),
    );

    const first = await newCard('Grant PARE', { budget: 50_000 });
    const second = await newCard('Grant Start', { budget: 20_000 });
    await newCard('Training only'); // conditions not met: no run
    await newCard('Grant small', { budget: 500 }); // budget < 1000: no run
    const runs = await finishedRuns(t, admin, rule.id, 2);
    await sleep(300);
    expect(await runsOf(t, admin, rule.id)).toHaveLength(2);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    const firstTasks = await t.db.select().from(tasks).where(eq(tasks.cardId, first.id));
    const secondTasks = await t.db.select().from(tasks).where(eq(tasks.cardId, second.id));
    expect(firstTasks).toHaveLength(1);
    expect(firstTasks[0]).toMatchObject({
      title: 'Call Contact Grant PARE about Grant PARE',
      type: 'call_back',
      status: 'open',
    });
    expect(firstTasks[0].dueAt!.getTime() - Date.now()).toBeGreaterThan(25 * 60_000);
    // Round robin over the department's consultants: one each.
    expect(new Set([firstTasks[0].assigneeUserId, secondTasks[0].assigneeUserId])).toEqual(new Set([ana.id, ion.id]));
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, first.contactId));
    expect(contact.tags).toContain('grant-lead');
    const taskAudit = await t.http('GET', `/api/audit?entityType=task&entityId=${firstTasks[0].id}`, { token: admin });
    expect(JSON.stringify(taskAudit.body)).toContain('automation:Grant request: call back');

    // Redelivering the same event (a retried job, a sweeper re-enqueue) does not run the rule again.
    const engine = t.app.get((await import('../../src/automation/automation-engine.js')).AutomationEngine);
    const run = runs.find((r) => r.cardId === first.id);
    await engine.handle({
      id: Number(run.eventRef),
      type: 'card.created',
      data: {
        cardId: first.id,
        contactId: first.contactId,
        pipelineId: pipeline.id,
        stageId: first.stageId,
        responsibleUserId: ana.id,
        source: null,
      },
      occurredAt: new Date(),
      causation: { depth: 0, ruleIds: [] },
    });
    expect(await runsOf(t, admin, rule.id)).toHaveLength(2);
    expect(await t.db.select().from(tasks).where(eq(tasks.cardId, first.id))).toHaveLength(1);
    await t.http('PATCH', `/api/automation/rules/${rule.id}`, { token: admin, body: { active: false } });
  });

  it('stage entered → move stage: required fields are enforced and the failure is kept on the run', async () => {
    await t.http('PATCH', `/api/stages/${stage(2)}`, { token: admin, body: { requiredFieldKeys: ['budget'] } });
    const rule = await createRule(t, admin, {
      name: 'Qualified → proposal',
      trigger: 'card.stage_entered',
      triggerParams: { stageIds: [stage(1)] },
      actions: [
        { type: 'move_stage', params: { stageId: stage(2) } },
        { type: 'add_tag', params: { tags: ['moved'] } },
      ],
    });
    const withoutBudget = await newCard('No budget yet');
    const withBudget = await newCard('Has budget', { budget: 10_000 });
    for (const card of [withoutBudget, withBudget])
      await t.http('PATCH', `/api/cards/${card.id}`, { token: admin, body: { stageId: stage(1) } });
    const runs = await finishedRuns(t, admin, rule.id, 2);
    const failed = runs.find((r) => r.cardId === withoutBudget.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('budget');
    expect(failed.actionResults).toEqual([
      expect.objectContaining({ type: 'move_stage', status: 'failed' }),
      { type: 'add_tag', status: 'not_run' },
    ]);
    expect(runs.find((r) => r.cardId === withBudget.id)).toMatchObject({ status: 'succeeded' });
    expect((await t.http('GET', `/api/cards/${withoutBudget.id}`, { token: admin })).body.stageId).toBe(stage(1));
    expect((await t.http('GET', `/api/cards/${withBudget.id}`, { token: admin })).body.stageId).toBe(stage(2));
    await t.http('PATCH', `/api/automation/rules/${rule.id}`, { token: admin, body: { active: false } });
  });

  it('guards against loops: rules that move a card back and forth stop at their own events', async () => {
    const forth = await createRule(t, admin, {
      name: 'B: new → contacted',
      trigger: 'card.stage_entered',
      triggerParams: { stageIds: [stage(0)] },
      actions: [{ type: 'move_stage', params: { stageId: stage(1) } }],
    });
    const back = await createRule(t, admin, {
      name: 'A: contacted → new',
      trigger: 'card.stage_entered',
      triggerParams: { stageIds: [stage(1)] },
      actions: [{ type: 'move_stage', params: { stageId: stage(0) } }],
    });
    const card = await newCard('Ping-pong');
    // created in "new" → B moves it to "contacted" → A moves it back → B would again: its own chain, skipped.
    const skipped = await eventually(
      async () => (await runsOf(t, admin, forth.id)).find((r) => r.status === 'skipped'),
      8_000,
      'loop guard',
    );
    expect(skipped.error).toContain('loop guard');
    expect(skipped.depth).toBe(2);
    await sleep(500);
    expect((await runsOf(t, admin, forth.id)).map((r) => r.status).sort()).toEqual(['skipped', 'succeeded']);
    const backRuns = await runsOf(t, admin, back.id);
    expect(backRuns.map((r) => [r.status, r.depth])).toEqual([['succeeded', 1]]);
    expect((await t.http('GET', `/api/cards/${card.id}`, { token: admin })).body.stageId).toBe(stage(0));
    for (const id of [forth.id, back.id])
      await t.http('PATCH', `/api/automation/rules/${id}`, { token: admin, body: { active: false } });
  });

  it('lists the catalogue the rule editor needs, including custom card fields', async () => {
    await t.http('POST', '/api/field-definitions', {
      token: admin,
      body: { key: 'employees', label: { ro: 'Angajați' }, type: 'number' },
    });
    const res = await t.http('GET', '/api/automation/catalogue', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.triggers.map((tr: { type: string }) => tr.type)).toEqual(
      expect.arrayContaining([
        'message.received',
        'card.created',
        'card.stage_entered',
        'card.stuck_in_stage',
        'call.missed',
        'email.opened',
        'task.overdue',
      ]),
    );
    expect(res.body.actions.map((a: { type: string }) => a.type).sort()).toEqual([
      'add_tag',
      'assign_responsible',
      'create_task',
      'move_stage',
      'notify',
      'send_stored_template',
      'send_template',
      'subscribe_mailchimp',
    ]);
    expect(res.body.fields['card.fields.employees']).toBe('number');
    expect(res.body.operatorsByKind.boolean).toEqual(['eq', 'neq']);
    expect(res.body.operatorsByKind.list).toContain('contains');
    const rows = await t.db.select().from(automationRules);
    expect(rows.length).toBeGreaterThan(2);
  });
});
