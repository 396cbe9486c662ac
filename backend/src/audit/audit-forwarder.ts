import { createHmac } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { JobQueues } from '../queues/job-queues.js';
import { AuditRepository } from './audit.repository.js';

const QUEUE = 'audit-forwarding';

export type ForwardResult = { forwarded: number; pending: boolean };

/**
 * Ships the audit trail, in order and in batches, to the external log service (MLog). Each event carries its hash and
 * the previous one, so the receiver can verify the chain on its own; a batch is marked forwarded only after a 2xx,
 * so an outage delays events but never drops one.
 */
@Injectable()
export class AuditForwarder implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly repository: AuditRepository,
    private readonly queues: JobQueues,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.auditForwarding.url);
  }

  async onModuleInit(): Promise<void> {
    if (!this.enabled || !this.queues.runsWorkers) return;
    this.queues.defineWorker(QUEUE, async () => this.forwardAll(), { concurrency: 1 });
    const every = this.config.auditForwarding.intervalSeconds * 1000;
    await this.queues
      .queue(QUEUE)
      .upsertJobScheduler('forward-audit-trail', { every }, { name: 'forward', opts: { attempts: 1 } })
      .catch((error: Error) =>
        this.logger.warn({ err: error.message }, 'audit forwarding schedule not set; Redis unreachable'),
      );
  }

  /** Forwards batches until nothing is pending or the receiver refuses one. */
  async forwardAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const { forwarded, pending } = await this.forwardBatch();
      total += forwarded;
      if (!pending || !forwarded) return total;
    }
  }

  async forwardBatch(): Promise<ForwardResult> {
    const { url, token, signingSecret, batchSize } = this.config.auditForwarding;
    if (!url) return { forwarded: 0, pending: false };
    const events = await this.repository.unforwarded(batchSize);
    if (!events.length) return { forwarded: 0, pending: false };
    const body = JSON.stringify({
      source: 'consult-crm',
      events: events.map(({ forwardedAt: _f, ...event }) => ({ ...event, at: event.at.toISOString() })),
    });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (signingSecret) headers['x-signature-sha256'] = createHmac('sha256', signingSecret).update(body).digest('hex');
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(15_000) }).catch(
      (error: Error) => error,
    );
    if (response instanceof Error || !response.ok) {
      const reason = response instanceof Error ? response.message : `HTTP ${response.status}`;
      this.logger.warn({ reason, firstEventId: events[0].id }, 'audit forwarding to MLog failed; will retry');
      throw new Error(`MLog refused the audit batch: ${reason}`);
    }
    await this.repository.markForwarded(
      events.map((e) => e.id),
      new Date(),
    );
    return { forwarded: events.length, pending: events.length === batchSize };
  }
}
