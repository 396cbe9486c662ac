import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { LocalAttachmentStore } from '../conversations/attachment-store.js';
import { CardFilesController } from './card-files.controller.js';
import { CardFilesRepository } from './card-files.repository.js';
import { CardFilesService } from './card-files.service.js';

/** Documents uploaded to consultation cards (the values of `file` fields), stored beside message attachments. */
@Module({
  imports: [ConsultationsModule],
  controllers: [CardFilesController],
  providers: [CardFilesRepository, CardFilesService, LocalAttachmentStore],
})
export class CardFilesModule {}
