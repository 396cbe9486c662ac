import { Injectable } from '@nestjs/common';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { users } from '../users/users.schema.js';
import {
  notificationPreferences,
  notifications,
  staffTelegramChats,
  type NotificationChannel,
  type NotificationDeliveries,
  type NotificationKind,
  type NotificationRow,
} from './notifications.schema.js';

@Injectable()
export class NotificationsRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  async insert(tx: DatabaseExecutor, rows: (typeof notifications.$inferInsert)[]): Promise<NotificationRow[]> {
    if (!rows.length) return [];
    return tx.insert(notifications).values(rows).returning();
  }

  async findById(id: string): Promise<NotificationRow | undefined> {
    const [row] = await this.db.select().from(notifications).where(eq(notifications.id, id));
    return row;
  }

  list(
    userId: string,
    filter: { unread?: boolean },
    page: { limit: number; offset: number },
  ): Promise<NotificationRow[]> {
    return this.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), filter.unread ? isNull(notifications.readAt) : undefined))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(page.limit)
      .offset(page.offset);
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return Number(row.n);
  }

  async markRead(tx: DatabaseExecutor, userId: string, ids: string[] | 'all'): Promise<number> {
    const rows = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(
        and(
          eq(notifications.userId, userId),
          isNull(notifications.readAt),
          ids === 'all' ? undefined : inArray(notifications.id, ids),
        ),
      )
      .returning({ id: notifications.id });
    return rows.length;
  }

  async recordDelivery(
    id: string,
    channel: keyof NotificationDeliveries,
    delivery: NonNullable<NotificationDeliveries['email']>,
  ): Promise<void> {
    await this.db
      .update(notifications)
      .set({ deliveries: sql`${notifications.deliveries} || ${JSON.stringify({ [channel]: delivery })}::jsonb` })
      .where(eq(notifications.id, id));
  }

  async preferencesOf(
    userIds: string[],
    tx: DatabaseExecutor = this.db,
  ): Promise<{ userId: string; kind: NotificationKind; channels: NotificationChannel[] }[]> {
    if (!userIds.length) return [];
    return tx
      .select({
        userId: notificationPreferences.userId,
        kind: notificationPreferences.kind,
        channels: notificationPreferences.channels,
      })
      .from(notificationPreferences)
      .where(inArray(notificationPreferences.userId, userIds));
  }

  async upsertPreference(
    tx: DatabaseExecutor,
    userId: string,
    kind: NotificationKind,
    channels: NotificationChannel[],
  ): Promise<void> {
    await tx
      .insert(notificationPreferences)
      .values({ userId, kind, channels })
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.kind],
        set: { channels, updatedAt: new Date() },
      });
  }

  async telegramChatOf(userId: string, tx: DatabaseExecutor = this.db): Promise<string | undefined> {
    const [row] = await tx
      .select({ chatId: staffTelegramChats.chatId })
      .from(staffTelegramChats)
      .where(eq(staffTelegramChats.userId, userId));
    return row?.chatId;
  }

  async linkTelegram(tx: DatabaseExecutor, userId: string, chatId: string | null): Promise<void> {
    if (chatId === null) return void (await tx.delete(staffTelegramChats).where(eq(staffTelegramChats.userId, userId)));
    await tx
      .insert(staffTelegramChats)
      .values({ userId, chatId })
      .onConflictDoUpdate({ target: staffTelegramChats.userId, set: { chatId, linkedAt: new Date() } });
  }

  /** Active users among `ids`, with the address their e-mail copies go to. */
  async activeRecipients(
    ids: string[],
    tx: DatabaseExecutor = this.db,
  ): Promise<{ id: string; email: string; fullName: string }[]> {
    if (!ids.length) return [];
    return tx
      .select({ id: users.id, email: users.email, fullName: users.fullName })
      .from(users)
      .where(and(inArray(users.id, ids), eq(users.active, true)));
  }

  async activeUserIdsWithRole(roles: string[], tx: DatabaseExecutor = this.db): Promise<string[]> {
    if (!roles.length) return [];
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.role, roles as (typeof users.$inferSelect)['role'][]), eq(users.active, true)));
    return rows.map((r) => r.id);
  }
}
