import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { DatabaseExecutor } from '../database/database-connection.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { ContactConsentRepository } from './contact-consent.repository.js';

export type ConsentFlag = 'email' | 'sms' | 'messengers' | 'marketing';

/** A change of one consent flag made by the contact through a channel (not by staff editing the contact). */
export type ConsentChange = {
  contactId: string;
  flag: ConsentFlag;
  value: boolean;
  /** GDPR evidence stored in `consent.source`, e.g. "mailchimp webhook: unsubscribe (list abc123)". */
  source: string;
  /** Short machine name on the timeline and audit entry: `mailchimp_webhook`, `sms_keyword`. */
  via: string;
  /** Audit actor label, e.g. `mailchimp-webhook`. */
  actorLabel: string;
  cardId?: string | null;
  /** The timeline entry's reference, unique per change (the timeline keeps one entry per kind and ref); default a new id. */
  refType?: string;
  refId?: string;
  /** Extra facts for the audit entry and the timeline summary (list id, keyword, reason). */
  details?: Record<string, unknown>;
};

/**
 * Consent given or withdrawn by the contact through a channel: the flag is set with `updatedAt` and `source`, the
 * change is audited (`contact.consent_changed`) and appended to the timeline (`consent_changed`), all in the caller's
 * transaction. Idempotent: a flag that already has the value changes nothing and returns false.
 */
@Injectable()
export class ContactConsentService {
  constructor(
    private readonly repository: ContactConsentRepository,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
  ) {}

  async change(tx: DatabaseExecutor, change: ConsentChange): Promise<boolean> {
    const before = await this.repository.lockConsent(tx, change.contactId);
    if (!before || before[change.flag] === change.value) return false;
    const after = {
      ...before,
      [change.flag]: change.value,
      updatedAt: new Date().toISOString(),
      source: change.source,
    };
    await this.repository.saveConsent(tx, change.contactId, after);
    await this.audit.record(
      {
        action: change.value ? 'contact.consent_given' : 'contact.unsubscribe',
        entityType: 'contact',
        entityId: change.contactId,
        before: { consent: before },
        after: { consent: after, via: change.via, ...change.details },
        actor: { userId: null, label: change.actorLabel },
      },
      tx,
    );
    await this.timeline.append(tx, {
      kind: 'consent_changed',
      contactId: change.contactId,
      cardId: change.cardId ?? null,
      actorUserId: null,
      refType: change.refType ?? 'consent_change',
      refId: change.refId ?? randomUUID(),
      summary: { channel: change.flag, value: change.value, via: change.via, ...change.details },
    });
    return true;
  }
}
