import { eq } from 'drizzle-orm';
import { campaignRecipients, campaigns } from '../../../src/campaigns/campaigns.schema.js';
import { messages } from '../../../src/conversations/conversations.schema.js';
import type { TestApp } from '../../support/test-app.js';
import { waitFor } from './campaign-fixtures.js';

export const PUBLIC_URL = 'http://crm.test';

/** Waits until the campaign is completed and every message it queued has left (sent or failed). */
export async function waitForCampaignDone(t: TestApp, campaignId: string, timeoutMs = 60_000) {
  await waitFor(
    async () => (await t.db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0].status === 'completed',
    timeoutMs,
    'campaign completed',
  );
  return waitFor(
    async () => {
      const rows = await t.db
        .select({ status: messages.status })
        .from(campaignRecipients)
        .innerJoin(messages, eq(messages.id, campaignRecipients.messageId))
        .where(eq(campaignRecipients.campaignId, campaignId));
      return rows.every((r) => r.status === 'sent' || r.status === 'failed') ? rows : undefined;
    },
    timeoutMs,
    'campaign messages sent',
  );
}

/** The path (under the test app) of a public tracking URL printed in an e-mail. */
export function localPath(url: string): string {
  return url.replace(PUBLIC_URL, '');
}
