import { Injectable } from '@nestjs/common';
import { and, asc, count, eq, gt, type SQL } from 'drizzle-orm';
import { contacts, type ContactRow } from '../contacts/contacts.schema.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { segments, type SegmentRow } from './segments.schema.js';

@Injectable()
export class SegmentsRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  list(): Promise<SegmentRow[]> {
    return this.db.select().from(segments).orderBy(asc(segments.name));
  }

  async findById(id: string, tx: DatabaseExecutor = this.db): Promise<SegmentRow | undefined> {
    const [row] = await tx.select().from(segments).where(eq(segments.id, id)).limit(1);
    return row;
  }

  async insert(tx: DatabaseExecutor, values: typeof segments.$inferInsert): Promise<SegmentRow> {
    const [row] = await tx.insert(segments).values(values).returning();
    return row;
  }

  async update(tx: DatabaseExecutor, id: string, values: Partial<typeof segments.$inferInsert>): Promise<SegmentRow> {
    const [row] = await tx
      .update(segments)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(segments.id, id))
      .returning();
    return row;
  }

  async delete(tx: DatabaseExecutor, id: string): Promise<void> {
    await tx.delete(segments).where(eq(segments.id, id));
  }

  /** Contacts matching a compiled segment condition, in id order after `afterId` (keyset paging and streaming). */
  contactsPage(condition: SQL, afterId: string | undefined, limit: number): Promise<ContactRow[]> {
    return this.db
      .select()
      .from(contacts)
      .where(and(condition, afterId ? gt(contacts.id, afterId) : undefined))
      .orderBy(asc(contacts.id))
      .limit(limit);
  }

  async contactIds(condition: SQL): Promise<string[]> {
    const rows = await this.db.select({ id: contacts.id }).from(contacts).where(condition).orderBy(asc(contacts.id));
    return rows.map((r) => r.id);
  }

  async count(condition: SQL): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(contacts).where(condition);
    return Number(row.n);
  }
}
