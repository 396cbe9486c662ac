import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import {
  companySearchDto,
  createCompanyDto,
  linkContactDto,
  updateCompanyDto,
  type CompanySearchDto,
  type CreateCompanyDto,
  type UpdateCompanyDto,
} from './companies.dto.js';
import { CompaniesService } from './companies.service.js';

const pageQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  /** Trigram search by name (`q`, or IDNO digits) and filters. */
  @Get()
  search(@ValidQuery(companySearchDto) query: CompanySearchDto) {
    return this.companies.search(query);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.companies.get(id);
  }

  @Post()
  @RequirePermissions('contacts.edit')
  create(@ValidBody(createCompanyDto) dto: CreateCompanyDto) {
    return this.companies.create(dto);
  }

  @Patch(':id')
  @RequirePermissions('contacts.edit')
  update(@Param('id', ParseUUIDPipe) id: string, @ValidBody(updateCompanyDto) dto: UpdateCompanyDto) {
    return this.companies.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('contacts.edit')
  async remove(@Param('id', ParseUUIDPipe) id: string) {
    await this.companies.remove(id);
  }

  @Get(':id/contacts')
  contacts(@Param('id', ParseUUIDPipe) id: string, @ValidQuery(pageQuery) query: z.infer<typeof pageQuery>) {
    return this.companies.contactsOf(id, query.limit, query.cursor);
  }

  @Post(':id/contacts')
  @HttpCode(200)
  @RequirePermissions('contacts.edit')
  link(@Param('id', ParseUUIDPipe) id: string, @ValidBody(linkContactDto) dto: z.infer<typeof linkContactDto>) {
    return this.companies.linkContact(id, dto.contactId);
  }

  @Delete(':id/contacts/:contactId')
  @RequirePermissions('contacts.edit')
  unlink(@Param('id', ParseUUIDPipe) id: string, @Param('contactId', ParseUUIDPipe) contactId: string) {
    return this.companies.unlinkContact(id, contactId);
  }
}
