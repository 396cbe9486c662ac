import { Bot, InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import type {
  ChannelAdapter,
  FetchedAttachment,
  InboundRequest,
  NormalizedAttachment,
  OutboundAttachment,
  OutboundMessage,
  ParsedWebhook,
  SendResult,
} from '../channel-adapter.js';
import { headerValue, jsonBody, safeEqual, stripTrailingSlash } from '../shared/request-helpers.js';
import { TELEGRAM_DEFAULT_API_ROOT, type TelegramConfig } from './telegram-config.js';
import { parseTelegramUpdate, telegramMessageId } from './telegram-update-parser.js';

export const TELEGRAM_SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export class TelegramChannelAdapter implements ChannelAdapter {
  readonly channel = 'telegram' as const;
  private readonly bot: Bot;
  private readonly apiRoot: string;

  constructor(private readonly config: TelegramConfig) {
    this.apiRoot = stripTrailingSlash(config.apiRoot ?? TELEGRAM_DEFAULT_API_ROOT);
    this.bot = new Bot(config.botToken, { client: { apiRoot: this.apiRoot } });
  }

  verify(req: InboundRequest): boolean {
    return safeEqual(this.config.webhookSecretToken, headerValue(req, TELEGRAM_SECRET_HEADER));
  }

  parse(req: InboundRequest): ParsedWebhook {
    const update = jsonBody(req) as Parameters<typeof parseTelegramUpdate>[0];
    return { messages: parseTelegramUpdate(update), statuses: [] };
  }

  async send(msg: OutboundMessage): Promise<SendResult> {
    const replyTo = replyParameters(msg.inReplyTo);
    const attachments = msg.attachments ?? [];
    const sent: Message[] = [];
    if (attachments.length === 0) {
      sent.push(await this.bot.api.sendMessage(msg.to, msg.text ?? '', replyTo));
    }
    for (const [index, attachment] of attachments.entries()) {
      const caption = index === 0 ? msg.text : undefined;
      sent.push(
        await this.bot.api.sendDocument(msg.to, documentInput(attachment), {
          ...(index === 0 ? replyTo : {}),
          ...(caption ? { caption } : {}),
        }),
      );
    }
    const first = sent[0];
    return { providerMessageId: telegramMessageId(first.chat.id, first.message_id) };
  }

  async fetchAttachment(attachment: NormalizedAttachment): Promise<FetchedAttachment> {
    if (!attachment.providerFileId) throw new Error('Telegram attachment has no providerFileId to download');
    const file = await this.bot.api.getFile(attachment.providerFileId);
    if (!file.file_path) throw new Error(`Telegram returned no file_path for ${attachment.providerFileId}`);
    const url = `${this.apiRoot}/file/bot${this.config.botToken}/${file.file_path}`;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Telegram file download failed with HTTP ${response.status}`);
    const content = Buffer.from(await response.arrayBuffer());
    return { content, mimeType: attachment.mimeType ?? response.headers.get('content-type') ?? undefined };
  }
}

/** inReplyTo is our "<chatId>:<messageId>" id. */
function replyParameters(inReplyTo: string | undefined): { reply_parameters?: { message_id: number } } {
  const messageId = Number(inReplyTo?.split(':').pop());
  return Number.isInteger(messageId) && messageId > 0 ? { reply_parameters: { message_id: messageId } } : {};
}

function documentInput(attachment: OutboundAttachment): InputFile | string {
  if (attachment.content) return new InputFile(attachment.content, attachment.fileName);
  if (attachment.url) return attachment.url;
  throw new Error('Outbound Telegram attachment needs content or url');
}
