import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { LeadRateLimiter } from './lead-rate-limiter.js';
import { LeadsController } from './leads.controller.js';
import { LeadsService } from './leads.service.js';

/** Landing-page leads (POST /api/leads) and the embeddable form's token. */
@Module({ imports: [ConversationsModule], controllers: [LeadsController], providers: [LeadsService, LeadRateLimiter] })
export class LeadsModule {}
