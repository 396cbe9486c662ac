import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit trail: `hash = sha256(prevHash + canonical JSON of the event)`.
 * Changing or deleting any row breaks the chain from that row on (see AuditService.verifyChain).
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
    ip: text(),
    requestId: text(),
    prevHash: text().notNull(),
    hash: text().notNull().unique(),
    forwardedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('audit_events_entity_idx').on(t.entityType, t.entityId), index('audit_events_at_idx').on(t.at)],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
