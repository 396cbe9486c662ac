import { Module } from '@nestjs/common';
import { AutomationModule } from '../automation/automation.module.js';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { MessageTemplatesModule } from '../message-templates/message-templates.module.js';
import { SegmentsModule } from '../segments/segments.module.js';
import { CampaignAudience } from './campaign-audience.js';
import { CampaignEvents } from './campaign-events.js';
import { CampaignMessageComposer } from './campaign-message.composer.js';
import { CampaignRecipientSender } from './campaign-recipient.sender.js';
import { CampaignScheduler } from './campaign-scheduler.js';
import { CampaignSendWorker } from './campaign-send.worker.js';
import { CampaignTrackingService } from './campaign-tracking.service.js';
import { CampaignsController } from './campaigns.controller.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CampaignsService } from './campaigns.service.js';
import { TemplateSendsController } from './template-sends.controller.js';
import { SendStoredTemplateAction } from './send-stored-template.action.js';
import { TemplateSendsService } from './template-sends.service.js';
import { SmsKeywordSubscriber } from './sms-keyword.subscriber.js';
import { TrackingController } from './tracking.controller.js';
import { TrackingTokens } from './tracking-tokens.js';

/**
 * Template sends to one contact, mass campaigns to saved segments, e-mail tracking and unsubscribe.
 * Consumes `message.received` for SMS STOP/START keywords (consent). Exported: `CampaignEvents` (onEmailOpened, onLinkClicked, onUnsubscribed); registers the `send_stored_template`
 * automation action.
 */
@Module({
  imports: [
    ContactsModule,
    ConversationsModule,
    MessageTemplatesModule,
    SegmentsModule,
    ConsultationsModule,
    AutomationModule,
  ],
  controllers: [CampaignsController, TemplateSendsController, TrackingController],
  providers: [
    CampaignsRepository,
    CampaignsService,
    CampaignScheduler,
    CampaignAudience,
    CampaignRecipientSender,
    CampaignSendWorker,
    CampaignMessageComposer,
    CampaignTrackingService,
    CampaignEvents,
    TemplateSendsService,
    TrackingTokens,
    SendStoredTemplateAction,
    SmsKeywordSubscriber,
  ],
  exports: [CampaignEvents, TemplateSendsService],
})
export class CampaignsModule {}
