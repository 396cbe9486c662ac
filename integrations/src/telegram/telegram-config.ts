export type TelegramConfig = {
  /** Bot token from @BotFather. */
  botToken: string;
  /** The `secret_token` given to setWebhook; Telegram echoes it in X-Telegram-Bot-Api-Secret-Token. */
  webhookSecretToken: string;
  /** Bot API server; defaults to https://api.telegram.org (override for a local Bot API server or tests). */
  apiRoot?: string;
};

export const TELEGRAM_DEFAULT_API_ROOT = 'https://api.telegram.org';
