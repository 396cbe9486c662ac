import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { auditEvents, type AuditEventRow } from './audit.schema.js';

/** One lock for the whole chain: audited writes append in a single order. */
const AUDIT_CHAIN_LOCK_KEY = 7_301_905_002;

@Injectable()
export class AuditRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  async lockChain(tx: DatabaseExecutor): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
  }

  async lastHash(tx: DatabaseExecutor): Promise<string | undefined> {
    const [row] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    return row?.hash;
  }

  async insert(tx: DatabaseExecutor, row: typeof auditEvents.$inferInsert): Promise<AuditEventRow> {
    const [inserted] = await tx.insert(auditEvents).values(row).returning();
    return inserted;
  }

  async insertMany(tx: DatabaseExecutor, rows: (typeof auditEvents.$inferInsert)[]): Promise<void> {
    if (rows.length) await tx.insert(auditEvents).values(rows);
  }

  /** Blanks the payload of the entities' digest-carrying events; counts the legacy ones it must leave alone. */
  async redactEntities(
    entityType: string,
    entityIds: string[],
    at: Date,
    tx: DatabaseExecutor,
  ): Promise<{ redacted: number; notRedactable: number }> {
    const about = and(eq(auditEvents.entityType, entityType), inArray(auditEvents.entityId, entityIds));
    const redacted = await tx
      .update(auditEvents)
      .set({ before: null, after: null, redactedAt: at })
      .where(and(about, isNotNull(auditEvents.payloadDigest), isNull(auditEvents.redactedAt)))
      .returning({ id: auditEvents.id });
    const [legacy] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(about, isNull(auditEvents.payloadDigest)));
    return { redacted: redacted.length, notRedactable: legacy.n };
  }

  async pageAfter(afterId: number, limit: number): Promise<AuditEventRow[]> {
    return this.db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, afterId))
      .orderBy(asc(auditEvents.id))
      .limit(limit);
  }

  async search(filter: {
    entityType?: string;
    entityId?: string;
    actorUserId?: string;
    action?: string;
    beforeId?: number;
    limit: number;
  }) {
    const where: SQL[] = [];
    if (filter.entityType) where.push(eq(auditEvents.entityType, filter.entityType));
    if (filter.entityId) where.push(eq(auditEvents.entityId, filter.entityId));
    if (filter.actorUserId) where.push(eq(auditEvents.actorUserId, filter.actorUserId));
    if (filter.action) where.push(eq(auditEvents.action, filter.action));
    if (filter.beforeId) where.push(sql`${auditEvents.id} < ${filter.beforeId}`);
    return this.db
      .select()
      .from(auditEvents)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(auditEvents.id))
      .limit(filter.limit);
  }

  async unforwarded(limit: number): Promise<AuditEventRow[]> {
    return this.db
      .select()
      .from(auditEvents)
      .where(isNull(auditEvents.forwardedAt))
      .orderBy(asc(auditEvents.id))
      .limit(limit);
  }

  async markForwarded(ids: number[], at: Date): Promise<void> {
    if (!ids.length) return;
    await this.db
      .update(auditEvents)
      .set({ forwardedAt: at })
      .where(sql`${auditEvents.id} in ${ids}`);
  }
}
