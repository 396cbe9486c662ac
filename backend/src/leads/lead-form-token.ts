import { createHmac, timingSafeEqual } from 'node:crypto';

const TOKEN_TTL_MS = 24 * 3_600_000;

/** `<issuedAtMs>.<hmac>`: proves the form was fetched from us and tells how long it was on screen. */
export function issueLeadFormToken(secret: string, now = Date.now()): string {
  return `${now}.${sign(secret, now)}`;
}

/** The issue time of a valid token, or undefined when it is forged or expired. */
export function verifyLeadFormToken(secret: string, token: string | undefined, now = Date.now()): number | undefined {
  const [issued, mac] = (token ?? '').split('.');
  const issuedAt = Number(issued);
  if (!Number.isSafeInteger(issuedAt) || !mac || now - issuedAt > TOKEN_TTL_MS || issuedAt > now + 60_000)
    return undefined;
  const expected = Buffer.from(sign(secret, issuedAt));
  const received = Buffer.from(mac);
  return expected.length === received.length && timingSafeEqual(expected, received) ? issuedAt : undefined;
}

function sign(secret: string, issuedAt: number): string {
  return createHmac('sha256', secret).update(`lead-form:${issuedAt}`).digest('base64url');
}
