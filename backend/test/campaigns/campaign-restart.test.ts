import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { campaignRecipients } from '../../src/campaigns/campaigns.schema.js';
import { createAccount } from '../conversations/support/channel-fixtures.js';
import { createTestDatabase } from '../support/test-database.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createContact, createSegment, createTemplate, waitFor } from './support/campaign-fixtures.js';
import { PUBLIC_URL, waitForCampaignDone } from './support/campaign-run.js';
import { emailAccountConfig, startLocalSmtp, type LocalSmtp } from './support/local-smtp.js';

describe('a campaign survives a worker restart', { timeout: 120_000 }, () => {
  let smtp: LocalSmtp;
  let t: TestApp | undefined;
  let cleanup: () => Promise<void> = async () => undefined;

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await cleanup();
  }, 60_000);

  /** The same database, Redis queue prefix and secrets key across boots, as a restarted deployment has. */
  async function persistentEnv(): Promise<Record<string, string>> {
    const env: Record<string, string> = {
      PUBLIC_URL,
      CAMPAIGN_TICK_MS: '200',
      OUTBOX_SWEEP_INTERVAL_MS: '200',
      QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
      SECRETS_KEY: randomBytes(32).toString('hex'),
    };
    if (process.env.TEST_DB === 'postgres') {
      const database = await createTestDatabase();
      cleanup = database.drop;
      return { ...env, DATABASE_URL: database.url! };
    }
    const dir = await mkdtemp(join(tmpdir(), 'crm-campaign-restart-'));
    cleanup = () => rm(dir, { recursive: true, force: true });
    return { ...env, DATA_DIR: dir };
  }

  it('closes mid-campaign, boots again and finishes without sending anyone twice', async () => {
    smtp = await startLocalSmtp();
    const env = await persistentEnv();
    t = await createTestApp(env);
    let admin = await t.login();
    const account = await createAccount(t, admin, {
      provider: 'email',
      name: 'Newsletter',
      config: emailAccountConfig(smtp.port),
    });
    for (let i = 0; i < 8; i++)
      await createContact(t, admin, {
        firstName: `Restart${i}`,
        email: `restart${i}@example.md`,
        language: 'ro',
        tags: ['restart'],
      });
    const segment = await createSegment(t, admin, 'Restart', 'restart');
    const template = await createTemplate(t, admin, {
      key: 'restart',
      name: 'Restart',
      channel: 'email',
      format: 'html',
      locale: 'ro',
      subject: 'Salut {{contact.firstName}}',
      body: '<p>Salut {{contact.firstName}}</p>',
    });
    const campaign = (
      await t.http('POST', '/api/campaigns', {
        token: admin,
        body: {
          name: 'Restart',
          templateId: template.id,
          segmentId: segment.id,
          channelAccountId: account.id,
          ratePerMinute: 60,
        },
      })
    ).body;
    expect((await t.http('POST', `/api/campaigns/${campaign.id}/start`, { token: admin })).status).toBe(200);
    const queued = async (app: TestApp) =>
      (
        await app.db
          .select()
          .from(campaignRecipients)
          .where(and(eq(campaignRecipients.campaignId, campaign.id), eq(campaignRecipients.state, 'queued')))
      ).length;
    await waitFor(async () => (await queued(t!)) >= 2, 60_000, 'two recipients queued');
    await t.close();
    t = undefined;
    const sentBeforeRestart = smtp.received.length;

    t = await createTestApp(env);
    admin = await t.login();
    await waitForCampaignDone(t, campaign.id, 90_000);
    await waitFor(async () => smtp.received.length >= 8, 15_000, 'eight e-mails');
    await new Promise((r) => setTimeout(r, 1_000));
    const recipients = smtp.received.map((m) => m.rcptTo[0]).sort();
    expect(recipients).toEqual([...new Set(recipients)]);
    expect(recipients).toHaveLength(8);
    expect(sentBeforeRestart).toBeLessThan(8);
    const detail = await t.http('GET', `/api/campaigns/${campaign.id}`, { token: admin });
    expect(detail.body).toMatchObject({ status: 'completed', stats: { byStatus: { sent: 8 } } });
  }, 240_000);
});
