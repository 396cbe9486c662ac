import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { NormalizedAttachment } from '@consult-crm/integrations';
import { ApiError } from '../common/api-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { LocalAttachmentStore } from '../conversations/attachment-store.js';
import { ChannelAccountsService } from '../conversations/channel-accounts.service.js';
import { ChannelAdapters } from '../conversations/channel-adapters.js';
import { ConversationEvents } from '../conversations/conversation-events.js';
import type { ChannelAccountRow } from '../conversations/conversations.schema.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { InboundMessagesService } from '../conversations/inbound-messages.service.js';
import { issueVisitorToken, verifyVisitorToken } from './visitor-token.js';
import { WebchatChannelAdapter } from './webchat-channel-adapter.js';
import { WebchatNotifier } from './webchat-notifier.js';
import { WEBCHAT_EVENTS } from './webchat-rooms.js';
import type { WebchatMessageInput } from './webchat.dto.js';
import type { UploadedBlob } from '../common/uploaded-blob.js';

/** What a visitor may upload: pictures, documents, audio. */
const UPLOAD_TYPES =
  /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain|audio\/(ogg|mpeg|mp4|webm|wav)|application\/(msword|vnd\.openxmlformats-officedocument\.[\w.]+|vnd\.ms-excel|vnd\.oasis\.opendocument\.[\w.]+))$/;

/** The web chat: visitors identified by a signed id, their messages stored like any channel's. */
@Injectable()
export class WebchatService implements OnModuleInit {
  private readonly visitorKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: ChannelAccountsService,
    private readonly adapters: ChannelAdapters,
    private readonly conversations: ConversationsRepository,
    private readonly inbound: InboundMessagesService,
    private readonly events: ConversationEvents,
    private readonly store: LocalAttachmentStore,
    private readonly notifier: WebchatNotifier,
  ) {
    this.visitorKey = accounts.derivedKey('webchat-visitor');
  }

  onModuleInit(): void {
    this.adapters.registerLocal('webchat', (_config, account) => new WebchatChannelAdapter(account.id, this.notifier));
    this.events.onTyping((conversation, payload) => {
      if (conversation.channel === 'webchat')
        this.notifier.toVisitor(conversation.channelAccountId, conversation.providerChatId, WEBCHAT_EVENTS.typing, {
          typing: payload.typing !== false,
          from: 'agent',
        });
    });
  }

  async account(token: unknown): Promise<ChannelAccountRow | undefined> {
    if (typeof token !== 'string' || token.length > 100) return undefined;
    const account = await this.accounts.byWebhookToken(token);
    return account?.provider === 'webchat' && account.active ? account : undefined;
  }

  /** The visitor of a valid token, or a new visitor. */
  identify(visitorToken: unknown): { visitorId: string; token: string } {
    const visitorId = verifyVisitorToken(this.visitorKey, visitorToken);
    return visitorId ? { visitorId, token: visitorToken as string } : issueVisitorToken(this.visitorKey);
  }

  visitorOf(visitorToken: unknown): string | undefined {
    return verifyVisitorToken(this.visitorKey, visitorToken);
  }

  async history(account: ChannelAccountRow, visitorId: string) {
    const conversation = await this.conversations.findOpen(account.id, visitorId);
    if (!conversation) return [];
    const rows = await this.conversations.listMessages(conversation.id, undefined, 50);
    return rows.reverse().map((m) => ({
      id: m.id,
      direction: m.direction,
      text: m.text,
      attachments: m.attachments.map((a) => ({ kind: a.kind, fileName: a.fileName, mimeType: a.mimeType })),
      at: m.createdAt.toISOString(),
    }));
  }

  async receive(
    account: ChannelAccountRow,
    visitorId: string,
    input: WebchatMessageInput,
  ): Promise<{ messageId: string; duplicate: boolean }> {
    const attachments: NormalizedAttachment[] = [];
    for (const a of input.attachments ?? []) {
      if (!a.storageKey.startsWith(`webchat/${visitorId}/`))
        throw ApiError.validation({ attachments: 'Upload the file again.' });
      attachments.push({
        kind: a.mimeType.startsWith('image/') ? 'image' : a.mimeType.startsWith('audio/') ? 'audio' : 'file',
        mimeType: a.mimeType,
        fileName: a.fileName,
        sizeBytes: a.sizeBytes,
        storageKey: a.storageKey,
      } as NormalizedAttachment);
    }
    const result = await this.inbound.ingest(
      account,
      {
        channel: 'webchat',
        providerMessageId: input.clientMessageId ?? randomUUID(),
        providerChatId: visitorId,
        sender: { providerUserId: visitorId, name: input.name, phone: input.phone, email: input.email },
        text: input.text,
        attachments,
        sentAt: new Date(),
      },
      { canFetchAttachments: false },
    );
    return { messageId: result.messageId, duplicate: result.duplicate };
  }

  async visitorTyping(account: ChannelAccountRow, visitorId: string, typing: boolean): Promise<void> {
    const conversation = await this.conversations.findOpen(account.id, visitorId);
    if (conversation) this.events.typing(conversation, { from: 'visitor', typing });
  }

  async upload(account: ChannelAccountRow, visitorId: string, file: UploadedBlob | undefined) {
    if (!file) throw ApiError.validation({ file: 'Choose a file to send.' });
    if (file.size > this.config.messaging.webchatMaxUploadBytes)
      throw ApiError.validation({
        file: `The file is larger than ${Math.round(this.config.messaging.webchatMaxUploadBytes / 1048576)} MB.`,
      });
    if (!UPLOAD_TYPES.test(file.mimetype))
      throw ApiError.validation({ file: 'Send a picture, a PDF, an office document or an audio file.' });
    const storageKey = `webchat/${visitorId}/${randomUUID()}`;
    await this.store.put(storageKey, file.buffer);
    return {
      storageKey,
      fileName: file.originalname.slice(0, 200),
      mimeType: file.mimetype,
      sizeBytes: file.size,
      accountId: account.id,
    };
  }
}
