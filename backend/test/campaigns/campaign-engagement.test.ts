import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../src/contacts/contacts.schema.js';
import { createAccount } from '../conversations/support/channel-fixtures.js';
import { createSegment, createTemplate, createContact } from './support/campaign-fixtures.js';
import { PUBLIC_URL, localPath, waitForCampaignDone } from './support/campaign-run.js';
import { emailAccountConfig, startLocalSmtp, type LocalSmtp } from './support/local-smtp.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createRule, finishedRuns, runsOf, sleep } from '../automation/support/automation-kit.js';

describe('a campaign e-mail opened by its recipient: "e-mail opened" rules and the campaign dashboard', () => {
  let t: TestApp;
  let admin: string;
  let smtp: LocalSmtp;

  beforeAll(async () => {
    smtp = await startLocalSmtp();
    t = await createTestApp({ PUBLIC_URL, CAMPAIGN_TICK_MS: '200', OUTBOX_SWEEP_INTERVAL_MS: '200' });
    admin = await t.login();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('the open pixel publishes email.opened once; the rule tags the reader once however often the pixel loads', async () => {
    const account = await createAccount(t, admin, {
      provider: 'email',
      name: 'Newsletter',
      config: emailAccountConfig(smtp.port),
    });
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
  }, 90_000);
});
