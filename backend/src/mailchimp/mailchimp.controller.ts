import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermissions } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ValidBody } from '../common/zod-validation.js';
import {
  addToSegmentDto,
  connectAudienceDto,
  testConnectionDto,
  updateAudienceDto,
  type AddToSegmentDto,
  type ConnectAudienceDto,
  type TestConnectionDto,
  type UpdateAudienceDto,
} from './mailchimp.dto.js';
import { MailchimpService } from './mailchimp.service.js';

/** Connected Mailchimp audiences (settings.manage) and the campaign lists marketers pick from (campaigns.send). */
@ApiTags('mailchimp')
@ApiBearerAuth()
@Controller()
export class MailchimpController {
  constructor(private readonly mailchimp: MailchimpService) {}

  @Get('mailchimp/audiences')
  @RequirePermissions('campaigns.send')
  list() {
    return this.mailchimp.list();
  }

  @Post('mailchimp/test-connection')
  @HttpCode(200)
  @RequirePermissions('settings.manage')
  test(@ValidBody(testConnectionDto) dto: TestConnectionDto) {
    return this.mailchimp.testConnection(dto);
  }

  @Post('mailchimp/audiences')
  @RequirePermissions('settings.manage')
  connect(@ValidBody(connectAudienceDto) dto: ConnectAudienceDto) {
    return this.mailchimp.connect(dto);
  }

  @Patch('mailchimp/audiences/:id')
  @RequirePermissions('settings.manage')
  update(@Param('id', ParseUUIDPipe) id: string, @ValidBody(updateAudienceDto) dto: UpdateAudienceDto) {
    return this.mailchimp.update(id, dto);
  }

  /** Queues an incremental sync of the audience and a pull of its campaign reports. */
  @Post('mailchimp/audiences/:id/sync')
  @HttpCode(202)
  @RequirePermissions('campaigns.send')
  sync(@Param('id', ParseUUIDPipe) id: string) {
    return this.mailchimp.startSync(id);
  }

  @Get('mailchimp/audiences/:id/campaigns')
  @RequirePermissions('campaigns.send')
  campaigns(@Param('id', ParseUUIDPipe) id: string) {
    return this.mailchimp.campaigns(id);
  }

  @Get('mailchimp/audiences/:id/segments')
  @RequirePermissions('campaigns.send')
  segments(@Param('id', ParseUUIDPipe) id: string) {
    return this.mailchimp.segments(id);
  }

  /** From the card: add its contact to a campaign's segment (tag) in Mailchimp. */
  @Post('cards/:id/mailchimp-segment')
  @HttpCode(200)
  @RequirePermissions('cards.edit')
  addToSegment(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(addToSegmentDto) dto: AddToSegmentDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.mailchimp.addCardContactToSegment(id, dto, user);
  }
}
