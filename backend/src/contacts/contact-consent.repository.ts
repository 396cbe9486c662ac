import { Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import type { DatabaseExecutor } from '../database/database-connection.js';
import { contacts, type ContactConsent } from './contacts.schema.js';

/** The SQL of consent changes: the contact's flags, read under a row lock so concurrent changes serialize. */
@Injectable()
export class ContactConsentRepository {
  async lockConsent(tx: DatabaseExecutor, contactId: string): Promise<ContactConsent | undefined> {
    const [row] = await tx
      .select({ consent: contacts.consent })
      .from(contacts)
      .where(eq(contacts.id, contactId))
      .for('update')
      .limit(1);
    return row?.consent;
  }

  async saveConsent(tx: DatabaseExecutor, contactId: string, consent: ContactConsent): Promise<void> {
    await tx
      .update(contacts)
      .set({ consent, updatedAt: sql`now()` })
      .where(eq(contacts.id, contactId));
  }
}
