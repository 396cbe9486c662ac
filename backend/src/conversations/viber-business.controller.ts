import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ValidBody } from '../common/zod-validation.js';
import { viberBusinessMessageDto, type ViberBusinessMessageDto } from './conversations.dto.js';
import { ViberBusinessService } from './viber-business.service.js';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller()
export class ViberBusinessController {
  constructor(private readonly viber: ViberBusinessService) {}

  /** A Viber business message to a contact who never wrote; re-sent by SMS when not delivered in time (202). */
  @Post('contacts/:id/viber-business-message')
  @HttpCode(202)
  send(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(viberBusinessMessageDto) dto: ViberBusinessMessageDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.viber.send(id, dto, user);
  }
}
