import { Module } from '@nestjs/common';
import { ContactMergeRegistry } from './contact-merge.registry.js';
import { ContactMergeRepository } from './contact-merge.repository.js';
import { ContactMergeService } from './contact-merge.service.js';
import { ContactsController } from './contacts.controller.js';
import { ContactsRepository } from './contacts.repository.js';
import { ContactsService } from './contacts.service.js';

/**
 * Contacts. Exported for other domains: `ContactsService` (findByPhone, findOrCreateByPhone,
 * findOrCreateByChannelIdentity, get) and `ContactMergeRegistry` (register a participant that follows merges).
 */
@Module({
  controllers: [ContactsController],
  providers: [ContactsRepository, ContactsService, ContactMergeRegistry, ContactMergeRepository, ContactMergeService],
  exports: [ContactsService, ContactMergeRegistry],
})
export class ContactsModule {}
