import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.schema.js';

/** What staff are told about; each user chooses per kind where it reaches them. */
export const NOTIFICATION_KINDS = [
  'automation',
  'card_stuck',
  'task_overdue',
  'call_missed',
  'message_received',
  'task_assigned',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'telegram'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
/** Without a stored preference a kind reaches the user in the desk only. */
export const DEFAULT_NOTIFICATION_CHANNELS: NotificationChannel[] = ['in_app'];

/** How far an e-mail or Telegram copy got: `sent`, or the last error once retries are exhausted. */
export type NotificationDeliveries = Partial<
  Record<Exclude<NotificationChannel, 'in_app'>, { status: 'queued' | 'sent' | 'failed'; at: string; error?: string }>
>;

/** One notification of one staff member (the desk's bell). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text().$type<NotificationKind>().notNull(),
    title: text().notNull(),
    body: text().notNull().default(''),
    /** What it is about, for the desk to open (`consultation_card`, `task`, `call`, `conversation`). */
    entityType: text(),
    entityId: text(),
    deliveries: jsonb().$type<NotificationDeliveries>().notNull().default({}),
    readAt: timestamp({ withTimezone: true, precision: 3 }),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
    index('notifications_user_unread_idx')
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
  ],
);

/** A user's channels for one notification kind. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text().$type<NotificationKind>().notNull(),
    channels: text().array().$type<NotificationChannel[]>().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/** Where the notification bot writes to a staff member on Telegram (the chat id they linked). */
export const staffTelegramChats = pgTable('staff_telegram_chats', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  chatId: text().notNull(),
  linkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationPreferenceRow = typeof notificationPreferences.$inferSelect;
