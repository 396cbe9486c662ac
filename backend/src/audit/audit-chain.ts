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
  /** sha256 of [before, after] (auditPayloadDigest); absent on rows from before it existed. */
  payloadDigest?: string | null;
  ip: string | null;
  requestId: string | null;
};

/** The digest of an event's before/after that the chain covers instead of the payload itself (so it can be redacted). */
export function auditPayloadDigest(before: unknown, after: unknown): string {
  return createHash('sha256')
    .update(canonicalJson([before ?? null, after ?? null]))
    .digest('hex');
}

export function auditEventHash(prevHash: string, e: ChainedAuditFields): string {
  if (e.payloadDigest)
    return createHash('sha256')
      .update(
        canonicalJson([
          'v2',
          prevHash,
          e.at.toISOString(),
          e.actorUserId,
          e.actorLabel,
          e.action,
          e.entityType,
          e.entityId,
          e.payloadDigest,
          e.ip,
          e.requestId,
        ]),
      )
      .digest('hex');
  // Rows written before payload digests: the payload itself is hashed.
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
