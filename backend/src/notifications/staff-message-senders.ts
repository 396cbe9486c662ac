import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { SmtpSender, TelegramChannelAdapter, type InboundRequest } from '@consult-crm/integrations';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

export type StaffMessage = { title: string; body: string; link?: string };

/**
 * E-mail and Telegram copies of notifications, through the integrations' SMTP sender and Telegram adapter (the core
 * never imports a provider SDK). Either is off until configured (NOTIFY_SMTP_HOST, NOTIFY_TELEGRAM_BOT_TOKEN).
 */
@Injectable()
export class StaffMessageSenders implements OnApplicationShutdown {
  private smtp?: SmtpSender;
  private telegram?: TelegramChannelAdapter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get emailEnabled(): boolean {
    return Boolean(this.config.notifications.smtp);
  }

  get telegramEnabled(): boolean {
    return Boolean(this.config.notifications.telegram);
  }

  async sendEmail(to: string, message: StaffMessage): Promise<void> {
    const text = [message.body, message.link].filter(Boolean).join('\n\n');
    await this.smtpSender().send({ to, subject: message.title, text });
  }

  async sendTelegram(chatId: string, message: StaffMessage): Promise<void> {
    const text = [message.title, message.body, message.link].filter(Boolean).join('\n\n');
    await this.telegramSender().send({ to: chatId, text: text.slice(0, 4096) });
  }

  /** A plain reply of the staff bot (to `/start` and `/stop`). */
  async replyTelegram(chatId: string, text: string): Promise<void> {
    await this.telegramSender().send({ to: chatId, text });
  }

  /** The staff bot's webhook call carries NOTIFY_TELEGRAM_WEBHOOK_SECRET (false while either key is unset). */
  verifyTelegramWebhook(req: InboundRequest): boolean {
    if (!this.config.notifications.telegram?.webhookSecret) return false;
    return this.telegramSender().verify(req);
  }

  onApplicationShutdown(): void {
    this.smtp?.close();
  }

  private smtpSender(): SmtpSender {
    const smtp = this.config.notifications.smtp;
    if (!smtp) throw new Error('E-mail notifications are off: set NOTIFY_SMTP_HOST');
    this.smtp ??= new SmtpSender({
      fromAddress: this.config.notifications.emailFrom,
      fromName: this.config.notifications.emailFromName,
      messageIdDomain: this.config.notifications.emailFrom.split('@')[1] ?? 'consult.local',
      smtp,
    });
    return this.smtp;
  }

  private telegramSender(): TelegramChannelAdapter {
    const telegram = this.config.notifications.telegram;
    if (!telegram) throw new Error('Telegram notifications are off: set NOTIFY_TELEGRAM_BOT_TOKEN');
    // Its webhook only carries /start <token> and /stop (verifyTelegramWebhook refuses all while no secret is set).
    this.telegram ??= new TelegramChannelAdapter({
      botToken: telegram.botToken,
      apiRoot: telegram.apiRoot,
      webhookSecretToken: telegram.webhookSecret ?? '',
    });
    return this.telegram;
  }
}
