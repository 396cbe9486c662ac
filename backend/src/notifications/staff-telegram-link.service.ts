import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { InboundRequest } from '@consult-crm/integrations';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { NotificationsRepository } from './notifications.repository.js';
import { StaffMessageSenders } from './staff-message-senders.js';
import { staffTelegramLocale, staffTelegramReply, type StaffTelegramReply } from './staff-telegram-replies.js';
import { StaffTelegramRepository } from './staff-telegram.repository.js';

export const TELEGRAM_LINK_TTL_MS = 15 * 60_000;
/** Telegram retries an unanswered webhook for at most a day; update ids older than this are forgotten. */
const UPDATE_MEMORY_MS = 2 * 24 * 3_600_000;

/** The part of a Telegram Update the staff bot reads (https://core.telegram.org/bots/api#update). */
type StaffBotUpdate = {
  update_id?: unknown;
  message?: {
    text?: string;
    chat?: { id?: number; type?: string };
    from?: { id?: number; language_code?: string };
  };
};

export type TelegramLinkOffer = { url: string; expiresAt: string };
export type StaffBotOutcome = 'linked' | 'invalid_token' | 'unlinked' | 'not_linked' | 'duplicate' | 'ignored';

/**
 * "Connect Telegram": the desk asks for a one-time `t.me/<bot>?start=<token>` link; the user presses Start, Telegram
 * sends `/start <token>` to the staff bot's webhook and that chat becomes the user's. `/stop` unlinks the chat.
 */
@Injectable()
export class StaffTelegramLinkService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDatabase() private readonly db: Database,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly repository: StaffTelegramRepository,
    private readonly chats: NotificationsRepository,
    private readonly senders: StaffMessageSenders,
    private readonly audit: AuditService,
  ) {}

  /** A new link for the user (the previous one stops working). Only the token's hash is stored. */
  async createLink(userId: string, now = new Date()): Promise<TelegramLinkOffer> {
    const telegram = this.config.notifications.telegram;
    const missing = [
      !telegram && 'NOTIFY_TELEGRAM_BOT_TOKEN',
      !telegram?.botUsername && 'NOTIFY_TELEGRAM_BOT_USERNAME',
      !telegram?.webhookSecret && 'NOTIFY_TELEGRAM_WEBHOOK_SECRET',
    ].filter((key): key is string => Boolean(key));
    if (!telegram?.botUsername || missing.length)
      throw ApiError.unprocessable(
        'telegram_not_configured',
        `Telegram notifications are not set up on this server; an administrator must set ${missing.join(', ')} ` +
          '(and register the bot webhook, see docs/automation.md).',
        undefined,
        { missing },
      );
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + TELEGRAM_LINK_TTL_MS);
    await this.repository.replaceLinkToken(userId, hashOf(token), expiresAt);
    this.logger.info({ userId }, 'telegram link created');
    return { url: `https://t.me/${telegram.botUsername}?start=${token}`, expiresAt: expiresAt.toISOString() };
  }

  verify(req: InboundRequest): boolean {
    return this.senders.verifyTelegramWebhook(req);
  }

  /** Handles one verified update; the same `update_id` twice changes nothing and is not answered again. */
  async handleUpdate(update: StaffBotUpdate, now = new Date()): Promise<StaffBotOutcome> {
    const command = commandOf(update);
    if (!command) return 'ignored';
    const { updateId, chatId, language } = command;
    const result = await this.db.transaction(async (tx) => {
      if (!(await this.repository.recordUpdate(tx, updateId))) return { outcome: 'duplicate' as const };
      await this.repository.forgetUpdatesBefore(tx, new Date(now.getTime() - UPDATE_MEMORY_MS));
      if (command.name === 'stop') {
        const userIds = await this.repository.unlinkChat(tx, chatId);
        if (!userIds.length) return { outcome: 'not_linked' as const };
        for (const userId of userIds) await this.recordLink(tx, userId, null);
        return { outcome: 'unlinked' as const, userId: userIds[0] };
      }
      if (command.token === undefined) return { outcome: 'not_linked' as const };
      const wellFormed = /^[A-Za-z0-9_-]{1,64}$/.test(command.token);
      const taken = wellFormed ? await this.repository.takeLinkToken(tx, hashOf(command.token)) : undefined;
      if (!taken || taken.expiresAt.getTime() <= now.getTime()) return { outcome: 'invalid_token' as const };
      await this.chats.linkTelegram(tx, taken.userId, chatId);
      await this.recordLink(tx, taken.userId, chatId);
      return { outcome: 'linked' as const, userId: taken.userId };
    });
    this.logger.info({ updateId, outcome: result.outcome, userId: result.userId }, 'staff telegram update');
    if (result.outcome === 'duplicate') return result.outcome;
    const userLocale = result.userId ? await this.repository.localeOf(this.db, result.userId) : undefined;
    await this.reply(chatId, REPLY_OF[result.outcome], staffTelegramLocale(userLocale, language), updateId);
    return result.outcome;
  }

  private async recordLink(tx: DatabaseExecutor, userId: string, chatId: string | null) {
    await this.audit.record(
      {
        action: chatId ? 'notification.telegram_linked' : 'notification.telegram_unlinked',
        entityType: 'user',
        entityId: userId,
        after: { chatId, via: 'telegram_bot' },
        actor: { userId, label: 'telegram:staff-bot' },
      },
      tx,
    );
  }

  /** After the commit: a failed reply is logged, never undoes the link (Telegram's retry would be a duplicate). */
  private async reply(
    chatId: string,
    reply: StaffTelegramReply,
    locale: ReturnType<typeof staffTelegramLocale>,
    updateId: number,
  ) {
    try {
      await this.senders.replyTelegram(chatId, staffTelegramReply(reply, locale));
    } catch (error) {
      this.logger.warn({ updateId, err: error }, 'staff telegram reply failed');
    }
  }
}

const REPLY_OF: Record<Exclude<StaffBotOutcome, 'duplicate' | 'ignored'>, StaffTelegramReply> = {
  linked: 'linked',
  invalid_token: 'invalidToken',
  unlinked: 'unlinked',
  not_linked: 'notLinked',
};

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** `/start <token>` or `/stop` in a private chat; anything else is not for this bot. */
function commandOf(
  update: StaffBotUpdate,
): { name: 'start' | 'stop'; token?: string; updateId: number; chatId: string; language?: string } | undefined {
  const message = update.message;
  if (!Number.isSafeInteger(update.update_id) || !message) return undefined;
  if (message.chat?.type !== 'private' || !Number.isSafeInteger(message.chat.id)) return undefined;
  const match = /^\/(start|stop)(?:@\w+)?(?:\s+(\S+))?\s*$/.exec(message.text?.trim() ?? '');
  if (!match) return undefined;
  return {
    name: match[1] as 'start' | 'stop',
    token: match[2],
    updateId: update.update_id as number,
    chatId: String(message.chat.id),
    language: message.from?.language_code,
  };
}
