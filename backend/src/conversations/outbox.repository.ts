import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { outbox, type OutboxRow } from './conversations.schema.js';

@Injectable()
export class OutboxRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  async insert(
    tx: DatabaseExecutor,
    kind: string,
    payload: Record<string, unknown>,
    nextAttemptAt = new Date(),
  ): Promise<OutboxRow> {
    const [row] = await tx.insert(outbox).values({ kind, payload, nextAttemptAt }).returning();
    return row;
  }

  /** Several rows in one statement (a batch of inbound messages), in the order given. */
  async insertMany(
    tx: DatabaseExecutor,
    rows: { kind: string; payload: Record<string, unknown> }[],
  ): Promise<OutboxRow[]> {
    if (!rows.length) return [];
    return tx
      .insert(outbox)
      .values(rows.map(({ kind, payload }) => ({ kind, payload })))
      .returning();
  }

  async markManyEnqueued(ids: number[]): Promise<void> {
    if (ids.length) await this.db.update(outbox).set({ enqueuedAt: new Date() }).where(inArray(outbox.id, ids));
  }

  async findById(id: number): Promise<OutboxRow | undefined> {
    const [row] = await this.db.select().from(outbox).where(eq(outbox.id, id));
    return row;
  }

  /** Rows due and not handed to the queue recently (a hand-off older than `staleBefore` is retried). */
  due(limit: number, staleBefore: Date): Promise<OutboxRow[]> {
    return this.db
      .select()
      .from(outbox)
      .where(
        and(
          isNull(outbox.doneAt),
          lte(outbox.nextAttemptAt, new Date()),
          or(isNull(outbox.enqueuedAt), lte(outbox.enqueuedAt, staleBefore)),
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(limit);
  }

  async markEnqueued(id: number): Promise<void> {
    await this.db.update(outbox).set({ enqueuedAt: new Date() }).where(eq(outbox.id, id));
  }

  async markEnqueueFailed(id: number, error: string): Promise<void> {
    await this.db
      .update(outbox)
      .set({
        lastError: error,
        enqueuedAt: null,
        nextAttemptAt: sql`greatest(${outbox.nextAttemptAt}, now() + interval '1 second')`,
      })
      .where(eq(outbox.id, id));
  }

  async recordAttempt(id: number, error: string | null): Promise<void> {
    await this.db
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error })
      .where(eq(outbox.id, id));
  }

  async markDone(id: number, error: string | null = null): Promise<void> {
    await this.db
      .update(outbox)
      .set({ doneAt: new Date(), lastError: error })
      .where(and(eq(outbox.id, id), isNull(outbox.doneAt)));
  }
}
