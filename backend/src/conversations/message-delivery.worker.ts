import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { OutboundAttachment, OutboundMessage } from '@consult-crm/integrations';
import { DelayedError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import { JobQueues } from '../queues/job-queues.js';
import { LocalAttachmentStore } from './attachment-store.js';
import { ChannelAccountsService } from './channel-accounts.service.js';
import { ConversationEvents } from './conversation-events.js';
import type { MessageRow, StoredAttachment } from './conversations.schema.js';
import { ConversationsRepository } from './conversations.repository.js';
import { OUTBOUND_MESSAGES_QUEUE, type OutboxJobData } from './outbox-dispatcher.js';
import { OutboxRepository } from './outbox.repository.js';
import { SendRateLimiter } from './send-rate-limiter.js';

const SEND_ATTEMPTS = 5;

/**
 * The `outbound-messages` worker: takes a token from the account's rate bucket (or waits), sends through the adapter,
 * records sent/failed and tells the desk (`conversation:status`). Retries with exponential backoff.
 */
@Injectable()
export class MessageDeliveryWorker implements OnModuleInit {
  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly jobs: JobQueues,
    private readonly accounts: ChannelAccountsService,
    private readonly conversations: ConversationsRepository,
    private readonly outbox: OutboxRepository,
    private readonly limiter: SendRateLimiter,
    private readonly events: ConversationEvents,
    private readonly store: LocalAttachmentStore,
  ) {}

  onModuleInit(): void {
    this.jobs.defineWorker(
      OUTBOUND_MESSAGES_QUEUE,
      (job: Job<OutboxJobData>, token?: string) => this.process(job, token),
      { concurrency: 16 },
    );
  }

  async process(job: Job<OutboxJobData>, token?: string): Promise<void> {
    const row = await this.outbox.findById(job.data.outboxId);
    if (!row || row.doneAt) return;
    const message = await this.conversations.findMessage(String(row.payload.messageId));
    if (!message || message.status !== 'queued') return void (await this.outbox.markDone(row.id));
    const conversation = (await this.conversations.findById(message.conversationId))!;
    const account = await this.accounts.get(message.channelAccountId);
    const wait = await this.limiter.take(account.id, account.ratePerSecond);
    if (wait > 0) {
      await job.moveToDelayed(Date.now() + wait, token);
      throw new DelayedError();
    }
    try {
      const attachments = await Promise.all(message.attachments.map((a) => this.outboundAttachment(a)));
      const threading = account.channel === 'email' ? await this.emailThreading(conversation.id, message) : {};
      const sent = await this.accounts.adapterOf(account).send({
        to: conversation.providerChatId,
        text: message.text ?? undefined,
        attachments,
        ...threading,
        ...(message.html !== null ? { html: message.html } : {}),
        ...(message.headers ? { headers: message.headers } : {}),
      });
      const updated = await this.conversations.updateMessage(message.id, {
        status: 'sent',
        providerMessageId: sent.providerMessageId,
        sentAt: new Date(),
        error: null,
      });
      await this.outbox.markDone(row.id);
      this.events.status(conversation, updated);
      this.logger.info(
        { conversationId: conversation.id, messageId: message.id, channel: account.channel },
        'message sent',
      );
    } catch (error) {
      const text = (error as Error).message;
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? SEND_ATTEMPTS);
      await this.outbox.recordAttempt(row.id, text);
      if (!final) throw error;
      const failed = await this.conversations.updateMessage(message.id, {
        status: 'failed',
        error: text.slice(0, 500),
      });
      await this.outbox.markDone(row.id, text);
      this.events.status(conversation, failed);
      this.logger.warn(
        { conversationId: conversation.id, messageId: message.id, err: text },
        'message could not be sent',
      );
    }
  }

  /** An e-mail reply answers the newest inbound e-mail: same thread (In-Reply-To, References) and "Re:" subject. */
  private async emailThreading(
    conversationId: string,
    message: MessageRow,
  ): Promise<Pick<OutboundMessage, 'subject' | 'inReplyTo' | 'references'>> {
    const answered = await this.conversations.lastInboundWithProviderId(conversationId);
    const subject = message.subject ?? replySubject(answered?.subject);
    if (!answered?.providerMessageId) return subject ? { subject } : {};
    const references = [...new Set([answered.threadRef, answered.providerMessageId].filter((r): r is string => !!r))];
    return { ...(subject ? { subject } : {}), inReplyTo: answered.providerMessageId, references };
  }

  private async outboundAttachment(a: StoredAttachment): Promise<OutboundAttachment> {
    const stored = a.storageKey ? await this.store.open(a.storageKey) : undefined;
    const content = stored ? await streamToBuffer(stored.stream) : undefined;
    return {
      url: a.url,
      fileName: a.fileName,
      mimeType: a.mimeType,
      sizeBytes: a.sizeBytes ?? content?.length,
      content,
    };
  }
}

function replySubject(subject: string | null | undefined): string | undefined {
  if (!subject) return undefined;
  return /^(re|ответ|răspuns)\s*:/i.test(subject.trim()) ? subject : `Re: ${subject}`;
}

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
