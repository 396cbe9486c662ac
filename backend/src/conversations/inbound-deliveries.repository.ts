import { Injectable } from '@nestjs/common';
import { asc, count, lte, sql } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import {
  inboundDeliveries,
  type AcceptedInboundMessage,
  type InboundDeliveryRow,
} from './inbound-deliveries.schema.js';

/** One accepted webhook message, as the accept path records it. */
export type NewInboundDelivery = {
  channelAccountId: string;
  message: AcceptedInboundMessage;
  canFetchAttachments: boolean;
};

/** Only one batch is processed at a time across every process on the database, so a chat's order holds. */
const PROCESSING_LOCK_KEY = 7_301_905_017;

@Injectable()
export class InboundDeliveriesRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  /**
   * Records accepted deliveries with one multi-row insert; a copy already pending (a provider's retry) adds
   * nothing. Answers how many rows were new.
   */
  async accept(deliveries: NewInboundDelivery[]): Promise<number> {
    const column = <T>(pick: (d: NewInboundDelivery) => T) => sql.param(deliveries.map(pick));
    const result = await this.db.execute(sql`
      insert into inbound_deliveries (channel_account_id, provider_message_id, provider_chat_id, message, can_fetch_attachments)
      select a, m, c, j::jsonb, f
      from unnest(${column((d) => d.channelAccountId)}::uuid[], ${column((d) => d.message.providerMessageId)}::text[],
                  ${column((d) => d.message.providerChatId)}::text[], ${column((d) => JSON.stringify(d.message))}::text[],
                  ${column((d) => d.canFetchAttachments)}::boolean[]) as t(a, m, c, j, f)
      on conflict do nothing`);
    const { rowCount, affectedRows } = result as { rowCount?: number; affectedRows?: number };
    return Number(rowCount ?? affectedRows ?? 0);
  }

  /** The processing turn of this transaction: false while another process (or call) holds it. */
  async tryTakeProcessingTurn(tx: DatabaseExecutor): Promise<boolean> {
    const result = await tx.execute(sql`select pg_try_advisory_xact_lock(${PROCESSING_LOCK_KEY}) as taken`);
    const [row] = ((result as { rows?: unknown[] }).rows ?? result) as { taken: boolean }[];
    return Boolean(row?.taken);
  }

  /** The processing turn, waiting for the batch in progress to commit. */
  async takeProcessingTurn(tx: DatabaseExecutor): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(${PROCESSING_LOCK_KEY})`);
  }

  /** Up to `limit` due deliveries, oldest first (accept order), locked for this transaction. */
  due(tx: DatabaseExecutor, limit: number, ids?: number[]): Promise<InboundDeliveryRow[]> {
    return tx
      .select()
      .from(inboundDeliveries)
      .where(
        ids
          ? sql`${inboundDeliveries.id} = any(${sql.param(ids)}::bigint[])`
          : lte(inboundDeliveries.nextAttemptAt, new Date()),
      )
      .orderBy(asc(inboundDeliveries.id))
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  async delete(tx: DatabaseExecutor, ids: number[]): Promise<void> {
    await tx.execute(sql`delete from inbound_deliveries where id = any(${sql.param(ids)}::bigint[])`);
  }

  /** A delivery that failed alone is retried later, with a growing delay (at most five minutes). */
  async recordFailure(id: number, error: string): Promise<void> {
    await this.db.execute(sql`
      update inbound_deliveries
      set attempts = attempts + 1, last_error = ${error.slice(0, 2000)},
          next_attempt_at = now() + least(power(2, attempts), 300) * interval '1 second'
      where id = ${id}`);
  }

  async pendingCount(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(inboundDeliveries);
    return Number(row?.n ?? 0);
  }
}
