import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InboundRequest } from '../channel-adapter.js';

/** Case-insensitive single header value (first one when repeated). */
export function headerValue(req: InboundRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Constant-time string comparison; false on length mismatch or missing value. */
export function safeEqual(expected: string, received: string | undefined): boolean {
  if (received === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function hmacSha256Hex(secret: string, payload: Buffer | string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** The JSON body: taken from rawBody when present so the parse matches what was signed. */
export function jsonBody(req: InboundRequest): unknown {
  if (req.rawBody.length > 0) return JSON.parse(req.rawBody.toString('utf8'));
  return req.body;
}

/** Form fields of an application/x-www-form-urlencoded body. */
export function formFields(req: InboundRequest): Record<string, string> {
  if (req.rawBody.length > 0) {
    return Object.fromEntries(new URLSearchParams(req.rawBody.toString('utf8')));
  }
  const fields: Record<string, string> = {};
  if (req.body && typeof req.body === 'object') {
    for (const [key, value] of Object.entries(req.body as Record<string, unknown>)) {
      if (value !== undefined && value !== null) fields[key] = String(value);
    }
  }
  return fields;
}

export function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
