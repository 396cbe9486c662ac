import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import type { TimelineEntryRow } from '../timeline/timeline.schema.js';
import { TimelineService } from '../timeline/timeline.service.js';
import type { ContactRow } from './contacts.schema.js';
import { ContactsRepository } from './contacts.repository.js';
import { ContactsService } from './contacts.service.js';

/** What an erased contact keeps: no personal data, only that it existed and when it was erased. */
const ERASED_FIELDS = {
  firstName: null,
  lastName: null,
  displayName: 'Contact șters (GDPR)',
  email: null,
  locality: null,
  district: null,
  activityType: null,
  companyId: null,
  tags: [],
  consent: {},
  customFields: {},
  source: null,
  notes: null,
};

/** GDPR: everything stored about a person (right of access) and irreversible erasure (right to be forgotten). */
@Injectable()
export class ContactPrivacyService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly repository: ContactsRepository,
    private readonly contacts: ContactsService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  /** The contact, its phones, channel identities, contacts merged into it, and its whole timeline, as JSON. Audited. */
  async exportPersonalData(id: string) {
    const contact = await this.contacts.get(id);
    const timeline: TimelineEntryRow[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.timeline.feed({ contactId: id }, cursor, 500);
      timeline.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const data = {
      exportedAt: new Date().toISOString(),
      contact,
      channelIdentities: await this.repository.channelIdentitiesOf(id),
      mergedContacts: await this.repository.mergedInto(id),
      timeline,
    };
    await this.audit.record({
      action: 'contact.gdpr_export',
      entityType: 'contact',
      entityId: id,
      after: { timelineEntries: timeline.length },
    });
    return data;
  }

  /**
   * Blanks every personal field, deletes phones and channel identities (of the contact and of contacts merged into
   * it), blanks the before/after of their audit events (AuditService.redactEntities) and sets erasedAt. The erasure's
   * own audit entry records only counts. Irreversible.
   */
  async erase(id: string): Promise<{ id: string; erasedAt: Date }> {
    return this.db.transaction(async (tx) => {
      const [row] = await this.repository.lockByIds(tx, [id]);
      if (!row) throw ApiError.notFound('Contact', id);
      if (row.erasedAt) throw ApiError.conflict('contact_erased', 'This contact has already been erased.');
      const erasedAt = new Date();
      const removed = { phones: 0, identities: 0, mergedContacts: 0 };
      const targets = [row, ...(await this.repository.mergedInto(id, tx))];
      for (const target of targets) {
        const counts = await this.eraseOne(tx, target, erasedAt);
        removed.phones += counts.phones;
        removed.identities += counts.identities;
        if (target.id !== id) removed.mergedContacts++;
      }
      // What the audit trail kept about them (names, numbers in before/after) is blanked; the chain stays verifiable.
      const audit = await this.audit.redactEntities(
        'contact',
        targets.map((t) => t.id),
        tx,
      );
      await this.audit.record(
        {
          action: 'contact.erase',
          entityType: 'contact',
          entityId: id,
          after: { erasedAt: erasedAt.toISOString(), removed, auditEventsRedacted: audit.redacted },
        },
        tx,
      );
      return { id, erasedAt };
    });
  }

  /** `contact` as read by the erasure's transaction (its name is what leaves the search dictionary). */
  private async eraseOne(tx: DatabaseExecutor, contact: ContactRow, erasedAt: Date) {
    const counts = await this.repository.deletePhonesAndIdentities(tx, contact.id);
    await this.repository.update(tx, contact.id, { ...ERASED_FIELDS, erasedAt });
    // The erased name's words leave the search dictionary too, unless someone else is still called so.
    await this.repository.forgetNameWords(tx, contact.displayName);
    return counts;
  }
}
