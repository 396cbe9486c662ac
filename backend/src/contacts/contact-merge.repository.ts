import { Injectable } from '@nestjs/common';
import { and, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { contactChannelIdentities, contactPhones, contacts, type ContactRow } from './contacts.schema.js';

export type DuplicateCandidate = {
  contact: ContactRow;
  sameEmail: boolean;
  similarNameSameLocality: boolean;
  sameCompany: boolean;
};

/** The SQL of finding and merging duplicate contacts. */
@Injectable()
export class ContactMergeRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  /** Live contacts sharing the e-mail, the company, or a trigram-similar name in the same locality. */
  async duplicatesOf(target: ContactRow, limit = 20): Promise<DuplicateCandidate[]> {
    const sameEmail: SQL = target.email ? sql`lower(${contacts.email}) = lower(${target.email})` : sql`false`;
    const hasName = Boolean(target.firstName || target.lastName);
    const similarName: SQL =
      hasName && target.locality
        ? sql`(${contacts.displayName} % ${target.displayName} and lower(${contacts.locality}) = lower(${target.locality}))`
        : sql`false`;
    const sameCompany: SQL = target.companyId ? sql`${contacts.companyId} = ${target.companyId}` : sql`false`;
    const rows = await this.db
      .select({
        contact: contacts,
        sameEmail: sql<boolean>`coalesce(${sameEmail}, false)`,
        similarNameSameLocality: sql<boolean>`coalesce(${similarName}, false)`,
        sameCompany: sql<boolean>`coalesce(${sameCompany}, false)`,
      })
      .from(contacts)
      .where(
        and(
          ne(contacts.id, target.id),
          isNull(contacts.mergedIntoId),
          isNull(contacts.erasedAt),
          or(sameEmail, similarName, sameCompany),
        ),
      )
      .orderBy(sql`similarity(${contacts.displayName}, ${target.displayName}) desc`, contacts.id)
      .limit(limit);
    return rows;
  }

  /** The duplicate's numbers become the survivor's (never primary: the survivor keeps its own primary). */
  async movePhones(tx: DatabaseExecutor, fromId: string, toId: string): Promise<number> {
    const moved = await tx
      .update(contactPhones)
      .set({
        contactId: toId,
        isPrimary: sql`${contactPhones.isPrimary} and not exists (select 1 from ${contactPhones} p where p.contact_id = ${toId})`,
      })
      .where(eq(contactPhones.contactId, fromId))
      .returning({ id: contactPhones.id });
    return moved.length;
  }

  async moveChannelIdentities(tx: DatabaseExecutor, fromId: string, toId: string): Promise<number> {
    const moved = await tx
      .update(contactChannelIdentities)
      .set({ contactId: toId })
      .where(eq(contactChannelIdentities.contactId, fromId))
      .returning({ id: contactChannelIdentities.id });
    return moved.length;
  }
}
