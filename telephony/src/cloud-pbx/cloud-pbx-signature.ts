import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CloudPbxSignatureConfig } from './cloud-pbx-config.js';

/** HMAC-SHA256 of the raw body under the shared secret, compared in constant time. */
export function verifyCloudPbxSignature(
  rawBody: Buffer,
  headerValue: string | undefined,
  config: CloudPbxSignatureConfig,
): boolean {
  if (!headerValue) return false;
  const prefix = config.prefix ?? '';
  if (!headerValue.startsWith(prefix)) return false;
  const encoding = config.encoding ?? 'hex';
  const received = Buffer.from(headerValue.slice(prefix.length).trim(), encoding);
  const expected = createHmac('sha256', config.secret).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/** The header value a provider would send (for tests and for documenting the scheme). */
export function signCloudPbxBody(rawBody: Buffer, config: CloudPbxSignatureConfig): string {
  return `${config.prefix ?? ''}${createHmac('sha256', config.secret)
    .update(rawBody)
    .digest(config.encoding ?? 'hex')}`;
}
