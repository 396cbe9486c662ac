import { Injectable } from '@nestjs/common';
import { and, asc, eq, gte, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import { calls } from '../calls/calls.schema.js';
import { contacts } from '../contacts/contacts.schema.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { users } from '../users/users.schema.js';
import { callRecordings, type CallRecordingRow } from './recordings.schema.js';

export type RecordingIndexRow = {
  recordingId: string;
  callId: string;
  startedAt: Date;
  fromNumber: string;
  direction: string;
  contactName: string | null;
  consultant: string | null;
  talkSeconds: number | null;
  durationSeconds: number | null;
  storageKey: string;
  contentType: string | null;
};

@Injectable()
export class RecordingsRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  /** One recording per call: a repeated "recording-ready" inserts nothing. */
  async insertIfAbsent(values: typeof callRecordings.$inferInsert): Promise<CallRecordingRow | undefined> {
    const [row] = await this.db.insert(callRecordings).values(values).onConflictDoNothing().returning();
    return row;
  }

  async findById(id: string): Promise<CallRecordingRow | undefined> {
    const [row] = await this.db.select().from(callRecordings).where(eq(callRecordings.id, id)).limit(1);
    return row;
  }

  async findByCallId(callId: string): Promise<CallRecordingRow | undefined> {
    const [row] = await this.db.select().from(callRecordings).where(eq(callRecordings.callId, callId)).limit(1);
    return row;
  }

  async markStored(
    tx: DatabaseExecutor,
    id: string,
    values: { storageKey: string; contentType: string; sizeBytes: number; durationSeconds: number | null },
  ): Promise<CallRecordingRow | undefined> {
    const [row] = await tx
      .update(callRecordings)
      .set({ ...values, storedAt: new Date(), lastFetchError: null })
      .where(and(eq(callRecordings.id, id), isNull(callRecordings.storedAt)))
      .returning();
    return row;
  }

  async markFetchFailed(id: string, error: string): Promise<void> {
    await this.db
      .update(callRecordings)
      .set({ fetchAttempts: sql`${callRecordings.fetchAttempts} + 1`, lastFetchError: error.slice(0, 500) })
      .where(eq(callRecordings.id, id));
  }

  /** Reported but not stored yet (the PBX was unreachable, the worker restarted…): the sweeper re-enqueues these. */
  unfetched(reportedBefore: Date, limit: number): Promise<{ id: string }[]> {
    return this.db
      .select({ id: callRecordings.id })
      .from(callRecordings)
      .where(
        and(
          isNull(callRecordings.storedAt),
          isNull(callRecordings.deletedAt),
          lt(callRecordings.createdAt, reportedBefore),
        ),
      )
      .orderBy(asc(callRecordings.createdAt))
      .limit(limit);
  }

  expired(now: Date, limit: number): Promise<CallRecordingRow[]> {
    return this.db
      .select()
      .from(callRecordings)
      .where(and(lte(callRecordings.expiresAt, now), isNull(callRecordings.deletedAt)))
      .orderBy(asc(callRecordings.expiresAt))
      .limit(limit);
  }

  async markDeleted(tx: DatabaseExecutor, id: string, at: Date): Promise<void> {
    await tx.update(callRecordings).set({ deletedAt: at }).where(eq(callRecordings.id, id));
  }

  /** Stored recordings of calls started in [from, to), oldest first, with what index.csv lists. */
  async indexBetween(from: Date, to: Date): Promise<RecordingIndexRow[]> {
    const rows = await this.db
      .select({
        recordingId: callRecordings.id,
        callId: calls.id,
        startedAt: calls.startedAt,
        fromNumber: calls.fromNumber,
        direction: calls.direction,
        contactName: contacts.displayName,
        consultant: users.fullName,
        talkSeconds: calls.talkSeconds,
        durationSeconds: callRecordings.durationSeconds,
        storageKey: callRecordings.storageKey,
        contentType: callRecordings.contentType,
      })
      .from(callRecordings)
      .innerJoin(calls, eq(calls.id, callRecordings.callId))
      .leftJoin(contacts, eq(contacts.id, calls.contactId))
      .leftJoin(users, eq(users.id, calls.answeredByUserId))
      .where(
        and(
          gte(calls.startedAt, from),
          lt(calls.startedAt, to),
          isNotNull(callRecordings.storageKey),
          isNull(callRecordings.deletedAt),
        ),
      )
      .orderBy(asc(calls.startedAt));
    return rows as RecordingIndexRow[];
  }
}
