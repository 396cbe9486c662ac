import { Injectable } from '@nestjs/common';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { messageTemplates, type MessageTemplateRow } from './message-templates.schema.js';

export type TemplateFilter = { channel?: string; locale?: string; key?: string; active?: boolean };

/** All SQL of message templates. */
@Injectable()
export class MessageTemplatesRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  list(filter: TemplateFilter, tx: DatabaseExecutor = this.db): Promise<MessageTemplateRow[]> {
    const where: (SQL | undefined)[] = [
      filter.channel ? eq(messageTemplates.channel, filter.channel as MessageTemplateRow['channel']) : undefined,
      filter.locale ? eq(messageTemplates.locale, filter.locale as MessageTemplateRow['locale']) : undefined,
      filter.key ? eq(messageTemplates.key, filter.key) : undefined,
      filter.active === undefined ? undefined : eq(messageTemplates.active, filter.active),
    ];
    return tx
      .select()
      .from(messageTemplates)
      .where(and(...where))
      .orderBy(
        asc(messageTemplates.key),
        asc(messageTemplates.channel),
        asc(messageTemplates.locale),
        asc(messageTemplates.createdAt),
      );
  }

  async findById(id: string, tx: DatabaseExecutor = this.db): Promise<MessageTemplateRow | undefined> {
    const [row] = await tx.select().from(messageTemplates).where(eq(messageTemplates.id, id)).limit(1);
    return row;
  }

  async insert(tx: DatabaseExecutor, values: typeof messageTemplates.$inferInsert): Promise<MessageTemplateRow> {
    const [row] = await tx.insert(messageTemplates).values(values).returning();
    return row;
  }

  /** Seeds a shipped default once; an existing row (maybe edited by the centre) is left alone. */
  async insertShippedIfMissing(
    tx: DatabaseExecutor,
    values: typeof messageTemplates.$inferInsert,
  ): Promise<MessageTemplateRow | undefined> {
    const [row] = await tx
      .insert(messageTemplates)
      .values({ ...values, origin: 'shipped' })
      .onConflictDoNothing()
      .returning();
    return row;
  }

  async update(
    tx: DatabaseExecutor,
    id: string,
    values: Partial<typeof messageTemplates.$inferInsert>,
  ): Promise<MessageTemplateRow> {
    const [row] = await tx
      .update(messageTemplates)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(messageTemplates.id, id))
      .returning();
    return row;
  }

  async delete(tx: DatabaseExecutor, id: string): Promise<void> {
    await tx.delete(messageTemplates).where(eq(messageTemplates.id, id));
  }
}
