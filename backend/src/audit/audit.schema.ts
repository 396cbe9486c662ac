import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit trail: `hash = sha256(prevHash + canonical JSON of the event)`, where the event's
 * before/after enter through `payloadDigest` (their own sha256), so a GDPR erasure can blank them (`redactedAt`)
 * without breaking the chain. Changing or deleting any row breaks the chain from that row on
 * (see AuditService.verifyChain). Rows written before digests existed have none and hash their payload directly.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    actorUserId: text(),
    actorLabel: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    /** sha256 of canonical JSON [before, after]; null on rows from before redaction existed (those cannot be redacted). */
    payloadDigest: text(),
    /** Set when a GDPR erasure blanked before/after; the digest keeps the chain verifiable. */
    redactedAt: timestamp({ withTimezone: true, precision: 3 }),
    ip: text(),
    requestId: text(),
    prevHash: text().notNull(),
    hash: text().notNull().unique(),
    forwardedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('audit_events_entity_idx').on(t.entityType, t.entityId), index('audit_events_at_idx').on(t.at)],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
