import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { rawSpreadsheetBody } from '../spreadsheets/spreadsheet-upload.js';
import { ContactTransferService } from './transfer/contact-transfer.service.js';
import { ContactPrivacyService } from './contact-privacy.service.js';
import { ContactConsentRepository } from './contact-consent.repository.js';
import { ContactConsentService } from './contact-consent.service.js';
import { ContactsDemoSeed } from './demo/contacts-demo.seed.js';
import { CompaniesModule } from '../companies/companies.module.js';
import { CompanyContactsController } from './company-contacts.controller.js';
import { CompanyContactsService } from './company-contacts.service.js';
import { ContactMergeRegistry } from './contact-merge.registry.js';
import { ContactMergeRepository } from './contact-merge.repository.js';
import { ContactMergeService } from './contact-merge.service.js';
import { ContactsController } from './contacts.controller.js';
import { ContactsRepository } from './contacts.repository.js';
import { ContactsService } from './contacts.service.js';

/**
 * Contacts. Exported for other domains: `ContactsService` (findByPhone, findOrCreateByPhone,
 * findOrCreateByChannelIdentity, get), `ContactMergeRegistry` (register a participant that follows merges) and
 * `ContactConsentService` (consent given or withdrawn through a channel: audited, on the timeline).
 */
@Module({
  imports: [CompaniesModule],
  controllers: [ContactsController, CompanyContactsController],
  providers: [
    ContactsRepository,
    ContactsService,
    ContactMergeRegistry,
    ContactMergeRepository,
    ContactMergeService,
    CompanyContactsService,
    ContactTransferService,
    ContactPrivacyService,
    ContactsDemoSeed,
    ContactConsentRepository,
    ContactConsentService,
  ],
  exports: [ContactsService, ContactMergeRegistry, ContactConsentService],
})
export class ContactsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(rawSpreadsheetBody).forRoutes({ path: 'contacts/import', method: RequestMethod.POST });
  }
}
