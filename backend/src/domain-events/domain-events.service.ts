import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { OutboxRow } from '../conversations/conversations.schema.js';
import { OutboxDispatcher, type OutboxJobData } from '../conversations/outbox-dispatcher.js';
import { OutboxRepository } from '../conversations/outbox.repository.js';
import type { DatabaseExecutor } from '../database/database-connection.js';
import { JobQueues } from '../queues/job-queues.js';
import { causationContext } from './causation-context.js';
import type { Causation, DomainEvent, DomainEventMap, DomainEventType } from './domain-event-types.js';
import { DomainEventsRepository } from './domain-events.repository.js';

export const DOMAIN_EVENTS_QUEUE = 'domain-events';
export const DOMAIN_EVENT_OUTBOX_KIND = 'domain.event';

type StoredEvent = { type: DomainEventType; data: unknown; occurredAt: string; causation: Causation };
export type DomainEventHandler<T extends DomainEventType> = (event: DomainEvent<T>) => Promise<void>;
type Subscription = { name: string; types: readonly DomainEventType[]; handle: (event: DomainEvent) => Promise<void> };

/**
 * Durable domain events on the transactional outbox: `publish` writes the event in the caller's transaction, the
 * dispatcher moves it to the `domain-events` queue once committed (the sweeper retries while Redis is down), and the
 * worker runs every subscriber. A subscriber that throws makes the job retry: subscribers must be idempotent
 * (the event `id` is stable).
 */
@Injectable()
export class DomainEvents implements OnModuleInit {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly jobs: JobQueues,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly repository: DomainEventsRepository,
  ) {
    dispatcher.route(DOMAIN_EVENT_OUTBOX_KIND, DOMAIN_EVENTS_QUEUE);
  }

  onModuleInit(): void {
    this.jobs.defineWorker(DOMAIN_EVENTS_QUEUE, (job: Job<OutboxJobData>) => this.process(job), { concurrency: 4 });
  }

  /**
   * Records the event with the caller's change. With `onceKey`, an event already published under that key is
   * skipped (returns null). The causation of the automation run in progress, if any, travels with it.
   */
  async publish<T extends DomainEventType>(
    tx: DatabaseExecutor,
    type: T,
    data: DomainEventMap[T],
    options: { onceKey?: string } = {},
  ): Promise<OutboxRow | null> {
    if (options.onceKey && !(await this.repository.claimKey(tx, options.onceKey))) return null;
    const stored: StoredEvent = {
      type,
      data,
      occurredAt: new Date().toISOString(),
      causation: causationContext.current(),
    };
    const row = await this.outbox.insert(tx, DOMAIN_EVENT_OUTBOX_KIND, stored as unknown as Record<string, unknown>);
    this.dispatcher.dispatchWhenCommitted(row);
    return row;
  }

  /**
   * Several events in one insert, for a batch writer (inbound message batches). The caller hands the returned rows
   * to `OutboxDispatcher.dispatchManySoon` after its commit; until then, and if that fails, the sweeper has them.
   */
  async publishMany<T extends DomainEventType>(
    tx: DatabaseExecutor,
    type: T,
    events: DomainEventMap[T][],
  ): Promise<OutboxRow[]> {
    const occurredAt = new Date().toISOString();
    const causation = causationContext.current();
    return this.outbox.insertMany(
      tx,
      events.map((data) => ({
        kind: DOMAIN_EVENT_OUTBOX_KIND,
        payload: { type, data, occurredAt, causation } satisfies StoredEvent as unknown as Record<string, unknown>,
      })),
    );
  }

  /** Runs `handle` in the worker for each event of the given types. */
  subscribe<T extends DomainEventType>(name: string, types: readonly T[], handle: DomainEventHandler<T>): void {
    this.subscriptions.push({ name, types, handle: handle as (event: DomainEvent) => Promise<void> });
  }

  async process(job: Job<OutboxJobData>): Promise<void> {
    const row = await this.outbox.findById(job.data.outboxId);
    if (!row || row.doneAt) return;
    const stored = row.payload as unknown as StoredEvent;
    const event = {
      id: row.id,
      type: stored.type,
      data: stored.data,
      occurredAt: new Date(stored.occurredAt),
      causation: stored.causation,
    } as DomainEvent;
    try {
      for (const subscription of this.subscriptions)
        if (subscription.types.includes(event.type)) await subscription.handle(event);
      await this.outbox.markDone(row.id);
    } catch (error) {
      const text = (error as Error).message;
      await this.outbox.recordAttempt(row.id, text);
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.warn({ eventId: row.id, type: event.type, err: text, final }, 'domain event subscriber failed');
      if (final) return void (await this.outbox.markDone(row.id, text));
      throw error;
    }
  }
}
