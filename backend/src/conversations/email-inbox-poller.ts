import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { isInboxPollingAdapter, type InboxPollResult, type NormalizedInboundMessage } from '@consult-crm/integrations';
import type { Logger } from 'pino';
import { KeyedSerializer } from '../calls/keyed-serializer.js';
import { ApiError } from '../common/api-error.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { JobQueues } from '../queues/job-queues.js';
import { ChannelAccountsService } from './channel-accounts.service.js';
import type { ChannelAccountRow } from './conversations.schema.js';
import { EmailInboxRepository } from './email-inbox.repository.js';
import { InboundMessagesService, type InboundMessage } from './inbound-messages.service.js';

export const EMAIL_INBOX_QUEUE = 'email-inbox';

/** What one round over one mailbox did. */
export type InboxRoundResult = {
  channelAccountId: string;
  fetched: number;
  ingested: number;
  lastUid: number;
  error?: string;
};

/**
 * Inbound e-mail: the worker reads the IMAP mailbox of every active e-mail account on a BullMQ schedule (one round at
 * a time across all workers) and ingests each new message like a webhook delivery. The read position (UID under
 * UIDVALIDITY) only moves past a message once it is stored, and Message-ID idempotency makes a re-read harmless, so
 * a crash or an IMAP outage loses nothing.
 */
@Injectable()
export class EmailInboxPoller implements OnModuleInit, OnApplicationBootstrap {
  /** A "check now" and the scheduled round never read one mailbox at the same time in this process. */
  private readonly rounds = new KeyedSerializer();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly jobs: JobQueues,
    private readonly accounts: ChannelAccountsService,
    private readonly cursors: EmailInboxRepository,
    private readonly inbound: InboundMessagesService,
  ) {}

  onModuleInit(): void {
    this.jobs.defineWorker(EMAIL_INBOX_QUEUE, () => this.pollAll(), { concurrency: 1 });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.runsWorkers) return;
    const every = this.config.messaging.emailPollIntervalSeconds * 1000;
    await this.jobs
      .queue(EMAIL_INBOX_QUEUE)
      .upsertJobScheduler('email-inbox-poll', { every }, { name: 'poll', opts: { attempts: 1 } })
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'could not schedule e-mail inbox polling'));
  }

  /** One round over every active e-mail account that has an IMAP mailbox; one failing mailbox does not stop the rest. */
  async pollAll(): Promise<InboxRoundResult[]> {
    const results: InboxRoundResult[] = [];
    for (const account of await this.cursors.activeEmailAccounts()) {
      const result = await this.pollAccount(account);
      if (result) results.push(result);
    }
    return results;
  }

  /** "Check now" from the settings screen. */
  async pollNow(channelAccountId: string): Promise<InboxRoundResult> {
    const account = await this.accounts.get(channelAccountId);
    const result = await this.pollAccount(account);
    if (!result)
      throw ApiError.validation({
        config: 'This account has no IMAP mailbox to read: add an imap section to its settings.',
      });
    return result;
  }

  private pollAccount(account: ChannelAccountRow): Promise<InboxRoundResult | undefined> {
    return this.rounds.run(account.id, () => this.readMailbox(account));
  }

  private async readMailbox(account: ChannelAccountRow): Promise<InboxRoundResult | undefined> {
    const adapter = this.accounts.adapterOf(account);
    if (!isInboxPollingAdapter(adapter) || !adapter.pollsInbox) return undefined;
    const cursor = await this.cursors.cursorOf(account.id);
    const result: InboxRoundResult = {
      channelAccountId: account.id,
      fetched: 0,
      ingested: 0,
      lastUid: cursor?.lastUid ?? 0,
    };
    let uidValidity = cursor?.uidValidity ?? '';
    try {
      let round: InboxPollResult = await adapter.pollInbox({ sinceUid: cursor?.lastUid ?? 0 });
      if (cursor?.uidValidity && round.uidValidity !== cursor.uidValidity) {
        this.logger.warn(
          { channelAccountId: account.id },
          'mailbox UIDVALIDITY changed: reading it again from the start',
        );
        result.lastUid = 0;
        round = await adapter.pollInbox({ sinceUid: 0 });
      }
      uidValidity = round.uidValidity;
      for (const message of round.messages) {
        result.fetched++;
        const stored = await this.inbound.ingest(account, inboundOf(message), { canFetchAttachments: false });
        if (!stored.duplicate) result.ingested++;
        result.lastUid = message.imapUid;
      }
      result.lastUid = Math.max(result.lastUid, round.lastUid);
      await this.cursors.advance(account.id, uidValidity, result.lastUid, result.ingested);
      if (result.ingested)
        this.logger.info({ channelAccountId: account.id, ingested: result.ingested }, 'e-mail inbox read');
    } catch (error) {
      result.error = (error as Error).message;
      // Keep what was stored before the failure; the rest is read again next round.
      if (uidValidity) await this.cursors.advance(account.id, uidValidity, result.lastUid, result.ingested);
      await this.cursors.recordFailure(account.id, result.error.slice(0, 500));
      this.logger.warn({ channelAccountId: account.id, err: result.error }, 'e-mail inbox round failed');
    }
    return result;
  }
}

function inboundOf(message: NormalizedInboundMessage): InboundMessage {
  return {
    channel: message.channel,
    providerMessageId: message.providerMessageId,
    providerChatId: message.providerChatId,
    sender: message.sender,
    ...(message.subject !== undefined ? { subject: message.subject } : {}),
    ...(message.threadRef !== undefined ? { threadRef: message.threadRef } : {}),
    ...(message.text !== undefined ? { text: message.text } : {}),
    attachments: message.attachments,
    sentAt: message.sentAt,
  };
}
