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
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import { TimelineService } from '../timeline/timeline.service.js';
import {
  contactExportDto,
  contactSearchDto,
  importQueryDto,
  createContactDto,
  lookupDto,
  mergeContactsDto,
  updateContactDto,
  type ContactExportDto,
  type ContactSearchDto,
  type CreateContactDto,
  type UpdateContactDto,
} from './contacts.dto.js';
import { ContactsService } from './contacts.service.js';
import { ContactMergeService } from './contact-merge.service.js';
import { ContactTransferService } from './transfer/contact-transfer.service.js';
import { ContactPrivacyService } from './contact-privacy.service.js';
import { contentTypeOf } from '../spreadsheets/spreadsheet-file.js';
import { MAX_UPLOAD_BYTES, uploadedSpreadsheet } from '../spreadsheets/spreadsheet-upload.js';
import { z } from 'zod';
import type { UploadedBlob } from '../common/uploaded-blob.js';

const timelineQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly timeline: TimelineService,
    private readonly merges: ContactMergeService,
    private readonly transfer: ContactTransferService,
    private readonly privacy: ContactPrivacyService,
  ) {}

  /** Fuzzy search (`q`: name, e-mail, or phone digits) and filters, cursor-paged. */
  @Get()
  search(@ValidQuery(contactSearchDto) query: ContactSearchDto) {
    return this.contacts.search(query);
  }

  /** Exact phone lookup (screen-pop): any local or international spelling of the number. */
  @Get('lookup')
  lookup(@ValidQuery(lookupDto) query: z.infer<typeof lookupDto>) {
    return this.contacts.lookup(query.phone);
  }

  /** CSV or XLSX of the contacts matching the search filters (audited as contact.export). */
  @Get('export')
  @RequirePermissions('contacts.export')
  async export(@ValidQuery(contactExportDto) query: ContactExportDto, @Res({ passthrough: true }) res: Response) {
    const file = await this.transfer.export(query);
    res.setHeader('content-type', contentTypeOf(query.format));
    res.setHeader('content-disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('x-row-count', String(file.rows));
    return new StreamableFile(file.content);
  }

  /**
   * Imports contacts from a CSV/XLSX (multipart field `file`, or the raw body as text/csv or the XLSX type).
   * Contacts matched by phone are updated; `?dryRun=true` reports without saving.
   */
  @Post('import')
  @HttpCode(200)
  @RequirePermissions('contacts.import')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES } }))
  import(
    @UploadedFile() file: UploadedBlob | undefined,
    @Req() req: Request,
    @Headers('content-type') contentType: string | undefined,
    @ValidQuery(importQueryDto) query: z.infer<typeof importQueryDto>,
  ) {
    return this.transfer.import(uploadedSpreadsheet(file, req.body, contentType), query.dryRun);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.contacts.get(id);
  }

  @Get(':id/timeline')
  async feed(@Param('id', ParseUUIDPipe) id: string, @ValidQuery(timelineQuery) query: z.infer<typeof timelineQuery>) {
    await this.contacts.get(id);
    return this.timeline.feed({ contactId: id }, query.cursor, query.limit);
  }

  @Post()
  @RequirePermissions('contacts.edit')
  create(@ValidBody(createContactDto) dto: CreateContactDto) {
    return this.contacts.create(dto);
  }

  @Patch(':id')
  @RequirePermissions('contacts.edit')
  update(@Param('id', ParseUUIDPipe) id: string, @ValidBody(updateContactDto) dto: UpdateContactDto) {
    return this.contacts.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('contacts.edit')
  async remove(@Param('id', ParseUUIDPipe) id: string) {
    await this.contacts.remove(id);
  }

  /** Possible duplicates: same e-mail, similar name in the same locality, same company. */
  @Get(':id/duplicates')
  duplicates(@Param('id', ParseUUIDPipe) id: string) {
    return this.merges.duplicatesOf(id);
  }

  /** Merges `duplicateId` into this contact (this one survives). */
  @Post(':id/merge')
  @HttpCode(200)
  @RequirePermissions('contacts.edit')
  merge(@Param('id', ParseUUIDPipe) id: string, @ValidBody(mergeContactsDto) dto: z.infer<typeof mergeContactsDto>) {
    return this.merges.merge(id, dto.duplicateId);
  }

  /** GDPR right of access: everything stored about the person, as JSON. */
  @Get(':id/export')
  @RequirePermissions('contacts.export')
  exportPersonalData(@Param('id', ParseUUIDPipe) id: string) {
    return this.privacy.exportPersonalData(id);
  }

  /** GDPR erasure: irreversible; blanks personal fields and deletes phones and identities. */
  @Post(':id/erase')
  @HttpCode(200)
  @RequirePermissions('contacts.erase')
  erase(@Param('id', ParseUUIDPipe) id: string) {
    return this.privacy.erase(id);
  }
}
