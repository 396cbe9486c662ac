import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../src/contacts/contacts.schema.js';
import { outbox } from '../../src/conversations/conversations.schema.js';
import { DOMAIN_EVENT_OUTBOX_KIND } from '../../src/domain-events/domain-events.service.js';
import { insertContact, pipelineByCode } from '../consultations/crm-fixtures.js';
import { startDisposableRedis, type DisposableRedis } from '../conversations/support/disposable-redis.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createRule, eventually, finishedRuns, sleep } from './support/automation-kit.js';

describe('domain events survive a Redis outage', () => {
  let t: TestApp;
  let redis: DisposableRedis;

  beforeAll(async () => {
    redis = await startDisposableRedis();
    t = await createTestApp({ REDIS_URL: redis.url, OUTBOX_SWEEP_INTERVAL_MS: '200' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('a card created while Redis is down still fires its rule once Redis is back', async () => {
    const admin = await t.login();
    const pipeline = await pipelineByCode(t, admin, 'ads-landing');
    const rule = await createRule(t, admin, {
      name: 'Tag new cards',
      trigger: 'card.created',
      actions: [{ type: 'add_tag', params: { tags: ['new-card'] } }],
    });
    const contactId = await insertContact(t, 'Ana Lupu');

    await redis.stop();
    const created = await t.http('POST', '/api/cards', {
      token: admin,
      body: { contactId, pipelineId: pipeline.id, title: 'Created during the outage' },
    });
    expect(created.status).toBe(201);
    const pending = await eventually(
      async () => {
        const rows = await t.db.select().from(outbox).where(eq(outbox.kind, DOMAIN_EVENT_OUTBOX_KIND));
        const row = rows.find(
          (r) => (r.payload as { data: { cardId: string } }).data.cardId === created.body.id && r.lastError,
        );
        return row;
      },
      10_000,
      'the failed hand-off to be recorded',
    );
    expect(pending.doneAt).toBeNull();
    expect(pending.lastError).toMatch(/Redis/);
    await sleep(500);
    expect((await t.db.select().from(contacts).where(eq(contacts.id, contactId)))[0].tags).toEqual([]);

    await redis.start();
    const [run] = await finishedRuns(t, admin, rule.id, 1, 30_000);
    expect(run).toMatchObject({ status: 'succeeded', cardId: created.body.id });
    expect((await t.db.select().from(contacts).where(eq(contacts.id, contactId)))[0].tags).toEqual(['new-card']);
    await eventually(
      async () => (await t.db.select().from(outbox).where(eq(outbox.id, pending.id)))[0].doneAt,
      10_000,
      'the event row to be done',
    );
  }, 90_000);
});
