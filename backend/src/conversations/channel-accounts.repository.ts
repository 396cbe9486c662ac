import { Injectable } from '@nestjs/common';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { channelAccounts, type ChannelAccountRow } from './conversations.schema.js';

@Injectable()
export class ChannelAccountsRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  list(): Promise<ChannelAccountRow[]> {
    return this.db.select().from(channelAccounts).orderBy(asc(channelAccounts.name));
  }

  async findById(id: string, tx: DatabaseExecutor = this.db): Promise<ChannelAccountRow | undefined> {
    const [row] = await tx.select().from(channelAccounts).where(eq(channelAccounts.id, id)).limit(1);
    return row;
  }

  /** Several accounts in one query (an inbound batch's), in the caller's transaction. */
  findManyById(ids: string[], tx: DatabaseExecutor = this.db): Promise<ChannelAccountRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return tx.select().from(channelAccounts).where(inArray(channelAccounts.id, ids));
  }

  async findByWebhookToken(token: string): Promise<ChannelAccountRow | undefined> {
    const [row] = await this.db.select().from(channelAccounts).where(eq(channelAccounts.webhookToken, token)).limit(1);
    return row;
  }

  async findActiveByProvider(provider: string): Promise<ChannelAccountRow | undefined> {
    const rows = await this.db
      .select()
      .from(channelAccounts)
      .where(eq(channelAccounts.provider, provider))
      .orderBy(asc(channelAccounts.createdAt));
    return rows.find((r) => r.active);
  }

  async insert(tx: DatabaseExecutor, values: typeof channelAccounts.$inferInsert): Promise<ChannelAccountRow> {
    const [row] = await tx.insert(channelAccounts).values(values).returning();
    return row;
  }

  async update(
    tx: DatabaseExecutor,
    id: string,
    values: Partial<typeof channelAccounts.$inferInsert>,
  ): Promise<ChannelAccountRow> {
    const [row] = await tx
      .update(channelAccounts)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(channelAccounts.id, id))
      .returning();
    return row;
  }
}
