import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MERGE_FIELDS, countSmsSegments, toGsmSafe } from '@consult-crm/templates';
import { z } from 'zod';
import { CurrentUser, RequirePermissions } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import {
  cardTemplatesQuery,
  createTemplateDto,
  listTemplatesQuery,
  previewTemplateDto,
  updateTemplateDto,
  type CardTemplatesQuery,
  type CreateTemplateDto,
  type ListTemplatesQuery,
  type PreviewTemplateDto,
  type UpdateTemplateDto,
} from './message-templates.dto.js';
import { MessageTemplatesService } from './message-templates.service.js';

const smsCountDto = z.object({ text: z.string().max(10_000), gsmSafe: z.boolean().optional() });

@ApiTags('message-templates')
@ApiBearerAuth()
@Controller()
export class MessageTemplatesController {
  constructor(private readonly templates: MessageTemplatesService) {}

  @Get('message-templates')
  list(@ValidQuery(listTemplatesQuery) query: ListTemplatesQuery) {
    return this.templates.list(query);
  }

  /** The merge fields the editor offers, with labels in ro/ru/en. */
  @Get('message-templates/merge-fields')
  mergeFields() {
    return { fields: MERGE_FIELDS };
  }

  /** The SMS length/segment counter of the editor. */
  @Post('message-templates/sms-count')
  @HttpCode(200)
  smsCount(@ValidBody(smsCountDto) dto: z.infer<typeof smsCountDto>) {
    const text = dto.gsmSafe ? toGsmSafe(dto.text) : dto.text;
    return { text, ...countSmsSegments(text) };
  }

  @Post('message-templates/preview')
  @HttpCode(200)
  preview(@ValidBody(previewTemplateDto) dto: PreviewTemplateDto, @CurrentUser() user: AuthenticatedUser) {
    return this.templates.preview(dto, user);
  }

  @Get('message-templates/:id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.templates.get(id);
  }

  @Post('message-templates')
  @RequirePermissions('templates.manage')
  create(@ValidBody(createTemplateDto) dto: CreateTemplateDto, @CurrentUser() user: AuthenticatedUser) {
    return this.templates.create(dto, user);
  }

  @Patch('message-templates/:id')
  @RequirePermissions('templates.manage')
  update(@Param('id', ParseUUIDPipe) id: string, @ValidBody(updateTemplateDto) dto: UpdateTemplateDto) {
    return this.templates.update(id, dto);
  }

  @Delete('message-templates/:id')
  @HttpCode(204)
  @RequirePermissions('templates.manage')
  async remove(@Param('id', ParseUUIDPipe) id: string) {
    await this.templates.remove(id);
  }

  /** Templates for this card: per purpose and channel, the one its department, pipeline and instruments pick. */
  @Get('cards/:cardId/message-templates')
  forCard(
    @Param('cardId', ParseUUIDPipe) cardId: string,
    @ValidQuery(cardTemplatesQuery) query: CardTemplatesQuery,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.templates.forCard(cardId, query, user);
  }
}
