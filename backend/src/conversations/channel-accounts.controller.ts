import { Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { ValidBody } from '../common/zod-validation.js';
import { createChannelAccountDto, updateChannelAccountDto, type CreateChannelAccountDto, type UpdateChannelAccountDto } from './channel-accounts.dto.js';
import { ChannelAccountsService } from './channel-accounts.service.js';

/** Connected messaging accounts; secrets are write-only (shown masked). */
@ApiTags('channel accounts')
@ApiBearerAuth()
@Controller('channel-accounts')
@RequirePermissions('settings.manage')
export class ChannelAccountsController {
  constructor(private readonly accounts: ChannelAccountsService) {}

  @Get()
  list() {
    return this.accounts.list();
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
}
