import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The fields the hash covers: everything about the event except its row id and forwarding state. */
export type ChainedAuditFields = {
  at: Date;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
};

export function auditEventHash(prevHash: string, e: ChainedAuditFields): string {
  const payload = canonicalJson([
    prevHash,
    e.at.toISOString(),
    e.actorUserId,
    e.actorLabel,
    e.action,
    e.entityType,
    e.entityId,
    e.before ?? null,
    e.after ?? null,
    e.ip,
    e.requestId,
  ]);
  return createHash('sha256').update(payload).digest('hex');
}
