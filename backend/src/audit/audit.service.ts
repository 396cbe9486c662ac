import { Injectable } from '@nestjs/common';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { requestContext } from '../common/request-context.js';
import { AUDIT_GENESIS_HASH, auditEventHash, auditPayloadDigest, type ChainedAuditFields } from './audit-chain.js';
import { AuditRepository } from './audit.repository.js';
import { asStoredJson } from './canonical-json.js';
import type { AuditEventRow } from './audit.schema.js';

export type AuditEntry = {
  /** `create`, `update`, `delete`, or a domain verb such as `auth.login_failed`, `contact.export`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** For system jobs and anonymous events; otherwise the signed-in user of the request is the actor. */
  actor?: { userId?: string | null; label: string };
};

export type ChainVerification = { ok: boolean; checked: number; brokenAtId?: number; reason?: string };

/** Writes hash-chained audit events; every create/update/delete in the app goes through `record`. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly repository: AuditRepository,
  ) {}

  /**
   * Appends an event. Pass the transaction of the change so the change and its audit commit together;
   * without one the event gets its own transaction.
   */
  async record(entry: AuditEntry, tx?: DatabaseExecutor): Promise<void> {
    return this.recordMany([entry], tx);
  }

  /** Appends several events, chained in order, under one lock and in one insert (same rules as `record`). */
  async recordMany(entries: AuditEntry[], tx?: DatabaseExecutor): Promise<void> {
    if (!entries.length) return;
    if (!tx) return this.db.transaction((own) => this.recordMany(entries, own));
    const ctx = requestContext.current();
    const at = new Date();
    await this.repository.lockChain(tx);
    let prevHash = (await this.repository.lastHash(tx)) ?? AUDIT_GENESIS_HASH;
    const rows = entries.map((entry) => {
      const fields: ChainedAuditFields = {
        at,
        actorUserId: entry.actor ? (entry.actor.userId ?? null) : (ctx?.user?.id ?? null),
        actorLabel: entry.actor?.label ?? ctx?.user?.email ?? 'anonymous',
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        before: asStoredJson(entry.before),
        after: asStoredJson(entry.after),
        ip: ctx?.ip ?? null,
        requestId: ctx?.requestId ?? null,
      };
      fields.payloadDigest = auditPayloadDigest(fields.before, fields.after);
      const hash = auditEventHash(prevHash, fields);
      const row = { ...fields, prevHash, hash };
      prevHash = hash;
      return row;
    });
    await this.repository.insertMany(tx, rows);
  }

  /** Walks the whole chain; the first row whose hash or link does not match is where tampering happened. */
  async verifyChain(): Promise<ChainVerification> {
    let prevHash = AUDIT_GENESIS_HASH;
    let lastId = 0;
    let checked = 0;
    for (;;) {
      const page = await this.repository.pageAfter(lastId, 1000);
      if (!page.length) return { ok: true, checked };
      for (const row of page) {
        if (row.prevHash !== prevHash)
          return { ok: false, checked, brokenAtId: row.id, reason: 'link to the previous event does not match' };
        if (!payloadIntact(row) || auditEventHash(prevHash, row) !== row.hash)
          return { ok: false, checked, brokenAtId: row.id, reason: 'event content was changed' };
        prevHash = row.hash;
        lastId = row.id;
        checked++;
      }
    }
  }

  /**
   * GDPR erasure: blanks before/after of every event about these entities (their digests keep the chain verifiable)
   * and marks them redacted. Events from before payload digests existed cannot be blanked without breaking the chain:
   * they are counted, not changed. Run inside the erasure's transaction.
   */
  async redactEntities(
    entityType: string,
    entityIds: string[],
    tx: DatabaseExecutor,
  ): Promise<{ redacted: number; notRedactable: number }> {
    if (!entityIds.length) return { redacted: 0, notRedactable: 0 };
    return this.repository.redactEntities(entityType, entityIds, new Date(), tx);
  }

  search(filter: Parameters<AuditRepository['search']>[0]) {
    return this.repository.search(filter);
  }
}

/** A row's before/after match its digest, or were blanked by a redaction (which leaves nothing else behind). */
function payloadIntact(row: AuditEventRow): boolean {
  if (!row.payloadDigest) return true; // legacy row: its hash covers the payload itself
  if (row.redactedAt) return row.before === null && row.after === null;
  return auditPayloadDigest(row.before, row.after) === row.payloadDigest;
}
