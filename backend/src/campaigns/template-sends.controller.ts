import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ValidBody } from '../common/zod-validation.js';
import { templateSendDto, type TemplateSendDto } from './template-sends.dto.js';
import { TemplateSendsService } from './template-sends.service.js';

/** Sending one template to one contact; 202: the message is queued on the contact's conversation. */
@ApiTags('message-templates')
@ApiBearerAuth()
@Controller()
export class TemplateSendsController {
  constructor(private readonly sends: TemplateSendsService) {}

  @Post('cards/:cardId/template-sends')
  @HttpCode(202)
  fromCard(
    @Param('cardId', ParseUUIDPipe) cardId: string,
    @ValidBody(templateSendDto) dto: TemplateSendDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.sends.fromCard(cardId, dto, user);
  }

  @Post('contacts/:contactId/template-sends')
  @HttpCode(202)
  toContact(
    @Param('contactId', ParseUUIDPipe) contactId: string,
    @ValidBody(templateSendDto) dto: TemplateSendDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.sends.send(contactId, dto, user);
  }
}
