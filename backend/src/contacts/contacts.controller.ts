import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import { TimelineService } from '../timeline/timeline.service.js';
import {
  contactSearchDto,
  createContactDto,
  lookupDto,
  mergeContactsDto,
  updateContactDto,
  type ContactSearchDto,
  type CreateContactDto,
  type UpdateContactDto,
} from './contacts.dto.js';
import { ContactsService } from './contacts.service.js';
import { ContactMergeService } from './contact-merge.service.js';
import { z } from 'zod';

const timelineQuery = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly timeline: TimelineService,
    private readonly merges: ContactMergeService,
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
}
