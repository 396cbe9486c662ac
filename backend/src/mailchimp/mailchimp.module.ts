import { Module } from '@nestjs/common';
import { AutomationModule } from '../automation/automation.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { SegmentsModule } from '../segments/segments.module.js';
import { MailchimpClients } from './mailchimp-clients.js';
import { MailchimpSyncService } from './mailchimp-sync.service.js';
import { MailchimpController } from './mailchimp.controller.js';
import { MailchimpWebhookController } from './mailchimp-webhook.controller.js';
import { MailchimpWebhookService } from './mailchimp-webhook.service.js';
import { MailchimpRepository } from './mailchimp.repository.js';
import { MailchimpService } from './mailchimp.service.js';
import { SubscribeInMailchimpAction } from './subscribe-in-mailchimp.action.js';

/**
 * Mailchimp audiences: connection, incremental contact sync, auto-subscribe on stages, segments from the card,
 * campaign reports. Exported: `MailchimpService.subscribeContact(audienceId, contactId, 'automation')` for the
 * automation engine (registered as the `subscribe_mailchimp` rule action) and `MailchimpSyncService.enqueueSync`.
 */
@Module({
  imports: [ContactsModule, ConsultationsModule, SegmentsModule, AutomationModule],
  controllers: [MailchimpController, MailchimpWebhookController],
  providers: [
    MailchimpClients,
    MailchimpRepository,
    MailchimpSyncService,
    MailchimpService,
    MailchimpWebhookService,
    SubscribeInMailchimpAction,
  ],
  exports: [MailchimpService, MailchimpSyncService],
})
export class MailchimpModule {}
