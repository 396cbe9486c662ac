import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignRecipients } from '../../src/campaigns/campaigns.schema.js';
import { contacts } from '../../src/contacts/contacts.schema.js';
import { messages } from '../../src/conversations/conversations.schema.js';
import { createAccount, type Account } from '../conversations/support/channel-fixtures.js';
import { createContact, createSegment, createTemplate, waitFor } from './support/campaign-fixtures.js';
import { PUBLIC_URL, localPath, waitForCampaignDone } from './support/campaign-run.js';
import { emailAccountConfig, startLocalSmtp, type LocalSmtp } from './support/local-smtp.js';
import { createUserAndLogin } from '../consultations/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createRule, finishedRuns, runsOf, sleep } from '../automation/support/automation-kit.js';

describe('a campaign e-mail opened by its recipient: "e-mail opened" rules and the campaign dashboard', () => {
  let t: TestApp;
  let admin: string;
  let smtp: LocalSmtp;
  let account: Account;

  beforeAll(async () => {
    smtp = await startLocalSmtp();
    t = await createTestApp({ PUBLIC_URL, CAMPAIGN_TICK_MS: '200', OUTBOX_SWEEP_INTERVAL_MS: '200' });
    admin = await t.login();
    account = await createAccount(t, admin, {
      provider: 'email',
      name: 'Newsletter',
      config: emailAccountConfig(smtp.port),
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('the open pixel publishes email.opened once; the rule tags the reader once however often the pixel loads', async () => {
    const reader = await createContact(t, admin, {
      firstName: 'Mihaela',
      email: 'mihaela@example.md',
      language: 'ro',
      tags: ['grants'],
      consent: { email: true, marketing: true },
    });
    const template = await createTemplate(t, admin, {
      key: 'grants-news',
      name: 'Grants news',
      channel: 'email',
      format: 'mjml',
      locale: 'ro',
      subject: 'Noutăți granturi',
      body: '<mjml><mj-body><mj-section><mj-column><mj-text>Bună, {{contact.firstName}}!</mj-text></mj-column></mj-section></mj-body></mjml>',
    });
    const segment = await createSegment(t, admin, 'Grants readers', 'grants');
    const campaign = (
      await t.http('POST', '/api/campaigns', {
        token: admin,
        body: { name: 'Grants November', templateId: template.id, segmentId: segment.id, channelAccountId: account.id },
      })
    ).body;
    const rule = await createRule(t, admin, {
      name: 'Tag newsletter readers',
      trigger: 'email.opened',
      triggerParams: { campaignIds: [campaign.id] },
      actions: [{ type: 'add_tag', params: { tags: ['read-grants-news'] } }],
    });
    expect((await t.http('POST', `/api/campaigns/${campaign.id}/start`, { token: admin })).status).toBe(200);
    await waitForCampaignDone(t, campaign.id);

    const html = smtp.received.find((m) => m.rcptTo[0] === 'mihaela@example.md')!.parsed.html as string;
    const pixel = html.match(/src="(http:\/\/crm\.test\/api\/t\/o\/[^"]+\.gif)"/)![1];
    for (let i = 0; i < 3; i++) expect((await fetch(`${t.baseUrl}${localPath(pixel)}`)).status).toBe(200);

    const [run] = await finishedRuns(t, admin, rule.id, 1, 15_000);
    expect(run.status).toBe('succeeded');
    const [row] = await t.db.select().from(contacts).where(eq(contacts.id, reader.id));
    expect(row.tags).toEqual(['grants', 'read-grants-news']);
    await sleep(500);
    expect(await runsOf(t, admin, rule.id)).toHaveLength(1);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: t.config.locale.timeZone }).format(new Date());
    const report = await t.http('GET', `/api/reports/campaigns?from=${today}&to=${today}`, { token: admin });
    expect(report.status).toBe(200);
    expect(report.body.campaigns).toEqual([
      {
        source: 'crm',
        campaignId: campaign.id,
        name: 'Grants November',
        subject: 'Noutăți granturi',
        sentAt: expect.any(String),
        recipients: 1,
        uniqueOpens: 1,
        openRate: 1,
        uniqueClicks: 0,
        clickRate: 0,
        unsubscribed: 0,
        bounced: 0,
      },
    ]);
    // A bounce reported later (the message failed) counts as bounced.
    const [recipient] = await t.db
      .select()
      .from(campaignRecipients)
      .where(eq(campaignRecipients.campaignId, campaign.id));
    await t.db.update(messages).set({ status: 'failed' }).where(eq(messages.id, recipient.messageId!));
    const bounced = await t.http('GET', `/api/reports/campaigns?from=${today}&to=${today}`, { token: admin });
    expect(bounced.body.campaigns).toMatchObject([
      { campaignId: campaign.id, recipients: 1, uniqueOpens: 1, bounced: 1 },
    ]);
  }, 90_000);

  it('a rule sends a stored template (full merge data, consent checked) with the "send a stored template" action', async () => {
    const unknown = await t.http('POST', '/api/automation/rules', {
      token: admin,
      body: {
        name: 'Unknown template',
        trigger: 'card.created',
        actions: [{ type: 'send_stored_template', params: { templateId: '00000000-0000-4000-8000-000000000000' } }],
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields['actions.0.params.templateId']).toMatch(/No template has this id/);

    const welcome = await createTemplate(t, admin, {
      key: 'welcome-card',
      name: 'Welcome',
      channel: 'email',
      format: 'html',
      locale: 'ro',
      subject: 'Bine ați venit, {{contact.firstName}}',
      body: '<p>Consultația „{{consultation.title}}” a fost înregistrată.</p>',
    });
    const rule = await createRule(t, admin, {
      name: 'Welcome new cards',
      trigger: 'card.created',
      actions: [{ type: 'send_stored_template', params: { templateId: welcome.id, channelAccountId: account.id } }],
    });
    const newcomer = await createContact(t, admin, {
      firstName: 'Sorin',
      email: 'sorin@example.md',
      language: 'ro',
      consent: { email: true },
    });
    const pipelines = await t.http('GET', '/api/pipelines', { token: admin });
    const pipeline = pipelines.body.find((p: { code: string }) => p.code === 'ads-landing');
    const card = await t.http('POST', '/api/cards', {
      token: admin,
      body: { contactId: newcomer.id, pipelineId: pipeline.id, title: 'Grant pentru livadă' },
    });
    expect(card.status).toBe(201);
    const [run] = await finishedRuns(t, admin, rule.id, 1, 15_000);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    const mail = await waitFor(
      async () => smtp.received.find((m) => m.rcptTo[0] === 'sorin@example.md'),
      15_000,
      'the welcome e-mail',
    );
    expect(mail.parsed.subject).toBe('Bine ați venit, Sorin');
    expect(mail.parsed.html).toContain('Consultația „Grant pentru livadă” a fost înregistrată.');
  }, 90_000);

  it('a marketer lists the accounts to send from without their settings; a segment a campaign used is kept (409)', async () => {
    const marketer = await createUserAndLogin(t, admin, { email: 'marketing@test.local', role: 'marketer' });
    expect((await t.http('GET', '/api/channel-accounts', { token: marketer.token })).status).toBe(403);
    const senders = await t.http('GET', '/api/channel-accounts/senders', { token: marketer.token });
    expect(senders.status).toBe(200);
    expect(senders.body).toEqual([
      { id: account.id, name: 'Newsletter', channel: 'email', provider: 'email', active: true },
    ]);

    const segments = await t.http('GET', '/api/segments', { token: admin });
    const used = segments.body.find((s: { name: string }) => s.name === 'Grants readers');
    const refused = await t.http('DELETE', `/api/segments/${used.id}`, { token: admin });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('segment_in_use');
    expect((await t.http('GET', `/api/segments/${used.id}`, { token: admin })).status).toBe(200);
  });
});
