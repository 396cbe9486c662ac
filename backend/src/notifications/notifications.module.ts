import { Module } from '@nestjs/common';
import { NotificationDeliveryWorker } from './notification-delivery.worker.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { StaffMessageSenders } from './staff-message-senders.js';
import { StaffTelegramLinkService } from './staff-telegram-link.service.js';
import { StaffTelegramWebhookController } from './staff-telegram-webhook.controller.js';
import { StaffTelegramRepository } from './staff-telegram.repository.js';

/** Staff notifications (in-app, e-mail, Telegram). Exported: `NotificationsService.notify`. */
@Module({
  controllers: [NotificationsController, StaffTelegramWebhookController],
  providers: [
    NotificationsRepository,
    NotificationsService,
    StaffMessageSenders,
    NotificationDeliveryWorker,
    StaffTelegramRepository,
    StaffTelegramLinkService,
  ],
  exports: [NotificationsService, NotificationsRepository],
})
export class NotificationsModule {}
