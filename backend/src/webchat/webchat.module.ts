import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { WebchatController } from './webchat.controller.js';
import { WebchatGateway } from './webchat.gateway.js';
import { WebchatNotifier } from './webchat-notifier.js';
import { WebchatService } from './webchat.service.js';
import { WidgetScripts } from './widget-scripts.js';

/** The embeddable web chat (namespace /webchat, /widget/chat.js) and the lead-form script. */
@Module({
  imports: [ConversationsModule],
  controllers: [WebchatController],
  providers: [WebchatService, WebchatNotifier, WebchatGateway, WidgetScripts],
})
export class WebchatModule {}
