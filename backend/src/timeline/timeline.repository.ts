import { Injectable } from '@nestjs/common';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { timelineEntries, type TimelineEntryRow } from './timeline.schema.js';

export type TimelineCursor = { occurredAt: Date; id: number };

@Injectable()
export class TimelineRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  /** Idempotent on (kind, refType, refId): a retried event does not appear twice. */
  async insert(tx: DatabaseExecutor, entry: typeof timelineEntries.$inferInsert): Promise<void> {
    await tx.insert(timelineEntries).values(entry).onConflictDoNothing();
  }

  /** Several entries in one statement, idempotent like `insert`. */
  async insertMany(tx: DatabaseExecutor, entries: (typeof timelineEntries.$inferInsert)[]): Promise<void> {
    if (entries.length) await tx.insert(timelineEntries).values(entries).onConflictDoNothing();
  }

  /** Newest first, keyset-paged. */
  async page(
    owner: { contactId?: string; cardId?: string },
    cursor: TimelineCursor | undefined,
    limit: number,
  ): Promise<TimelineEntryRow[]> {
    const where: (SQL | undefined)[] = [
      owner.contactId ? eq(timelineEntries.contactId, owner.contactId) : undefined,
      owner.cardId ? eq(timelineEntries.cardId, owner.cardId) : undefined,
    ];
    if (cursor)
      where.push(
        or(
          lt(timelineEntries.occurredAt, cursor.occurredAt),
          and(eq(timelineEntries.occurredAt, cursor.occurredAt), lt(timelineEntries.id, cursor.id)),
        ),
      );
    return this.db
      .select()
      .from(timelineEntries)
      .where(and(...where))
      .orderBy(desc(timelineEntries.occurredAt), desc(timelineEntries.id))
      .limit(limit);
  }

  async reassignContact(tx: DatabaseExecutor, fromContactId: string, toContactId: string): Promise<void> {
    await tx
      .update(timelineEntries)
      .set({ contactId: toContactId })
      .where(eq(timelineEntries.contactId, fromContactId));
  }
}
