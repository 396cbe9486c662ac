import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermissions } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import {
  listCallsQuerySchema,
  originateSchema,
  telephonySettingsSchema,
  type ListCallsQuery,
  type OriginateDto,
  type TelephonySettingsDto,
} from './calls.dto.js';
import { CallsService } from './calls.service.js';

@ApiTags('calls')
@Controller()
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Get('calls')
  list(@ValidQuery(listCallsQuerySchema) query: ListCallsQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.calls.list(query, user);
  }

  @Post('calls/originate')
  @HttpCode(202)
  originate(@ValidBody(originateSchema) dto: OriginateDto, @CurrentUser() user: AuthenticatedUser) {
    return this.calls.originate(dto, user);
  }

  @Get('calls/:id')
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.calls.get(id, user);
  }

  @Get('telephony/settings')
  getSettings() {
    return this.calls.getSettings();
  }

  @Put('telephony/settings')
  @RequirePermissions('settings.manage')
  updateSettings(@ValidBody(telephonySettingsSchema) dto: TelephonySettingsDto) {
    return this.calls.updateSettings(dto);
  }
}
