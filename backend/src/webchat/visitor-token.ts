import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** `<visitorId>.<hmac>`: kept in the visitor's localStorage so the same person is recognised across reloads. */
export function issueVisitorToken(key: Buffer): { visitorId: string; token: string } {
  const visitorId = `v_${randomBytes(12).toString('base64url')}`;
  return { visitorId, token: `${visitorId}.${sign(key, visitorId)}` };
}

export function verifyVisitorToken(key: Buffer, token: unknown): string | undefined {
  if (typeof token !== 'string' || token.length > 200) return undefined;
  const dot = token.lastIndexOf('.');
  const visitorId = token.slice(0, dot);
  if (dot < 0 || !/^v_[\w-]{10,40}$/.test(visitorId)) return undefined;
  const expected = Buffer.from(sign(key, visitorId));
  const received = Buffer.from(token.slice(dot + 1));
  return expected.length === received.length && timingSafeEqual(expected, received) ? visitorId : undefined;
}

function sign(key: Buffer, visitorId: string): string {
  return createHmac('sha256', key).update(visitorId).digest('base64url');
}
