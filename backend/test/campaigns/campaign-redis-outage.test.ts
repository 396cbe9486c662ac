import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignRecipients } from '../../src/campaigns/campaigns.schema.js';
import { createAccount } from '../conversations/support/channel-fixtures.js';
import { startDisposableRedis, type DisposableRedis } from '../conversations/support/disposable-redis.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createContact, createSegment, createTemplate } from './support/campaign-fixtures.js';
import { PUBLIC_URL, waitForCampaignDone } from './support/campaign-run.js';
import { emailAccountConfig, startLocalSmtp, type LocalSmtp } from './support/local-smtp.js';

describe('a campaign started while Redis is down', { timeout: 120_000 }, () => {
  let t: TestApp;
  let redis: DisposableRedis;
  let smtp: LocalSmtp;

  beforeAll(async () => {
    redis = await startDisposableRedis();
    smtp = await startLocalSmtp();
    t = await createTestApp({
      REDIS_URL: redis.url,
      PUBLIC_URL,
      CAMPAIGN_TICK_MS: '200',
      OUTBOX_SWEEP_INTERVAL_MS: '200',
    });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
    await smtp?.close();
  }, 60_000);

  it('is accepted (the database holds it) and runs to the end once Redis is back, each contact once', async () => {
    const admin = await t.login();
    const account = await createAccount(t, admin, {
      provider: 'email',
      name: 'Newsletter',
      config: emailAccountConfig(smtp.port),
    });
    for (let i = 0; i < 3; i++)
      await createContact(t, admin, {
        firstName: `Outage${i}`,
        email: `outage${i}@example.md`,
        language: 'ro',
        tags: ['outage'],
      });
    const segment = await createSegment(t, admin, 'Outage', 'outage');
    const template = await createTemplate(t, admin, {
      key: 'outage',
      name: 'Outage',
      channel: 'email',
      format: 'html',
      locale: 'ro',
      subject: 'Salut',
      body: '<p>Salut {{contact.firstName}}</p>',
    });
    const campaign = (
      await t.http('POST', '/api/campaigns', {
        token: admin,
        body: { name: 'Outage', templateId: template.id, segmentId: segment.id, channelAccountId: account.id },
      })
    ).body;

    await redis.stop();
    const started = await t.http('POST', `/api/campaigns/${campaign.id}/start`, { token: admin });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('running');
    await new Promise((r) => setTimeout(r, 2_500));
    expect(smtp.received).toHaveLength(0);

    await redis.start();
    await waitForCampaignDone(t, campaign.id, 90_000);
    const queued = await t.db
      .select()
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.campaignId, campaign.id), eq(campaignRecipients.state, 'queued')));
    expect(queued).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received.map((m) => m.rcptTo[0]).sort()).toEqual([
      'outage0@example.md',
      'outage1@example.md',
      'outage2@example.md',
    ]);
  }, 180_000);
});
