import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'crm_session';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Bearer header first (API clients, the desk), then the httpOnly cookie (browser, downloads, audio players). */
export function sessionTokenFrom(
  headers: { authorization?: string; cookie?: string },
  cookies?: Record<string, string>,
): string | undefined {
  const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return bearer;
  if (cookies?.[SESSION_COOKIE]) return cookies[SESSION_COOKIE];
  const raw = headers.cookie
    ?.split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === SESSION_COOKIE)?.[1];
  return raw ? decodeURIComponent(raw) : undefined;
}
