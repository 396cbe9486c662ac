import { Injectable } from '@nestjs/common';
import type { ChannelAccountRow } from '../conversations/conversations.schema.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { SegmentsService } from '../segments/segments.service.js';
import { CampaignsRepository } from './campaigns.repository.js';
import type { CampaignRow, SkipReason } from './campaigns.schema.js';
import { hasOptedOut, usesPhoneAddress } from './consent-policy.js';
import { addressOn } from './recipient-address.js';

const BATCH = 500;

/**
 * Turns a campaign's segment into recipient rows, batch by batch: pending with the address to use, or skipped with
 * the reason (opted out, no address on the channel, erased). Re-running after a crash adds only the missing rows.
 */
@Injectable()
export class CampaignAudience {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly segments: SegmentsService,
    private readonly repository: CampaignsRepository,
  ) {}

  async materialize(campaign: CampaignRow, account: ChannelAccountRow): Promise<number> {
    let total = 0;
    for await (const batch of this.segments.streamContacts(campaign.segmentId, BATCH)) {
      const ids = batch.map((c) => c.id);
      const needsIdentity = account.channel !== 'email' && !usesPhoneAddress(account.channel);
      const identities = needsIdentity
        ? await this.repository.identities(ids, account.channel)
        : new Map<string, string>();
      const cards = await this.repository.latestActiveCards(ids);
      const rows = batch.map((contact) => {
        const address = addressOn(account.channel, {
          email: contact.email,
          phone: contact.phones[0]?.e164,
          identity: identities.get(contact.id),
        });
        const skipReason: SkipReason | null = contact.erasedAt
          ? 'erased'
          : hasOptedOut(contact.consent, account.channel, true)
            ? 'opted_out'
            : !address
              ? 'no_address'
              : null;
        return {
          campaignId: campaign.id,
          contactId: contact.id,
          cardId: cards.get(contact.id) ?? null,
          address: address ?? null,
          state: skipReason ? ('skipped' as const) : ('pending' as const),
          skipReason,
        };
      });
      await this.db.transaction((tx) => this.repository.insertRecipients(tx, rows));
      total += rows.length;
    }
    return total;
  }
}
