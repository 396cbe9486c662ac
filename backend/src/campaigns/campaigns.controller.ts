import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermissions } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import {
  createCampaignDto,
  recipientsQuery,
  updateCampaignDto,
  type CreateCampaignDto,
  type RecipientsQuery,
  type UpdateCampaignDto,
} from './campaigns.dto.js';
import { CampaignsService } from './campaigns.service.js';

@ApiTags('campaigns')
@ApiBearerAuth()
@RequirePermissions('campaigns.send')
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  list() {
    return this.campaigns.list();
  }

  @Post()
  create(@ValidBody(createCampaignDto) dto: CreateCampaignDto, @CurrentUser() user: AuthenticatedUser) {
    return this.campaigns.create(dto, user);
  }

  /** The campaign with its stats: recipients by status, opens, clicks, unsubscribes, skip reasons. */
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.getWithStats(id);
  }

  @Patch(':id')
  update(@Param('id', ParseUUIDPipe) id: string, @ValidBody(updateCampaignDto) dto: UpdateCampaignDto) {
    return this.campaigns.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string) {
    await this.campaigns.remove(id);
  }

  @Get(':id/recipients')
  recipients(@Param('id', ParseUUIDPipe) id: string, @ValidQuery(recipientsQuery) query: RecipientsQuery) {
    return this.campaigns.recipients(id, query);
  }

  @Post(':id/start')
  @HttpCode(200)
  start(@Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.start(id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  pause(@Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.pause(id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.resume(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id', ParseUUIDPipe) id: string) {
    return this.campaigns.cancel(id);
  }
}
