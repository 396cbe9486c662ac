import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import { linkContactDto } from './contacts.dto.js';
import { CompanyContactsService } from './company-contacts.service.js';

const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The people of a company. Lives with contacts: linking is a contact change (contacts depend on companies). */
@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies/:id/contacts')
export class CompanyContactsController {
  constructor(private readonly companyContacts: CompanyContactsService) {}

  @Get()
  list(@Param('id', ParseUUIDPipe) id: string, @ValidQuery(pageQuery) query: z.infer<typeof pageQuery>) {
    return this.companyContacts.list(id, query.limit, query.cursor);
  }

  @Post()
  @HttpCode(200)
  @RequirePermissions('contacts.edit')
  link(@Param('id', ParseUUIDPipe) id: string, @ValidBody(linkContactDto) dto: z.infer<typeof linkContactDto>) {
    return this.companyContacts.link(id, dto.contactId);
  }

  @Delete(':contactId')
  @RequirePermissions('contacts.edit')
  unlink(@Param('id', ParseUUIDPipe) id: string, @Param('contactId', ParseUUIDPipe) contactId: string) {
    return this.companyContacts.unlink(id, contactId);
  }
}
