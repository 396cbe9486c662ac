import { Injectable } from '@nestjs/common';
import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { contactPhones, contacts } from '../contacts/contacts.schema.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { users } from '../users/users.schema.js';
import { calls, FINAL_STATUSES, UNANSWERED_STATUSES, type CallRow, type CallStatus } from './calls.schema.js';

export type CallFilter = {
  from?: Date;
  to?: Date;
  status?: CallStatus | 'unanswered';
  notCalledBack?: boolean;
  userId?: string;
  contactId?: string;
  /** Only calls this consultant may see: taken by them, ringing on their phone, or of contacts they are responsible for. */
  visibleTo?: string;
};

export type ConsultantRef = { id: string; fullName: string; phoneExtension: string | null; active: boolean };

@Injectable()
export class CallsRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  /** The call of this provider id, created now if it is the first event seen for it. */
  async insertIfAbsent(
    values: typeof calls.$inferInsert,
    tx: DatabaseExecutor = this.db,
  ): Promise<{ call: CallRow; created: boolean }> {
    const [inserted] = await tx.insert(calls).values(values).onConflictDoNothing().returning();
    if (inserted) return { call: inserted, created: true };
    const [existing] = await tx
      .select()
      .from(calls)
      .where(and(eq(calls.pbx, values.pbx), eq(calls.providerCallId, values.providerCallId)))
      .limit(1);
    return { call: existing, created: false };
  }

  /**
   * The calls of several first-seen events in one multi-row insert: each new row already carries its ringing
   * consultants and, when the outside number belongs to a contact, that contact (contact_phones_e164_key), so a known
   * caller's call needs no second write. Calls that already existed (a re-ring, a replay) are read back, unchanged,
   * in one more query only when there are any. Answers in the order of `rows`.
   */
  async insertRingingCalls(
    rows: (typeof calls.$inferInsert & { externalE164: string | null })[],
  ): Promise<{ call: CallRow; created: boolean }[]> {
    if (!rows.length) return [];
    const inserted = await this.db
      .insert(calls)
      .values(
        rows.map((row) => ({
          ...row,
          contactId: row.externalE164
            ? sql`(select ${contactPhones.contactId} from ${contactPhones} where ${contactPhones.e164} = ${row.externalE164})`
            : null,
        })),
      )
      .onConflictDoNothing({ target: [calls.pbx, calls.providerCallId] })
      .returning();
    const key = (call: { pbx: string; providerCallId: string }) => `${call.pbx}\u0000${call.providerCallId}`;
    const found = new Map(inserted.map((call) => [key(call), { call, created: true }]));
    const missing = rows.filter((row) => !found.has(key(row)));
    if (missing.length)
      for (const call of await this.db
        .select()
        .from(calls)
        .where(or(...missing.map((row) => and(eq(calls.pbx, row.pbx), eq(calls.providerCallId, row.providerCallId))))))
        found.set(key(call), { call, created: false });
    return rows.map((row) => {
      const hit = found.get(key(row));
      if (!hit) throw new Error(`call ${row.pbx}:${row.providerCallId} neither inserted nor found`);
      return hit;
    });
  }

  async findById(id: string, tx: DatabaseExecutor = this.db): Promise<CallRow | undefined> {
    const [row] = await tx.select().from(calls).where(eq(calls.id, id)).limit(1);
    return row;
  }

  async update(
    id: string,
    values: Partial<typeof calls.$inferInsert>,
    tx: DatabaseExecutor = this.db,
  ): Promise<CallRow | undefined> {
    const [row] = await tx
      .update(calls)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(calls.id, id))
      .returning();
    return row;
  }

  /** ringing → in-progress, once: a repeated "answered" finds nothing to change. */
  async markAnswered(
    id: string,
    values: { answeredByUserId: string | null; answeredAt: Date },
    tx: DatabaseExecutor = this.db,
  ): Promise<CallRow | undefined> {
    const [row] = await tx
      .update(calls)
      .set({ status: 'in-progress', ...values, updatedAt: new Date() })
      .where(and(eq(calls.id, id), eq(calls.status, 'ringing')))
      .returning();
    return row;
  }

  /** Any live state → a final one, once. */
  async markFinal(
    id: string,
    values: Partial<typeof calls.$inferInsert> & { status: CallStatus },
    tx: DatabaseExecutor,
  ): Promise<CallRow | undefined> {
    const [row] = await tx
      .update(calls)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(calls.id, id), notInArray(calls.status, [...FINAL_STATUSES])))
      .returning();
    return row;
  }

  async usersByIds(ids: string[]): Promise<ConsultantRef[]> {
    if (!ids.length) return [];
    return this.db
      .select({ id: users.id, fullName: users.fullName, phoneExtension: users.phoneExtension, active: users.active })
      .from(users)
      .where(inArray(users.id, ids));
  }

  async usersByExtensions(extensions: string[]): Promise<ConsultantRef[]> {
    if (!extensions.length) return [];
    return this.db
      .select({ id: users.id, fullName: users.fullName, phoneExtension: users.phoneExtension, active: users.active })
      .from(users)
      .where(and(inArray(users.phoneExtension, extensions), eq(users.active, true)));
  }

  /** Active consultants in a stable order (round-robin). */
  activeConsultants(tx: DatabaseExecutor = this.db): Promise<{ id: string }[]> {
    return tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'consultant'), eq(users.active, true)))
      .orderBy(users.id);
  }

  /** Who last talked to this person (by contact or number), optionally since a date: one index hit plus a join. */
  async lastAnsweringConsultant(
    who: { contactId?: string | null; externalE164?: string | null },
    since?: Date,
  ): Promise<(ConsultantRef & { at: Date }) | undefined> {
    const whose: SQL[] = [];
    if (who.contactId) whose.push(eq(calls.contactId, who.contactId));
    if (who.externalE164) whose.push(eq(calls.externalE164, who.externalE164));
    if (!whose.length) return undefined;
    const [row] = await this.db
      .select({
        id: users.id,
        fullName: users.fullName,
        phoneExtension: users.phoneExtension,
        active: users.active,
        at: calls.startedAt,
      })
      .from(calls)
      .innerJoin(users, eq(users.id, calls.answeredByUserId))
      .where(and(or(...whose), isNotNull(calls.answeredByUserId), since ? gte(calls.startedAt, since) : undefined))
      .orderBy(desc(calls.startedAt))
      .limit(1);
    return row;
  }

  /** The newest CallbackTask any call of this number created or joined. */
  async latestCallbackTaskOf(externalE164: string, tx: DatabaseExecutor = this.db): Promise<string | undefined> {
    const [row] = await tx
      .select({ taskId: calls.callbackTaskId })
      .from(calls)
      .where(and(eq(calls.externalE164, externalE164), isNotNull(calls.callbackTaskId)))
      .orderBy(desc(calls.startedAt))
      .limit(1);
    return row?.taskId ?? undefined;
  }

  /** Unanswered inbound calls of this number before `before` that nobody called back yet: mark them called back. */
  async markCalledBack(
    externalE164: string,
    before: Date,
    byCallId: string,
    at: Date,
    tx: DatabaseExecutor,
  ): Promise<CallRow[]> {
    return tx
      .update(calls)
      .set({ calledBackAt: at, calledBackByCallId: byCallId, updatedAt: new Date() })
      .where(
        and(
          eq(calls.externalE164, externalE164),
          eq(calls.direction, 'inbound'),
          inArray(calls.status, [...UNANSWERED_STATUSES]),
          isNull(calls.calledBackAt),
          lt(calls.startedAt, before),
        ),
      )
      .returning();
  }

  async page(
    filter: CallFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: (CallRow & { contactName: string | null; answeredByName: string | null })[]; total: number }> {
    const where: (SQL | undefined)[] = [
      filter.from ? gte(calls.startedAt, filter.from) : undefined,
      filter.to ? lte(calls.startedAt, filter.to) : undefined,
      filter.status === 'unanswered'
        ? inArray(calls.status, [...UNANSWERED_STATUSES])
        : filter.status
          ? eq(calls.status, filter.status)
          : undefined,
      filter.notCalledBack
        ? and(
            isNull(calls.calledBackAt),
            inArray(calls.status, [...UNANSWERED_STATUSES]),
            eq(calls.direction, 'inbound'),
          )
        : undefined,
      filter.userId
        ? or(eq(calls.answeredByUserId, filter.userId), sql`${filter.userId}::uuid = any(${calls.ringingUserIds})`)
        : undefined,
      filter.contactId ? eq(calls.contactId, filter.contactId) : undefined,
      filter.visibleTo
        ? or(
            eq(calls.answeredByUserId, filter.visibleTo),
            sql`${filter.visibleTo}::uuid = any(${calls.ringingUserIds})`,
            eq(contacts.responsibleUserId, filter.visibleTo),
          )
        : undefined,
    ];
    const base = this.db
      .select({ call: calls, contactName: contacts.displayName, answeredByName: users.fullName })
      .from(calls)
      .leftJoin(contacts, eq(contacts.id, calls.contactId))
      .leftJoin(users, eq(users.id, calls.answeredByUserId))
      .where(and(...where));
    const [rows, [{ total }]] = await Promise.all([
      base.orderBy(desc(calls.startedAt), desc(calls.id)).limit(limit).offset(offset),
      this.db
        .select({ total: sql<number>`count(*)::int` })
        .from(calls)
        .leftJoin(contacts, eq(contacts.id, calls.contactId))
        .where(and(...where)),
    ]);
    return {
      rows: rows.map((r) => ({ ...r.call, contactName: r.contactName, answeredByName: r.answeredByName })),
      total,
    };
  }

  /** The call with what access checks and the recordings index need. */
  async findWithParties(
    id: string,
  ): Promise<
    | (CallRow & { contactName: string | null; contactResponsibleUserId: string | null; answeredByName: string | null })
    | undefined
  > {
    const [row] = await this.db
      .select({
        call: calls,
        contactName: contacts.displayName,
        contactResponsibleUserId: contacts.responsibleUserId,
        answeredByName: users.fullName,
      })
      .from(calls)
      .leftJoin(contacts, eq(contacts.id, calls.contactId))
      .leftJoin(users, eq(users.id, calls.answeredByUserId))
      .where(eq(calls.id, id))
      .limit(1);
    return row
      ? {
          ...row.call,
          contactName: row.contactName,
          contactResponsibleUserId: row.contactResponsibleUserId,
          answeredByName: row.answeredByName,
        }
      : undefined;
  }

  async reassignContact(tx: DatabaseExecutor, fromContactId: string, toContactId: string): Promise<void> {
    await tx.update(calls).set({ contactId: toContactId }).where(eq(calls.contactId, fromContactId));
  }
}
