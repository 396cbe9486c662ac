import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { OutboxRow } from '../conversations/conversations.schema.js';
import { OutboxDispatcher } from '../conversations/outbox-dispatcher.js';
import { OutboxRepository } from '../conversations/outbox.repository.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { AgentNotifier } from '../realtime/agent-notifier.js';
import type { ListNotificationsQuery, UpdatePreferencesDto } from './notifications.dto.js';
import { NotificationsRepository } from './notifications.repository.js';
import {
  DEFAULT_NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationDeliveries,
  type NotificationKind,
  type NotificationRow,
} from './notifications.schema.js';
import { StaffMessageSenders } from './staff-message-senders.js';

export const NOTIFICATION_EVENT = 'notification:new';
export const NOTIFICATION_DELIVERY_QUEUE = 'notification-delivery';
export const NOTIFICATION_DELIVERY_OUTBOX_KIND = 'notification.deliver';

export type NewNotification = {
  userIds: string[];
  kind: NotificationKind;
  title: string;
  body?: string;
  entityType?: string | null;
  entityId?: string | null;
};

export type NotificationPreferencesView = {
  channelsAvailable: { in_app: true; email: boolean; telegram: boolean };
  telegramLinked: boolean;
  preferences: { kind: NotificationKind; channels: NotificationChannel[] }[];
};

/**
 * Staff notifications: stored per user (the desk's list and unread count), pushed live over Socket.IO, and copied
 * by e-mail or Telegram when the user chose that channel for the kind. Copies go through the outbox and the
 * `notification-delivery` queue, so they are retried and survive a Redis outage.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly repository: NotificationsRepository,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly senders: StaffMessageSenders,
    private readonly notifier: AgentNotifier,
    private readonly audit: AuditService,
  ) {
    dispatcher.route(NOTIFICATION_DELIVERY_OUTBOX_KIND, NOTIFICATION_DELIVERY_QUEUE);
  }

  /** Notifies each active user once (duplicates and inactive users are dropped); returns the stored rows. */
  async notify(input: NewNotification): Promise<NotificationRow[]> {
    const { rows, pushed, deliveries } = await this.db.transaction(async (tx) => {
      const recipients = await this.repository.activeRecipients([...new Set(input.userIds)], tx);
      if (!recipients.length) return { rows: [], pushed: [], deliveries: [] as OutboxRow[] };
      const preferences = await this.repository.preferencesOf(
        recipients.map((r) => r.id),
        tx,
      );
      const channelsOf = (userId: string) =>
        preferences.find((p) => p.userId === userId && p.kind === input.kind)?.channels ??
        DEFAULT_NOTIFICATION_CHANNELS;
      const queuedAt = new Date().toISOString();
      const planned = await Promise.all(
        recipients.map(async (recipient) => {
          const channels = channelsOf(recipient.id);
          const copies: ('email' | 'telegram')[] = [];
          if (channels.includes('email') && this.senders.emailEnabled) copies.push('email');
          if (
            channels.includes('telegram') &&
            this.senders.telegramEnabled &&
            (await this.repository.telegramChatOf(recipient.id, tx))
          )
            copies.push('telegram');
          return { recipient, channels, copies };
        }),
      );
      const rows = await this.repository.insert(
        tx,
        planned.map(({ recipient, copies }) => ({
          userId: recipient.id,
          kind: input.kind,
          title: input.title.slice(0, 300),
          body: (input.body ?? '').slice(0, 4000),
          entityType: input.entityType ?? null,
          entityId: input.entityId ?? null,
          deliveries: Object.fromEntries(
            copies.map((c) => [c, { status: 'queued', at: queuedAt }]),
          ) as NotificationDeliveries,
        })),
      );
      const deliveries: OutboxRow[] = [];
      for (const [index, row] of rows.entries())
        for (const channel of planned[index].copies)
          deliveries.push(
            await this.outbox.insert(tx, NOTIFICATION_DELIVERY_OUTBOX_KIND, { notificationId: row.id, channel }),
          );
      await this.audit.record(
        {
          action: 'notification.sent',
          entityType: 'notification',
          entityId: rows[0]?.id,
          after: {
            kind: input.kind,
            userIds: rows.map((r) => r.userId),
            entityType: input.entityType,
            entityId: input.entityId,
          },
          actor: { userId: null, label: 'system:notifications' },
        },
        tx,
      );
      return { rows, pushed: rows.filter((_, i) => planned[i].channels.includes('in_app')), deliveries };
    });
    for (const row of pushed) this.notifier.toUser(row.userId, NOTIFICATION_EVENT, row);
    for (const row of deliveries) this.dispatcher.dispatchSoon(row);
    if (rows.length)
      this.logger.info({ kind: input.kind, recipients: rows.length, copies: deliveries.length }, 'staff notified');
    return rows;
  }

  async list(userId: string, query: ListNotificationsQuery): Promise<{ items: NotificationRow[]; unread: number }> {
    const [items, unread] = await Promise.all([
      this.repository.list(userId, { unread: query.unread }, { limit: query.limit, offset: query.offset }),
      this.repository.unreadCount(userId),
    ]);
    return { items, unread };
  }

  unreadCount(userId: string): Promise<number> {
    return this.repository.unreadCount(userId);
  }

  async markRead(userId: string, ids: string[] | 'all'): Promise<{ marked: number; unread: number }> {
    const marked = await this.db.transaction(async (tx) => {
      const marked = await this.repository.markRead(tx, userId, ids);
      if (marked)
        await this.audit.record(
          {
            action: 'notification.read',
            entityType: 'notification',
            entityId: ids === 'all' ? null : ids[0],
            after: { ids, marked },
          },
          tx,
        );
      return marked;
    });
    return { marked, unread: await this.repository.unreadCount(userId) };
  }

  async preferences(userId: string): Promise<NotificationPreferencesView> {
    const [stored, chat] = await Promise.all([
      this.repository.preferencesOf([userId]),
      this.repository.telegramChatOf(userId),
    ]);
    return {
      channelsAvailable: { in_app: true, email: this.senders.emailEnabled, telegram: this.senders.telegramEnabled },
      telegramLinked: Boolean(chat),
      preferences: NOTIFICATION_KINDS.map((kind) => ({
        kind,
        channels: stored.find((p) => p.kind === kind)?.channels ?? DEFAULT_NOTIFICATION_CHANNELS,
      })),
    };
  }

  async updatePreferences(userId: string, dto: UpdatePreferencesDto): Promise<NotificationPreferencesView> {
    const before = await this.preferences(userId);
    const unavailable = dto.preferences.flatMap((p, i) =>
      p.channels
        .filter(
          (c) => (c === 'email' && !this.senders.emailEnabled) || (c === 'telegram' && !this.senders.telegramEnabled),
        )
        .map((c) => [`preferences.${i}.channels`, c] as const),
    );
    if (unavailable.length)
      throw ApiError.validation(
        Object.fromEntries(
          unavailable.map(([field, channel]) => [
            field,
            `${channel === 'email' ? 'E-mail' : 'Telegram'} notifications are not set up on this server; ask an administrator.`,
          ]),
        ),
      );
    await this.db.transaction(async (tx) => {
      for (const p of dto.preferences)
        await this.repository.upsertPreference(tx, userId, p.kind, [...new Set(p.channels)]);
      await this.audit.record(
        {
          action: 'update',
          entityType: 'notification_preferences',
          entityId: userId,
          before: before.preferences,
          after: dto.preferences,
        },
        tx,
      );
    });
    return this.preferences(userId);
  }

  async linkTelegram(userId: string, chatId: string | null): Promise<NotificationPreferencesView> {
    if (chatId && !this.senders.telegramEnabled)
      throw ApiError.unprocessable(
        'telegram_not_configured',
        'Telegram notifications are not set up on this server; ask an administrator.',
      );
    await this.db.transaction(async (tx) => {
      await this.repository.linkTelegram(tx, userId, chatId);
      await this.audit.record(
        {
          action: chatId ? 'notification.telegram_linked' : 'notification.telegram_unlinked',
          entityType: 'user',
          entityId: userId,
          after: { chatId },
        },
        tx,
      );
    });
    return this.preferences(userId);
  }
}
