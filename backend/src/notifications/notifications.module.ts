import { Module } from '@nestjs/common';
import { NotificationDeliveryWorker } from './notification-delivery.worker.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { StaffMessageSenders } from './staff-message-senders.js';

/** Staff notifications (in-app, e-mail, Telegram). Exported: `NotificationsService.notify`. */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, StaffMessageSenders, NotificationDeliveryWorker],
  exports: [NotificationsService, NotificationsRepository],
})
export class NotificationsModule {}
