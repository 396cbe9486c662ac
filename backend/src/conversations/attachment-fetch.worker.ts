import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import { JobQueues } from '../queues/job-queues.js';
import { LocalAttachmentStore } from './attachment-store.js';
import { ChannelAccountsService } from './channel-accounts.service.js';
import { ConversationEvents } from './conversation-events.js';
import type { StoredAttachment } from './conversations.schema.js';
import { ConversationsRepository } from './conversations.repository.js';
import { CONVERSATION_JOBS_QUEUE, type OutboxJobData } from './outbox-dispatcher.js';
import { OUTBOX_KINDS } from './outbox-kinds.js';
import { OutboxRepository } from './outbox.repository.js';

export type ConversationJobHandler = (payload: Record<string, unknown>, job: Job<OutboxJobData>) => Promise<void>;

/**
 * The `conversation-jobs` worker: downloads inbound files (voice notes first of all) through the adapter into the
 * attachment store, and runs other outbox kinds registered by their owners (Viber→SMS fallback check).
 */
@Injectable()
export class ConversationJobsWorker implements OnModuleInit {
  private readonly handlers = new Map<string, ConversationJobHandler>();

  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly jobs: JobQueues,
    private readonly accounts: ChannelAccountsService,
    private readonly conversations: ConversationsRepository,
    private readonly outbox: OutboxRepository,
    private readonly store: LocalAttachmentStore,
    private readonly events: ConversationEvents,
  ) {
    this.handlers.set(OUTBOX_KINDS.fetchAttachments, (payload) => this.fetchAttachments(String(payload.messageId)));
  }

  register(kind: string, handler: ConversationJobHandler): void {
    this.handlers.set(kind, handler);
  }

  onModuleInit(): void {
    this.jobs.defineWorker(CONVERSATION_JOBS_QUEUE, (job: Job<OutboxJobData>) => this.process(job), { concurrency: 4 });
  }

  async process(job: Job<OutboxJobData>): Promise<void> {
    const row = await this.outbox.findById(job.data.outboxId);
    if (!row || row.doneAt) return;
    const handler = this.handlers.get(row.kind);
    if (!handler) return void (await this.outbox.markDone(row.id, `no handler for ${row.kind}`));
    try {
      await handler(row.payload, job);
      await this.outbox.markDone(row.id);
    } catch (error) {
      await this.outbox.recordAttempt(row.id, (error as Error).message);
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1))
        await this.outbox.markDone(row.id, (error as Error).message);
      throw error;
    }
  }

  private async fetchAttachments(messageId: string): Promise<void> {
    const message = await this.conversations.findMessage(messageId);
    if (!message) return;
    const account = await this.accounts.get(message.channelAccountId);
    const adapter = this.accounts.adapterOf(account);
    if (!adapter.fetchAttachment) return;
    const attachments: StoredAttachment[] = [];
    for (const [index, attachment] of message.attachments.entries()) {
      if (
        attachment.storageKey ||
        !(attachment.providerFileId || attachment.url) ||
        attachment.kind === 'location' ||
        attachment.kind === 'sticker'
      ) {
        attachments.push(attachment);
        continue;
      }
      const fetched = await adapter.fetchAttachment({ ...attachment, kind: attachment.kind as never });
      const storageKey = `inbound/${message.createdAt.toISOString().slice(0, 7)}/${message.id}-${index}`;
      await this.store.put(storageKey, fetched.content);
      attachments.push({
        ...attachment,
        storageKey,
        mimeType: fetched.mimeType ?? attachment.mimeType,
        sizeBytes: fetched.content.length,
      });
    }
    const updated = await this.conversations.updateMessage(message.id, { attachments });
    const conversation = await this.conversations.findById(message.conversationId);
    if (conversation) this.events.updated({ ...conversation }, 'conversation:attachments');
    this.logger.info(
      { messageId: updated.id, files: attachments.filter((a) => a.storageKey).length },
      'message attachments stored',
    );
  }
}
