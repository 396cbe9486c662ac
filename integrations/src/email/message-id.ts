import { randomUUID } from 'node:crypto';

/** A new RFC 5322 Message-ID, angle brackets included (the form mailparser reports). */
export function newMessageId(domain: string): string {
  return `<${randomUUID()}@${domain}>`;
}

/** The References header of a reply: the parent's chain followed by the parent itself, without duplicates. */
export function referencesForReply(
  parentReferences: string[] | undefined,
  parentMessageId: string | undefined,
): string[] {
  const chain = [...(parentReferences ?? []), ...(parentMessageId ? [parentMessageId] : [])];
  return [...new Set(chain)];
}
