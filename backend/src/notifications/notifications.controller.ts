import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import {
  linkTelegramDto,
  listNotificationsQuery,
  markReadDto,
  updatePreferencesDto,
  type LinkTelegramDto,
  type ListNotificationsQuery,
  type MarkReadDto,
  type UpdatePreferencesDto,
} from './notifications.dto.js';
import { NotificationsService } from './notifications.service.js';
import { StaffTelegramLinkService } from './staff-telegram-link.service.js';

/** The signed-in user's notifications and where they want to receive them. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly telegramLinks: StaffTelegramLinkService,
  ) {}

  @Get('notifications')
  list(@ValidQuery(listNotificationsQuery) query: ListNotificationsQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.notifications.list(user.id, query);
  }

  @Get('notifications/unread-count')
  async unreadCount(@CurrentUser() user: AuthenticatedUser) {
    return { unread: await this.notifications.unreadCount(user.id) };
  }

  @Post('notifications/read')
  @HttpCode(200)
  markRead(@ValidBody(markReadDto) dto: MarkReadDto, @CurrentUser() user: AuthenticatedUser) {
    return this.notifications.markRead(user.id, dto.all ? 'all' : dto.ids!);
  }

  @Get('notification-preferences')
  preferences(@CurrentUser() user: AuthenticatedUser) {
    return this.notifications.preferences(user.id);
  }

  @Put('notification-preferences')
  updatePreferences(
    @ValidBody(updatePreferencesDto) dto: UpdatePreferencesDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.notifications.updatePreferences(user.id, dto);
  }

  /** `{ url, expiresAt }`: the one-time `t.me/<bot>?start=<token>` link that connects the user's Telegram. */
  @Post('telegram-link')
  createTelegramLink(@CurrentUser() user: AuthenticatedUser) {
    return this.telegramLinks.createLink(user.id);
  }

  @Put('telegram-chat')
  linkTelegram(@ValidBody(linkTelegramDto) dto: LinkTelegramDto, @CurrentUser() user: AuthenticatedUser) {
    return this.notifications.linkTelegram(user.id, dto.chatId);
  }

  @Delete('telegram-chat')
  unlinkTelegram(@CurrentUser() user: AuthenticatedUser) {
    return this.notifications.linkTelegram(user.id, null);
  }
}
