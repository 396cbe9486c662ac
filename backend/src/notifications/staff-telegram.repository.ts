import { Injectable } from '@nestjs/common';
import { eq, lt } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { users } from '../users/users.schema.js';
import { staffTelegramChats } from './notifications.schema.js';
import { staffTelegramLinkTokens, staffTelegramUpdates } from './staff-telegram.schema.js';

/** The staff bot's link tokens, the updates its webhook handled, and chats it unlinks. */
@Injectable()
export class StaffTelegramRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  /** The user's one link token: a new one replaces the previous. */
  async replaceLinkToken(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.db
      .insert(staffTelegramLinkTokens)
      .values({ userId, tokenHash, expiresAt })
      .onConflictDoUpdate({
        target: staffTelegramLinkTokens.userId,
        set: { tokenHash, expiresAt, createdAt: new Date() },
      });
  }

  /** Removes the token (used or expired alike) and says whose it was and until when it was valid. */
  async takeLinkToken(
    tx: DatabaseExecutor,
    tokenHash: string,
  ): Promise<{ userId: string; expiresAt: Date } | undefined> {
    const [taken] = await tx
      .delete(staffTelegramLinkTokens)
      .where(eq(staffTelegramLinkTokens.tokenHash, tokenHash))
      .returning({ userId: staffTelegramLinkTokens.userId, expiresAt: staffTelegramLinkTokens.expiresAt });
    return taken;
  }

  /** The desk language the user chose (`ro`, `ru`, `en`), for the bot's replies. */
  async localeOf(tx: DatabaseExecutor, userId: string): Promise<string | undefined> {
    const [user] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
    return user?.locale;
  }

  /** True the first time an update id is seen; false for Telegram's retry of the same update. */
  async recordUpdate(tx: DatabaseExecutor, updateId: number): Promise<boolean> {
    const rows = await tx
      .insert(staffTelegramUpdates)
      .values({ updateId })
      .onConflictDoNothing()
      .returning({ updateId: staffTelegramUpdates.updateId });
    return rows.length === 1;
  }

  /** Telegram retries a webhook for a day at most; older ids need not be kept. */
  async forgetUpdatesBefore(tx: DatabaseExecutor, before: Date): Promise<void> {
    await tx.delete(staffTelegramUpdates).where(lt(staffTelegramUpdates.receivedAt, before));
  }

  /** Unlinks every user whose notifications went to this chat; returns their ids. */
  async unlinkChat(tx: DatabaseExecutor, chatId: string): Promise<string[]> {
    const removed = await tx
      .delete(staffTelegramChats)
      .where(eq(staffTelegramChats.chatId, chatId))
      .returning({ userId: staffTelegramChats.userId });
    return removed.map((r) => r.userId);
  }
}
