import { Injectable } from '@nestjs/common';
import type { ChannelAccountRow } from './conversations.schema.js';
import { InboundBatchProcessor } from './inbound-batch-processor.js';
import { InboundDeliveriesRepository, type NewInboundDelivery } from './inbound-deliveries.repository.js';
import type { InboundMessage } from './inbound-messages.service.js';

type Waiting = { deliveries: NewInboundDelivery[]; resolve: () => void; reject: (error: unknown) => void };

/** Requests sharing one insert, at most. */
const MAX_REQUESTS_PER_INSERT = 500;

/**
 * The accept step of a webhook: its messages are recorded durably (one idempotent insert) and the promise resolves
 * once that insert has committed, so the provider's 200 means "will be processed" even if this process dies next.
 * Group commit: while one insert is in flight, the requests arriving meanwhile wait and share the next one.
 * On PGlite (`processor.processesInline`) the group's deliveries are also stored (one batch) before it resolves.
 */
@Injectable()
export class InboundDeliveryAcceptor {
  private waiting: Waiting[] = [];
  private flushing = false;

  constructor(
    private readonly repository: InboundDeliveriesRepository,
    private readonly processor: InboundBatchProcessor,
  ) {}

  accept(account: ChannelAccountRow, messages: InboundMessage[], canFetchAttachments: boolean): Promise<void> {
    if (!messages.length) return Promise.resolve();
    const deliveries = messages.map((message) => ({
      channelAccountId: account.id,
      canFetchAttachments,
      message: {
        ...message,
        sentAt: (Number.isNaN(message.sentAt.getTime()) ? new Date() : message.sentAt).toISOString(),
      },
    }));
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ deliveries, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.waiting.length) {
        const group = this.waiting.splice(0, MAX_REQUESTS_PER_INSERT);
        let accepted: Waiting[] = group;
        try {
          await this.repository.accept(group.flatMap((w) => w.deliveries));
        } catch (error) {
          accepted = [];
          if (group.length === 1) group[0].reject(error);
          // One request's bad row (its account was just deleted) must not fail the others: each alone.
          else for (const w of group) await this.repository.accept(w.deliveries).then(() => accepted.push(w), w.reject);
        }
        // Committed: inline (PGlite), the answer also waits until the batch is stored.
        // (A delivery that fails to store stays accepted: the processor retries it; the webhook still gets its 200.)
        if (this.processor.processesInline) await this.processor.processNow().catch(() => undefined);
        else this.processor.wake();
        for (const w of accepted) w.resolve();
      }
    } finally {
      this.flushing = false;
    }
  }
}
