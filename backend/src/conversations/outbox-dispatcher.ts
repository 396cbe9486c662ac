import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { JobQueues } from '../queues/job-queues.js';
import type { OutboxRow } from './conversations.schema.js';
import { OUTBOX_KINDS } from './outbox-kinds.js';
import { OutboxRepository } from './outbox.repository.js';

export const OUTBOUND_MESSAGES_QUEUE = 'outbound-messages';
export const CONVERSATION_JOBS_QUEUE = 'conversation-jobs';

/** Data of every outbox job: the row to carry out (its payload is read from the database). */
export type OutboxJobData = { outboxId: number; kind: string };

/** Queue of each outbox kind; other domains add theirs with `OutboxDispatcher.route` (domain events, notifications). */
const QUEUE_OF_KIND: Record<string, string> = {
  [OUTBOX_KINDS.sendMessage]: OUTBOUND_MESSAGES_QUEUE,
  [OUTBOX_KINDS.fetchAttachments]: CONVERSATION_JOBS_QUEUE,
  [OUTBOX_KINDS.viberFallbackCheck]: CONVERSATION_JOBS_QUEUE,
};
const ENQUEUE_TIMEOUT_MS = 2_000;
/** A row handed to the queue but not done after this long is handed over again (the job id dedupes). */
const REENQUEUE_AFTER_MS = 60_000;
/** How long `dispatchWhenCommitted` waits for the writer's transaction to commit before leaving the row to the sweeper. */
const COMMIT_WAITS_MS = [0, 20, 100, 400, 1_500];

/**
 * Moves committed outbox rows to BullMQ: right after the commit (best effort), and from the sweeper (worker role)
 * for every row that is due and not done — so nothing accepted is lost while Redis or a provider is down.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly jobs: JobQueues,
    private readonly outbox: OutboxRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.jobs.runsWorkers) return;
    this.timer = setInterval(() => void this.sweep(), this.config.messaging.outboxSweepIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Outbox rows of `kind` go to `queueName` (call from a constructor, before the first dispatch). */
  route(kind: string, queueName: string): void {
    QUEUE_OF_KIND[kind] = queueName;
  }

  /** After the commit: hand the row to its queue now; a failure leaves it for the sweeper. */
  dispatchSoon(row: OutboxRow): void {
    void this.enqueue(row);
  }

  /**
   * After a batch commit: every row handed over with one bulk add per queue and one update; rows that cannot be
   * handed over (Redis down) stay for the sweeper.
   */
  dispatchManySoon(rows: OutboxRow[]): void {
    void this.enqueueMany(rows);
  }

  /**
   * Called inside the writer's transaction: hands the row to its queue as soon as the commit makes it visible
   * (a rolled-back row never appears; a slow commit is left to the sweeper).
   */
  dispatchWhenCommitted(row: OutboxRow): void {
    void (async () => {
      for (const wait of COMMIT_WAITS_MS) {
        if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
        const committed = await this.outbox.findById(row.id).catch(() => undefined);
        if (committed)
          return void (committed.doneAt || committed.enqueuedAt ? undefined : await this.enqueue(committed));
      }
    })();
  }

  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      const rows = await this.outbox.due(200, new Date(Date.now() - REENQUEUE_AFTER_MS));
      let handed = 0;
      for (const row of rows) if (await this.enqueue(row)) handed++;
      if (rows.length) this.logger.debug({ due: rows.length, handed }, 'outbox swept');
      return handed;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'outbox sweep failed');
      return 0;
    } finally {
      this.sweeping = false;
    }
  }

  private async enqueueMany(rows: OutboxRow[]): Promise<void> {
    const byQueue = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const queueName = QUEUE_OF_KIND[row.kind];
      if (!queueName) await this.enqueue(row);
      else byQueue.set(queueName, [...(byQueue.get(queueName) ?? []), row]);
    }
    for (const [queueName, queued] of byQueue) {
      try {
        await withTimeout(
          this.jobs.queue<OutboxJobData>(queueName).addBulk(
            queued.map((row) => ({
              name: row.kind,
              data: { outboxId: row.id, kind: row.kind },
              opts: { jobId: `outbox-${row.id}`, delay: Math.max(0, row.nextAttemptAt.getTime() - Date.now()) },
            })),
          ),
          ENQUEUE_TIMEOUT_MS,
        );
        await this.outbox.markManyEnqueued(queued.map((row) => row.id));
      } catch (error) {
        this.logger.warn(
          { queueName, rows: queued.length, err: (error as Error).message },
          'outbox rows not enqueued; the sweeper retries',
        );
      }
    }
  }

  private async enqueue(row: OutboxRow): Promise<boolean> {
    const queueName = QUEUE_OF_KIND[row.kind];
    if (!queueName) {
      await this.outbox.markDone(row.id, `no queue for outbox kind ${row.kind}`);
      return false;
    }
    try {
      const delay = Math.max(0, row.nextAttemptAt.getTime() - Date.now());
      await withTimeout(
        this.jobs
          .queue<OutboxJobData>(queueName)
          .add(row.kind, { outboxId: row.id, kind: row.kind }, { jobId: `outbox-${row.id}`, delay }),
        ENQUEUE_TIMEOUT_MS,
      );
      await this.outbox.markEnqueued(row.id);
      return true;
    } catch (error) {
      this.logger.warn(
        { outboxId: row.id, kind: row.kind, err: (error as Error).message },
        'outbox row not enqueued; the sweeper retries',
      );
      await this.outbox.markEnqueueFailed(row.id, (error as Error).message).catch(() => undefined);
      return false;
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms (is Redis down?)`)), ms);
    }),
  ]);
}
