import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import {
  companySearchDto,
  createCompanyDto,
  updateCompanyDto,
  type CompanySearchDto,
  type CreateCompanyDto,
  type UpdateCompanyDto,
} from './companies.dto.js';
import { CompaniesService } from './companies.service.js';

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
}
