import { Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import {
  contactChannelIdentities,
  contactNameWords,
  contactPhones,
  contacts,
  type ContactPhoneRow,
  type ContactRow,
} from './contacts.schema.js';
import type { ContactFilter } from './contacts.dto.js';
import {
  contactMatchesQuery,
  contactNameWordsOf,
  contactWithPhonesColumns,
  fuzzyContactsPage,
  prepareContactWithPhonesByE164,
  setFuzzyThreshold,
} from './contact-search.sql.js';

export type NewContactPhone = { e164: string; label?: string | null; isPrimary: boolean };
export type ContactSearchPage = { rows: ContactRow[]; nextCursor: string | null };

/** Where a page starts: after (createdAt, id) for plain lists, after a rank offset for fuzzy searches. */
type ContactCursor = { kind: 'keyset'; createdAt: Date; id: string } | { kind: 'offset'; offset: number };

@Injectable()
export class ContactsRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  /** Prepared on first use (outside a transaction only: a transaction's own connection builds the query). */
  private contactWithPhonesByE164?: ReturnType<typeof prepareContactWithPhonesByE164>;

  async insert(tx: DatabaseExecutor, values: typeof contacts.$inferInsert): Promise<ContactRow> {
    const [row] = await tx.insert(contacts).values(values).returning();
    return row;
  }

  /** Several contacts in one statement, returned in the order given. */
  insertMany(tx: DatabaseExecutor, values: (typeof contacts.$inferInsert)[]): Promise<ContactRow[]> {
    return values.length ? tx.insert(contacts).values(values).returning() : Promise.resolve([]);
  }

  /** One phone each for several contacts, in one statement (contact_phones_e164_key still refuses a taken number). */
  insertPhones(tx: DatabaseExecutor, phones: (NewContactPhone & { contactId: string })[]): Promise<ContactPhoneRow[]> {
    if (!phones.length) return Promise.resolve([]);
    return tx
      .insert(contactPhones)
      .values(
        phones.map((p) => ({ contactId: p.contactId, e164: p.e164, label: p.label ?? null, isPrimary: p.isPrimary })),
      )
      .returning();
  }

  async update(tx: DatabaseExecutor, id: string, values: Partial<typeof contacts.$inferInsert>): Promise<ContactRow> {
    const [row] = await tx
      .update(contacts)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(contacts.id, id))
      .returning();
    return row;
  }

  async delete(tx: DatabaseExecutor, id: string): Promise<void> {
    await tx.delete(contacts).where(eq(contacts.id, id));
  }

  async findById(id: string, tx: DatabaseExecutor = this.db): Promise<ContactRow | undefined> {
    const [row] = await tx.select().from(contacts).where(eq(contacts.id, id)).limit(1);
    return row;
  }

  /** Locks the rows for the rest of the transaction (merge, erase, phone changes). */
  async lockByIds(tx: DatabaseExecutor, ids: string[]): Promise<ContactRow[]> {
    return tx.select().from(contacts).where(inArray(contacts.id, ids)).orderBy(contacts.id).for('update');
  }

  async findByIds(ids: string[], tx: DatabaseExecutor = this.db): Promise<ContactRow[]> {
    if (!ids.length) return [];
    return tx.select().from(contacts).where(inArray(contacts.id, ids));
  }

  phonesOf(contactIds: string[], tx: DatabaseExecutor = this.db): Promise<ContactPhoneRow[]> {
    if (!contactIds.length) return Promise.resolve([]);
    return tx.select().from(contactPhones).where(inArray(contactPhones.contactId, contactIds));
  }

  /** One index hit on contact_phones_e164_key. */
  async contactIdByPhone(e164: string, tx: DatabaseExecutor = this.db): Promise<string | undefined> {
    const [row] = await tx
      .select({ contactId: contactPhones.contactId })
      .from(contactPhones)
      .where(eq(contactPhones.e164, e164))
      .limit(1);
    return row?.contactId;
  }

  /** The owner of a number with all its phones, in one query (screen-pop). */
  async findWithPhonesByE164(
    e164: string,
    tx: DatabaseExecutor = this.db,
  ): Promise<{ contact: ContactRow; phones: ContactPhoneRow[] } | undefined> {
    const [row] =
      tx === this.db
        ? await (this.contactWithPhonesByE164 ??= prepareContactWithPhonesByE164(this.db)).execute({ e164 })
        : await tx
            .select(contactWithPhonesColumns)
            .from(contactPhones)
            .innerJoin(contacts, eq(contacts.id, contactPhones.contactId))
            .where(eq(contactPhones.e164, e164))
            .limit(1);
    return row && { contact: row.contact, phones: row.phones.map((p) => ({ ...p, createdAt: new Date(p.createdAt) })) };
  }

  phoneOwners(e164s: string[], tx: DatabaseExecutor = this.db): Promise<{ e164: string; contactId: string }[]> {
    if (!e164s.length) return Promise.resolve([]);
    return tx
      .select({ e164: contactPhones.e164, contactId: contactPhones.contactId })
      .from(contactPhones)
      .where(inArray(contactPhones.e164, e164s));
  }

  /** Makes the contact's numbers exactly `phones` (kept rows keep their id and creation time). */
  async replacePhones(tx: DatabaseExecutor, contactId: string, phones: NewContactPhone[]): Promise<void> {
    const wanted = phones.map((p) => p.e164);
    await tx
      .delete(contactPhones)
      .where(
        and(
          eq(contactPhones.contactId, contactId),
          wanted.length ? sql`${contactPhones.e164} not in ${wanted}` : undefined,
        ),
      );
    for (const phone of phones) {
      await tx
        .insert(contactPhones)
        .values({ contactId, e164: phone.e164, label: phone.label ?? null, isPrimary: phone.isPrimary })
        .onConflictDoUpdate({
          target: contactPhones.e164,
          set: { label: phone.label ?? null, isPrimary: phone.isPrimary },
          setWhere: eq(contactPhones.contactId, contactId),
        });
    }
  }

  async addPhone(tx: DatabaseExecutor, contactId: string, phone: NewContactPhone): Promise<void> {
    await tx
      .insert(contactPhones)
      .values({ contactId, e164: phone.e164, label: phone.label ?? null, isPrimary: phone.isPrimary });
  }

  async contactIdByChannelIdentity(
    channel: string,
    providerUserId: string,
    tx: DatabaseExecutor = this.db,
  ): Promise<string | undefined> {
    const [row] = await tx
      .select({ contactId: contactChannelIdentities.contactId })
      .from(contactChannelIdentities)
      .where(
        and(eq(contactChannelIdentities.channel, channel), eq(contactChannelIdentities.providerUserId, providerUserId)),
      )
      .limit(1);
    return row?.contactId;
  }

  async addChannelIdentity(tx: DatabaseExecutor, values: typeof contactChannelIdentities.$inferInsert): Promise<void> {
    await tx.insert(contactChannelIdentities).values(values).onConflictDoNothing();
  }

  /**
   * GDPR: drops the words of an erased contact's former name from the fuzzy search's dictionary, unless another
   * contact's name still has them (the dictionary only ever grows otherwise). Split in SQL exactly as the dictionary's
   * triggers split names. Call after the contact's name was blanked.
   */
  async forgetNameWords(tx: DatabaseExecutor, formerDisplayName: string): Promise<number> {
    const forgotten = await tx
      .delete(contactNameWords)
      .where(
        and(
          sql`${contactNameWords.word} = any(string_to_array(lower(${formerDisplayName}), ' '))`,
          sql`not exists (select 1 from ${contacts} where ${contactNameWordsOf} @> array[${contactNameWords.word}])`,
        ),
      )
      .returning({ word: contactNameWords.word });
    return forgotten.length;
  }

  async deletePhonesAndIdentities(
    tx: DatabaseExecutor,
    contactId: string,
  ): Promise<{ phones: number; identities: number }> {
    const phones = await tx
      .delete(contactPhones)
      .where(eq(contactPhones.contactId, contactId))
      .returning({ id: contactPhones.id });
    const identities = await tx
      .delete(contactChannelIdentities)
      .where(eq(contactChannelIdentities.contactId, contactId))
      .returning({ id: contactChannelIdentities.id });
    return { phones: phones.length, identities: identities.length };
  }

  /** Contacts that were merged into this one (their rows still hold the person's old data). */
  async mergedInto(contactId: string, tx: DatabaseExecutor = this.db): Promise<ContactRow[]> {
    return tx.select().from(contacts).where(eq(contacts.mergedIntoId, contactId));
  }

  channelIdentitiesOf(contactId: string, tx: DatabaseExecutor = this.db) {
    return tx.select().from(contactChannelIdentities).where(eq(contactChannelIdentities.contactId, contactId));
  }

  /** Live contacts (not merged away, not erased) matching the filter; fuzzy when `q` is given. */
  async search(filter: ContactFilter, limit: number, cursorText?: string): Promise<ContactSearchPage> {
    const cursor = decodeCursor(cursorText);
    const where = this.filterCondition(filter);
    if (filter.q) {
      const offset = cursor?.kind === 'offset' ? cursor.offset : 0;
      const rows = await this.withFuzzyThreshold((tx) =>
        fuzzyContactsPage(tx, filter.q!, this.filterCondition({ ...filter, q: undefined }), limit, offset),
      );
      return pageOf(rows, limit, () => encodeCursor({ kind: 'offset', offset: offset + limit }));
    }
    const after =
      cursor?.kind === 'keyset'
        ? sql`(${createdAtMs}, ${contacts.id}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`
        : undefined;
    const rows = await this.db
      .select()
      .from(contacts)
      .where(and(where, after))
      .orderBy(desc(createdAtMs), desc(contacts.id))
      .limit(limit + 1);
    return pageOf(rows, limit, (last) => encodeCursor({ kind: 'keyset', createdAt: last.createdAt, id: last.id }));
  }

  /** Every live contact matching the filter, in id order, page by page (exports). */
  async *streamFiltered(filter: ContactFilter, batchSize = 1000): AsyncGenerator<ContactRow[]> {
    let afterId: string | undefined;
    for (;;) {
      const rows = await this.withFuzzyThreshold((tx) =>
        tx
          .select()
          .from(contacts)
          .where(and(this.filterCondition(filter), afterId ? sql`${contacts.id} > ${afterId}` : undefined))
          .orderBy(contacts.id)
          .limit(batchSize),
      );
      if (!rows.length) return;
      yield rows;
      afterId = rows.at(-1)!.id;
      if (rows.length < batchSize) return;
    }
  }

  /** Runs a query whose `<%` matches use WORD_SIMILARITY_THRESHOLD (pg_trgm's default, 0.6, misses "Popscu" in "Ion Popescu"). */
  private withFuzzyThreshold<T>(query: (tx: DatabaseExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.execute(setFuzzyThreshold());
      return query(tx);
    });
  }

  /** The SQL condition of a contact filter: live contacts, exact filters, and the fuzzy `q`. */
  filterCondition(filter: ContactFilter): SQL {
    const conditions: (SQL | undefined)[] = [isNull(contacts.mergedIntoId), isNull(contacts.erasedAt)];
    if (filter.tag) conditions.push(sql`${contacts.tags} @> array[${filter.tag}]::text[]`);
    if (filter.responsibleUserId) conditions.push(eq(contacts.responsibleUserId, filter.responsibleUserId));
    if (filter.companyId) conditions.push(eq(contacts.companyId, filter.companyId));
    if (filter.locality) conditions.push(sql`lower(${contacts.locality}) = lower(${filter.locality})`);
    if (filter.q) conditions.push(contactMatchesQuery(filter.q));
    return and(...conditions)!;
  }
}

/** Creation time at the millisecond precision a cursor carries, so rows created in the same millisecond page correctly. */
const createdAtMs = sql<Date>`date_trunc('milliseconds', ${contacts.createdAt})`;

function pageOf(rows: ContactRow[], limit: number, cursorAfter: (last: ContactRow) => string): ContactSearchPage {
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? cursorAfter(page.at(-1)!) : null };
}

function encodeCursor(cursor: ContactCursor): string {
  const text = cursor.kind === 'offset' ? `o|${cursor.offset}` : `k|${cursor.createdAt.toISOString()}|${cursor.id}`;
  return Buffer.from(text).toString('base64url');
}

function decodeCursor(text: string | undefined): ContactCursor | undefined {
  if (!text) return undefined;
  const [kind, a, b] = Buffer.from(text, 'base64url').toString().split('|');
  if (kind === 'o' && Number.isInteger(Number(a)) && Number(a) >= 0) return { kind: 'offset', offset: Number(a) };
  const createdAt = new Date(a);
  if (kind === 'k' && b && !Number.isNaN(createdAt.getTime())) return { kind: 'keyset', createdAt, id: b };
  return undefined;
}
