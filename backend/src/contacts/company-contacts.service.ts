import { Injectable } from '@nestjs/common';
import { ApiError } from '../common/api-error.js';
import { CompaniesService } from '../companies/companies.service.js';
import type { ContactView } from './contact-view.js';
import { ContactsService } from './contacts.service.js';

/** Which contacts belong to a company; linking and unlinking are audited contact updates. */
@Injectable()
export class CompanyContactsService {
  constructor(
    private readonly companies: CompaniesService,
    private readonly contacts: ContactsService,
  ) {}

  async list(
    companyId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: ContactView[]; nextCursor: string | null }> {
    await this.companies.get(companyId);
    return this.contacts.search({ companyId, limit, cursor });
  }

  async link(companyId: string, contactId: string): Promise<ContactView> {
    await this.companies.get(companyId);
    return this.contacts.update(contactId, { companyId });
  }

  async unlink(companyId: string, contactId: string): Promise<ContactView> {
    const contact = await this.contacts.get(contactId);
    if (contact.companyId !== companyId) throw ApiError.notFound('A link between this company and contact', contactId);
    return this.contacts.update(contactId, { companyId: null });
  }
}
