import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { Database, DatabaseConnection, DatabaseExecutor } from '../database/database-connection.js';
import { DATABASE_CONNECTION, InjectDatabase } from '../database/database.module.js';
import { isUniqueViolation } from '../database/postgres-errors.js';
import { ChannelAccountsRepository } from './channel-accounts.repository.js';
import type { ChannelAccountRow } from './conversations.schema.js';
import { InboundBatchIngestion, type StoredBatch } from './inbound-batch-ingestion.js';
import { InboundDeliveriesRepository } from './inbound-deliveries.repository.js';
import type { InboundDeliveryRow } from './inbound-deliveries.schema.js';
import { InboundMessagesService } from './inbound-messages.service.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';

/** Deliveries stored per transaction. */
export const INBOUND_BATCH_SIZE = 200;
/** Leftovers (a crashed process's, a failed delivery's retry) are looked for this often, in every process. */
const SWEEP_INTERVAL_MS = 1_000;
/** Another process holds the processing turn: look again this soon. */
const BUSY_RETRY_MS = 25;

/**
 * Turns accepted webhook deliveries into messages: woken right after each accept commits, at start-up and
 * periodically; one batch per transaction (InboundBatchIngestion), one batch at a time across all processes
 * (an advisory lock), so a chat's messages are stored in the order they were accepted. After each commit the desk
 * gets one push per message and the outbox rows go to their queues. A batch that fails is retried one delivery per
 * transaction; a delivery that fails alone is retried later with a growing delay, so one bad message holds up nothing.
 *
 * Every query of a batch goes through its transaction. On PGlite (one connection, whose transaction holds it
 * exclusively) a query on the database issued inside a batch's transaction waits for that transaction forever.
 * PGlite also gains nothing from deferring: there `processesInline` is true and the acceptor awaits `processNow()`
 * after its insert commits, so the webhook answers once its messages are stored (the sweep still picks up leftovers).
 */
@Injectable()
export class InboundBatchProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private busyTimer?: NodeJS.Timeout;
  /** PGlite: accepted deliveries are stored before the webhook answers (InboundDeliveryAcceptor). */
  readonly processesInline: boolean;

  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(DATABASE_CONNECTION) connection: DatabaseConnection,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly deliveries: InboundDeliveriesRepository,
    private readonly accounts: ChannelAccountsRepository,
    private readonly ingestion: InboundBatchIngestion,
    private readonly inbound: InboundMessagesService,
    private readonly dispatcher: OutboxDispatcher,
  ) {
    this.processesInline = connection.kind === 'pglite';
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), SWEEP_INTERVAL_MS);
    this.timer.unref();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.busyTimer);
    await this.running;
  }

  /** Something was accepted (or may be due): process now, or right after the batch in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => (this.running = undefined));
  }

  /** Resolves once nothing due is left (tests; the processor does not need it). */
  async drained(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Processes what is due now and resolves when nothing due is left (or at once while stopped). */
  async processNow(): Promise<void> {
    this.wake();
    await this.drained();
  }

  private async drain(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    do {
      this.again = false;
      while (!this.stopped) {
        const taken = await this.processBatch();
        if (taken === 'busy') {
          clearTimeout(this.busyTimer);
          this.busyTimer = setTimeout(() => this.wake(), BUSY_RETRY_MS);
          return;
        }
        if (taken < INBOUND_BATCH_SIZE) break;
      }
    } while (this.again && !this.stopped);
  }

  /** One batch: how many deliveries it took, or 'busy' while another process has the turn. */
  private async processBatch(): Promise<number | 'busy'> {
    let ids: number[] = [];
    const started = performance.now();
    try {
      const outcome = await this.db.transaction(async (tx) => {
        if (!(await this.deliveries.tryTakeProcessingTurn(tx))) return 'busy' as const;
        const rows = await this.deliveries.due(tx, INBOUND_BATCH_SIZE);
        ids = rows.map((row) => row.id);
        if (!rows.length) return { taken: 0, batch: { stored: [], outboxRows: [] } };
        const batch = await this.ingestion.store(tx, rows, await this.accountsOf(tx, rows));
        await this.deliveries.delete(tx, ids);
        return { taken: rows.length, batch };
      });
      if (outcome === 'busy') return 'busy';
      if (outcome.taken) {
        this.afterCommit(outcome.batch);
        this.logger.info(
          {
            deliveries: outcome.taken,
            stored: outcome.batch.stored.length,
            ms: Math.round(performance.now() - started),
          },
          'inbound batch stored',
        );
      }
      return outcome.taken;
    } catch (error) {
      if (!ids.length) {
        this.logger.warn({ err: (error as Error).message }, 'inbound batch not taken; retrying on the next sweep');
        return 0;
      }
      this.logger.warn(
        { deliveries: ids.length, err: (error as Error).message },
        'inbound batch failed; storing its deliveries one by one',
      );
      for (const id of ids) if (!this.stopped) await this.processAlone(id);
      return ids.length;
    }
  }

  private async processAlone(id: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const batch = await this.db.transaction(async (tx) => {
          // Blocking this time: the turn is ours again as soon as any other batch commits.
          await this.deliveries.takeProcessingTurn(tx);
          const rows = await this.deliveries.due(tx, 1, [id]);
          if (!rows.length) return undefined;
          const stored = await this.ingestion.store(tx, rows, await this.accountsOf(tx, rows));
          await this.deliveries.delete(tx, [id]);
          return stored;
        });
        if (batch) this.afterCommit(batch);
        return;
      } catch (error) {
        // Two first messages of one person on two accounts at once: the loser retries and finds the contact.
        if (attempt < 2 && isUniqueViolation(error)) continue;
        this.logger.error(
          { deliveryId: id, err: (error as Error).message },
          'inbound delivery not stored; it is retried later',
        );
        await this.deliveries.recordFailure(id, (error as Error).message).catch(() => undefined);
        return;
      }
    }
  }

  private afterCommit(batch: StoredBatch): void {
    for (const stored of batch.stored) this.inbound.afterCommit(stored);
    if (batch.outboxRows.length) this.dispatcher.dispatchManySoon(batch.outboxRows);
  }

  /** The batch's accounts, read in its transaction (never on the database: see the class comment). */
  private async accountsOf(tx: DatabaseExecutor, rows: InboundDeliveryRow[]): Promise<Map<string, ChannelAccountRow>> {
    const ids = [...new Set(rows.map((row) => row.channelAccountId))];
    return new Map((await this.accounts.findManyById(ids, tx)).map((account) => [account.id, account]));
  }
}
