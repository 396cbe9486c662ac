import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../src/contacts/contacts.schema.js';
import { mailchimpMembers } from '../../src/mailchimp/mailchimp.schema.js';
import { createRule, finishedRuns } from '../automation/support/automation-kit.js';
import { pipelineByCode, stageNamed, type PipelineView } from '../consultations/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { API_KEY, LIST_ID, md5, startFakeMailchimp, type FakeMailchimp } from './support/fake-mailchimp.js';
import { until } from './support/until.js';

describe('automation action "subscribe in Mailchimp"', () => {
  let t: TestApp;
  let api: FakeMailchimp;
  let admin: string;
  let ads: PipelineView;
  let audienceId: string;

  const addContact = async (values: Partial<typeof contacts.$inferInsert>) => {
    const [row] = await t.db
      .insert(contacts)
      .values({ displayName: `${values.firstName} ${values.lastName ?? ''}`.trim(), ...values })
      .returning();
    return row.id;
  };

  beforeAll(async () => {
    api = await startFakeMailchimp();
    t = await createTestApp({
      MAILCHIMP_API_BASE_URL: `${api.baseUrl}/3.0`,
      MAILCHIMP_SYNC_INTERVAL_MINUTES: '0',
      REPORTS_ROLLUP_INTERVAL_MINUTES: '0',
    });
    admin = await t.login();
    ads = await pipelineByCode(t, admin, 'ads-landing');
    const audience = await t.http('POST', '/api/mailchimp/audiences', {
      token: admin,
      body: { name: 'Evenimente', apiKey: API_KEY, listId: LIST_ID },
    });
    expect(audience.status).toBe(201);
    audienceId = audience.body.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await api?.close();
  });

  it('is refused for an audience that is not connected, naming the field', async () => {
    const res = await t.http('POST', '/api/automation/rules', {
      token: admin,
      body: {
        name: 'Wrong audience',
        trigger: 'card.created',
        actions: [{ type: 'subscribe_mailchimp', params: { audienceId: '00000000-0000-4000-8000-000000000000' } }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields['actions.0.params.audienceId']).toMatch(/No connected Mailchimp audience/);
  });

  it('a card entering a stage subscribes its consenting contact; one without consent is never subscribed', async () => {
    const rule = await createRule(t, admin, {
      name: 'Consulted → newsletter',
      trigger: 'card.stage_entered',
      triggerParams: { stageIds: [stageNamed(ads, 'Consultat')] },
      actions: [{ type: 'subscribe_mailchimp', params: { audienceId } }],
    });
    const willing = await addContact({
      firstName: 'Irina',
      lastName: 'Lungu',
      email: 'irina@example.md',
      consent: { email: true },
    });
    const refusing = await addContact({ firstName: 'Petru', email: 'petru@example.md', consent: { email: false } });
    for (const contactId of [willing, refusing]) {
      const card = await t.http('POST', '/api/cards', {
        token: admin,
        body: {
          contactId,
          pipelineId: ads.id,
          stageId: stageNamed(ads, 'Consultat'),
          title: 'Seminar',
          instruments: ['start-tineri'],
        },
      });
      expect(card.status).toBe(201);
    }
    const runs = await finishedRuns(t, admin, rule.id, 2, 20_000);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);

    await until('irina subscribed', async () => api.members.get(md5('irina@example.md'))?.status === 'subscribed');
    // The CRM records the member's state once Mailchimp has answered.
    const member = await until('irina recorded as subscribed', async () => {
      const [row] = await t.db.select().from(mailchimpMembers).where(eq(mailchimpMembers.contactId, willing));
      return row?.status === 'subscribed' && row;
    });
    expect(member).toMatchObject({ pinnedBy: 'automation', status: 'subscribed' });
    await new Promise((r) => setTimeout(r, 500));
    expect(api.members.get(md5('petru@example.md'))?.status).not.toBe('subscribed');
  }, 60_000);
});
