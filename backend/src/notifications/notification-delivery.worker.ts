import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { OutboxJobData } from '../conversations/outbox-dispatcher.js';
import { OutboxRepository } from '../conversations/outbox.repository.js';
import { JobQueues } from '../queues/job-queues.js';
import { NotificationsRepository } from './notifications.repository.js';
import type { NotificationRow } from './notifications.schema.js';
import { NOTIFICATION_DELIVERY_QUEUE } from './notifications.service.js';
import { StaffMessageSenders } from './staff-message-senders.js';

/** The `notification-delivery` worker: sends one e-mail or Telegram copy, retried with backoff, and records the outcome. */
@Injectable()
export class NotificationDeliveryWorker implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly jobs: JobQueues,
    private readonly outbox: OutboxRepository,
    private readonly repository: NotificationsRepository,
    private readonly senders: StaffMessageSenders,
  ) {}

  onModuleInit(): void {
    this.jobs.defineWorker(NOTIFICATION_DELIVERY_QUEUE, (job: Job<OutboxJobData>) => this.process(job), {
      concurrency: 4,
    });
  }

  async process(job: Job<OutboxJobData>): Promise<void> {
    const row = await this.outbox.findById(job.data.outboxId);
    if (!row || row.doneAt) return;
    const channel = row.payload.channel as 'email' | 'telegram';
    const notification = await this.repository.findById(String(row.payload.notificationId));
    if (!notification) return void (await this.outbox.markDone(row.id, 'notification deleted'));
    try {
      await this.send(channel, notification);
      await this.repository.recordDelivery(notification.id, channel, { status: 'sent', at: new Date().toISOString() });
      await this.outbox.markDone(row.id);
      this.logger.info({ notificationId: notification.id, channel }, 'notification copy sent');
    } catch (error) {
      const text = (error as Error).message;
      await this.outbox.recordAttempt(row.id, text);
      if (job.attemptsMade + 1 < (job.opts.attempts ?? 1)) throw error;
      await this.repository.recordDelivery(notification.id, channel, {
        status: 'failed',
        at: new Date().toISOString(),
        error: text.slice(0, 500),
      });
      await this.outbox.markDone(row.id, text);
      this.logger.warn({ notificationId: notification.id, channel, err: text }, 'notification copy could not be sent');
    }
  }

  private async send(channel: 'email' | 'telegram', notification: NotificationRow): Promise<void> {
    const link = this.linkOf(notification);
    const message = { title: notification.title, body: notification.body, link };
    if (channel === 'email') {
      const [user] = await this.repository.activeRecipients([notification.userId]);
      if (!user) throw new Error('The user is no longer active');
      return this.senders.sendEmail(user.email, message);
    }
    const chatId = await this.repository.telegramChatOf(notification.userId);
    if (!chatId) throw new Error('The user unlinked their Telegram chat');
    return this.senders.sendTelegram(chatId, message);
  }

  /** A link into the desk for what the notification is about, when PUBLIC_URL is known. */
  private linkOf(notification: NotificationRow): string | undefined {
    const base = this.config.http.publicUrl?.replace(/\/$/, '');
    if (!base || !notification.entityType || !notification.entityId) return undefined;
    const path = { consultation_card: 'cards', task: 'tasks', call: 'calls', conversation: 'inbox' }[
      notification.entityType
    ];
    return path ? `${base}/${path}/${notification.entityId}` : undefined;
  }
}
