import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import { SegmentPredicateRegistry } from './segment-predicate.registry.js';
import {
  createSegmentDto,
  previewSegmentDto,
  segmentContactsQuery,
  updateSegmentDto,
  type CreateSegmentDto,
  type UpdateSegmentDto,
} from './segments.dto.js';
import { SegmentsService } from './segments.service.js';

@ApiTags('segments')
@ApiBearerAuth()
@Controller('segments')
export class SegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    private readonly predicates: SegmentPredicateRegistry,
  ) {}

  @Get()
  list() {
    return this.segments.list();
  }

  /** The fields a filter condition may use (built in and registered by other domains). */
  @Get('fields')
  fields() {
    return { fields: ['group', ...this.predicates.fields()] };
  }

  /** Counts an unsaved filter. */
  @Post('preview')
  @HttpCode(200)
  preview(@ValidBody(previewSegmentDto) dto: z.infer<typeof previewSegmentDto>) {
    return this.segments.preview(dto.filter);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.segments.get(id);
  }

  @Get(':id/contacts')
  contacts(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidQuery(segmentContactsQuery) query: z.infer<typeof segmentContactsQuery>,
  ) {
    return this.segments.contactsPage(id, query.limit, query.cursor);
  }

  @Get(':id/count')
  count(@Param('id', ParseUUIDPipe) id: string) {
    return this.segments.count(id);
  }

  @Post()
  @RequirePermissions('contacts.edit')
  create(@ValidBody(createSegmentDto) dto: CreateSegmentDto) {
    return this.segments.create(dto);
  }

  @Patch(':id')
  @RequirePermissions('contacts.edit')
  update(@Param('id', ParseUUIDPipe) id: string, @ValidBody(updateSegmentDto) dto: UpdateSegmentDto) {
    return this.segments.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('contacts.edit')
  async remove(@Param('id', ParseUUIDPipe) id: string) {
    await this.segments.remove(id);
  }
}
