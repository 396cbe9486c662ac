import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { MergeContextBuilder } from './merge-context.builder.js';
import { MergeDataRepository } from './merge-data.repository.js';
import { MessageTemplatesController } from './message-templates.controller.js';
import { MessageTemplatesRepository } from './message-templates.repository.js';
import { MessageTemplatesService } from './message-templates.service.js';
import { ShippedTemplatesSeed } from './shipped-templates.seed.js';

/** Message templates. Exported: `MessageTemplatesService` (get, preview, forCard), `MergeContextBuilder` (merge data of a contact/card). */
@Module({
  imports: [ConsultationsModule],
  controllers: [MessageTemplatesController],
  providers: [
    MessageTemplatesRepository,
    MergeDataRepository,
    MergeContextBuilder,
    MessageTemplatesService,
    ShippedTemplatesSeed,
  ],
  exports: [MessageTemplatesService, MergeContextBuilder, MergeDataRepository],
})
export class MessageTemplatesModule {}
