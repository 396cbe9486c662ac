import { Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { ValidBody } from '../common/zod-validation.js';
import {
  createChannelAccountDto,
  updateChannelAccountDto,
  type CreateChannelAccountDto,
  type UpdateChannelAccountDto,
} from './channel-accounts.dto.js';
import { ChannelAccountsService } from './channel-accounts.service.js';
import { EmailInboxPoller } from './email-inbox-poller.js';

/** Connected messaging accounts; secrets are write-only (shown masked). */
@ApiTags('channel accounts')
@ApiBearerAuth()
@Controller('channel-accounts')
@RequirePermissions('settings.manage')
export class ChannelAccountsController {
  constructor(
    private readonly accounts: ChannelAccountsService,
    private readonly emailInbox: EmailInboxPoller,
  ) {}

  @Get()
  list() {
    return this.accounts.list();
  }

  /** The accounts messages can be sent from, without their settings: for marketers choosing a campaign's sender. */
  @Get('senders')
  @RequirePermissions('campaigns.send')
  senders() {
    return this.accounts.senders();
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.accounts.getView(id);
  }

  @Post()
  create(@ValidBody(createChannelAccountDto) dto: CreateChannelAccountDto) {
    return this.accounts.create(dto);
  }

  @Patch(':id')
  update(@Param('id', ParseUUIDPipe) id: string, @ValidBody(updateChannelAccountDto) dto: UpdateChannelAccountDto) {
    return this.accounts.update(id, dto);
  }

  /** E-mail accounts: read the IMAP mailbox now (the worker also does it every EMAIL_POLL_INTERVAL_SECONDS). */
  @Post(':id/poll-inbox')
  pollInbox(@Param('id', ParseUUIDPipe) id: string) {
    return this.emailInbox.pollNow(id);
  }
}
