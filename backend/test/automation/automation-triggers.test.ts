import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallEventsService } from '../../src/calls/call-events.service.js';
import { consultationCards } from '../../src/consultations/consultations.schema.js';
import { contacts } from '../../src/contacts/contacts.schema.js';
import { DomainEvents } from '../../src/domain-events/domain-events.service.js';
import { notifications } from '../../src/notifications/notifications.schema.js';
import { TaskOverdueScanner } from '../../src/tasks/task-overdue.scanner.js';
import { tasks } from '../../src/tasks/tasks.schema.js';
import { createUserAndLogin, insertContact, pipelineByCode } from '../consultations/crm-fixtures.js';
import { createAccount, postTelegram, TELEGRAM, telegramUpdate } from '../conversations/support/channel-fixtures.js';
import { startFakeProviderApi, type FakeProviderApi } from '../conversations/support/fake-provider-api.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createRule, eventually, finishedRuns, runsOf, sleep } from './support/automation-kit.js';

describe('automation triggers: messages, missed calls, overdue tasks, opened e-mails', () => {
  let t: TestApp;
  let admin: string;
  let ana: { id: string; token: string };
  let ion: { id: string; token: string };
  let supervisor: { id: string; token: string };
  let botApi: FakeProviderApi;

  beforeAll(async () => {
    let messageId = 500;
    botApi = await startFakeProviderApi((req) => {
      const body = JSON.parse(req.body.toString('utf8') || '{}');
      return {
        body: {
          ok: true,
          result: {
            message_id: ++messageId,
            date: 1732350100,
            chat: { id: Number(body.chat_id), type: 'private' },
            text: body.text,
          },
        },
      };
    });
    t = await createTestApp();
    admin = await t.login();
    ana = await createUserAndLogin(t, admin, { email: 'ana@test.local', role: 'consultant' });
    ion = await createUserAndLogin(t, admin, { email: 'ion@test.local', role: 'consultant' });
    supervisor = await createUserAndLogin(t, admin, { email: 'elena@test.local', role: 'supervisor' });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await botApi?.close();
  });

  it('message received on a channel → reply with a rendered template through the channel, and a task', async () => {
    const account = await createAccount(t, admin, {
      provider: 'telegram',
      name: 'Telegram bot',
      config: { ...TELEGRAM, apiRoot: botApi.baseUrl },
      defaultResponsibleUserId: ana.id,
    });
    const rule = await createRule(t, admin, {
      name: 'Grant questions on Telegram',
      trigger: 'message.received',
      triggerParams: { channels: ['telegram'] },
      conditions: { field: 'message.text', op: 'contains', value: 'grant' },
      actions: [
        {
          type: 'send_template',
          params: {
            body: 'Bună, {{contact.firstName}}! Un consultant vă răspunde despre granturi în curând.',
            language: 'ro',
            templateId: 'grant-auto-reply',
          },
        },
        {
          type: 'create_task',
          params: {
            title: 'Grant question from {{contact.displayName}}',
            type: 'consultation',
            dueInMinutes: 15,
            assignee: { mode: 'user', userId: ion.id },
          },
        },
      ],
    });
    expect(
      (await postTelegram(t, account, telegramUpdate(9001, 11, 424242, 'Salut, vreau un GRANT pentru afacere'))).status,
    ).toBe(200);
    expect((await postTelegram(t, account, telegramUpdate(9002, 12, 434343, 'Care este programul?'))).status).toBe(200);

    const [run] = await finishedRuns(t, admin, rule.id, 1);
    expect(run).toMatchObject({ status: 'succeeded', eventType: 'message.received' });
    expect(run.actionResults[0].detail).toMatchObject({ templateId: 'grant-auto-reply', missingFields: [] });
    const sent = await eventually(
      async () => botApi.requests.find((r) => r.pathname === `/bot${TELEGRAM.botToken}/sendMessage`),
      8_000,
      'the reply',
    );
    const body = JSON.parse(sent.body.toString('utf8'));
    expect(String(body.chat_id)).toBe('424242');
    expect(body.text).toBe('Bună, Olena! Un consultant vă răspunde despre granturi în curând.');
    const contactTasks = await t.db.select().from(tasks).where(eq(tasks.contactId, run.contactId));
    // The inbound flow's consult task, and the rule's task for Ion.
    expect(contactTasks.map((x) => [x.type, x.assigneeUserId, x.title]).sort()).toEqual(
      [
        ['consultation', ion.id, 'Grant question from Olena Kovalenko'],
        ['consultation', ana.id, 'Reply to the telegram message from Olena Kovalenko'],
      ].sort(),
    );
    await sleep(300);
    expect(await runsOf(t, admin, rule.id)).toHaveLength(1); // the second message does not mention a grant
    await t.http('PATCH', `/api/automation/rules/${rule.id}`, { token: admin, body: { active: false } });
  });

  it('call missed → notify the supervisors and tag the caller', async () => {
    const rule = await createRule(t, admin, {
      name: 'Missed calls to supervisors',
      trigger: 'call.missed',
      conditions: { field: 'call.status', op: 'in', value: ['missed', 'abandoned'] },
      actions: [
        {
          type: 'notify',
          params: {
            recipients: { roles: ['supervisor'] },
            kind: 'call_missed',
            title: 'Missed call from {{call.fromNumber}}',
          },
        },
        { type: 'add_tag', params: { tags: ['called-us'] } },
      ],
    });
    const calls = t.app.get(CallEventsService);
    const at = new Date();
    await calls.ingest({
      kind: 'ringing',
      pbx: 'asterisk',
      callId: 'auto-1',
      at,
      from: '079123456',
      did: '022000100',
      direction: 'inbound',
      agentExtensions: [],
    });
    await calls.ingest({
      kind: 'missed',
      pbx: 'asterisk',
      callId: 'auto-1',
      at: new Date(at.getTime() + 20_000),
      from: '079123456',
      direction: 'inbound',
      outcome: 'abandoned',
    });
    const [run] = await finishedRuns(t, admin, rule.id, 1);
    expect(run.status).toBe('succeeded');
    const [notified] = await t.db.select().from(notifications).where(eq(notifications.userId, supervisor.id));
    expect(notified).toMatchObject({ kind: 'call_missed', title: 'Missed call from 079123456', entityType: 'call' });
    const [caller] = await t.db.select().from(contacts).where(eq(contacts.id, run.contactId));
    expect(caller.tags).toEqual(['called-us']);
  });

  it('task overdue (scheduled scan) → the built-in rule notifies the assignee, once per due time', async () => {
    const contactId = await insertContact(t, 'Natalia Munteanu');
    const created = await t.http('POST', '/api/tasks', {
      token: admin,
      body: {
        title: 'Send the PARE documents',
        type: 'follow_up',
        dueAt: new Date(Date.now() - 60_000).toISOString(),
        assigneeUserId: ana.id,
        contactId,
      },
    });
    expect(created.status).toBe(201);
    const scanner = t.app.get(TaskOverdueScanner);
    await scanner.scan();
    await scanner.scan();
    const rows = await eventually(
      async () => {
        const found = (await t.db.select().from(notifications).where(eq(notifications.userId, ana.id))).filter(
          (n) => n.kind === 'task_overdue',
        );
        return found.length ? found : undefined;
      },
      8_000,
      'the overdue notification',
    );
    await sleep(500);
    expect(
      (await t.db.select().from(notifications).where(eq(notifications.userId, ana.id))).filter(
        (n) => n.kind === 'task_overdue',
      ),
    ).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      title: 'Task overdue: Send the PARE documents',
      entityType: 'task',
      entityId: created.body.id,
    });
    // A new due time that passes again is announced again.
    await t.http('PATCH', `/api/tasks/${created.body.id}`, {
      token: admin,
      body: { dueAt: new Date(Date.now() - 1_000).toISOString() },
    });
    expect(await scanner.scan()).toBe(1);
  });

  it('e-mail opened (published by campaign tracking) → assign the card and tag the contact; a contact without a chat fails visibly', async () => {
    const pipeline = await pipelineByCode(t, admin, 'ads-landing');
    const contactId = await insertContact(t, 'Doina Cebotari');
    const card = (
      await t.http('POST', '/api/cards', {
        token: admin,
        body: { contactId, pipelineId: pipeline.id, title: 'Newsletter reader', responsibleUserId: ana.id },
      })
    ).body;
    const rule = await createRule(t, admin, {
      name: 'Hot newsletter readers',
      trigger: 'email.opened',
      triggerParams: { campaignIds: ['nov-newsletter'] },
      actions: [
        { type: 'assign_responsible', params: { assignee: { mode: 'user', userId: ion.id } } },
        { type: 'add_tag', params: { tags: ['opened-newsletter'] } },
        { type: 'send_template', params: { body: 'Mulțumim, {{contact.firstName}}!' } },
      ],
    });
    const events = t.app.get(DomainEvents);
    for (const campaignId of ['nov-newsletter', 'other-campaign'])
      await t.db.transaction((tx) =>
        events.publish(tx, 'email.opened', {
          contactId,
          cardId: null,
          campaignId,
          messageId: `<${campaignId}@consult.md>`,
          openedAt: new Date().toISOString(),
        }),
      );
    const [run] = await finishedRuns(t, admin, rule.id, 1);
    expect(run.cardId).toBe(card.id);
    expect(run.status).toBe('failed');
    expect(run.actionResults.map((r: { status: string }) => r.status)).toEqual(['done', 'done', 'failed']);
    expect(run.error).toContain('has no open conversation');
    const [row] = await t.db.select().from(consultationCards).where(eq(consultationCards.id, card.id));
    expect(row.responsibleUserId).toBe(ion.id);
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, contactId));
    expect(contact.tags).toEqual(['opened-newsletter']);
    await sleep(300);
    expect(await runsOf(t, admin, rule.id)).toHaveLength(1);
  });
});
