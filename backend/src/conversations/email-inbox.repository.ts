import { Injectable } from '@nestjs/common';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { channelAccounts, type ChannelAccountRow } from './conversations.schema.js';
import { emailInboxCursors, type EmailInboxCursorRow } from './email-inbox.schema.js';

/** The IMAP read position of each e-mail account. */
@Injectable()
export class EmailInboxRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  activeEmailAccounts(): Promise<ChannelAccountRow[]> {
    return this.db
      .select()
      .from(channelAccounts)
      .where(and(eq(channelAccounts.channel, 'email'), eq(channelAccounts.active, true)));
  }

  async cursorOf(channelAccountId: string): Promise<EmailInboxCursorRow | undefined> {
    const [row] = await this.db
      .select()
      .from(emailInboxCursors)
      .where(eq(emailInboxCursors.channelAccountId, channelAccountId))
      .limit(1);
    return row;
  }

  /** After a good round: the new position, the count ingested, and no error. */
  async advance(channelAccountId: string, uidValidity: string, lastUid: number, ingested: number): Promise<void> {
    await this.db
      .insert(emailInboxCursors)
      .values({
        channelAccountId,
        uidValidity,
        lastUid,
        messagesIngested: ingested,
        lastPolledAt: new Date(),
        lastError: null,
      })
      .onConflictDoUpdate({
        target: emailInboxCursors.channelAccountId,
        set: {
          uidValidity,
          lastUid,
          lastPolledAt: new Date(),
          lastError: null,
          messagesIngested: sql`${emailInboxCursors.messagesIngested} + ${ingested}`,
        },
      });
  }

  /** After a failed round: the position stays, the error is kept for the admin screen. */
  async recordFailure(channelAccountId: string, error: string): Promise<void> {
    await this.db
      .insert(emailInboxCursors)
      .values({ channelAccountId, uidValidity: '', lastUid: 0, lastPolledAt: new Date(), lastError: error })
      .onConflictDoUpdate({
        target: emailInboxCursors.channelAccountId,
        set: { lastPolledAt: new Date(), lastError: error },
      });
  }
}
