import {
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { contentTypeOf } from '../spreadsheets/spreadsheet-file.js';
import { MAX_UPLOAD_BYTES, uploadedSpreadsheet } from '../spreadsheets/spreadsheet-upload.js';
import { CompanyTransferService } from './transfer/company-transfer.service.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import {
  companyExportDto,
  companyImportQueryDto,
  companySearchDto,
  createCompanyDto,
  updateCompanyDto,
  type CompanyExportDto,
  type CompanySearchDto,
  type CreateCompanyDto,
  type UpdateCompanyDto,
} from './companies.dto.js';
import { CompaniesService } from './companies.service.js';
import type { UploadedBlob } from '../common/uploaded-blob.js';

@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly transfer: CompanyTransferService,
  ) {}

  /** Trigram search by name (`q`, or IDNO digits) and filters. */
  @Get()
  search(@ValidQuery(companySearchDto) query: CompanySearchDto) {
    return this.companies.search(query);
  }

  /** CSV or XLSX of the companies matching the filters (needs contacts.export; audited as company.export). */
  @Get('export')
  @RequirePermissions('contacts.export')
  async export(@ValidQuery(companyExportDto) query: CompanyExportDto, @Res({ passthrough: true }) res: Response) {
    const file = await this.transfer.export(query);
    res.setHeader('content-type', contentTypeOf(query.format));
    res.setHeader('content-disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('x-row-count', String(file.rows));
    return new StreamableFile(file.content);
  }

  /** Imports companies from CSV/XLSX (multipart `file` or raw body); the same IDNO updates; `?dryRun=true` saves nothing. */
  @Post('import')
  @HttpCode(200)
  @RequirePermissions('contacts.import')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES } }))
  import(
    @UploadedFile() file: UploadedBlob | undefined,
    @Req() req: Request,
    @Headers('content-type') contentType: string | undefined,
    @ValidQuery(companyImportQueryDto) query: z.infer<typeof companyImportQueryDto>,
  ) {
    return this.transfer.import(uploadedSpreadsheet(file, req.body, contentType), query.dryRun);
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
