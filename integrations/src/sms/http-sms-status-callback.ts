import { createHmac } from 'node:crypto';
import type { DeliveryStatus, DeliveryStatusUpdate, InboundRequest } from '../channel-adapter.js';
import { headerValue, jsonBody, safeEqual } from '../shared/request-helpers.js';
import { valueAtPath } from '../viber-business/json-template.js';

/**
 * Delivery reports of a generic HTTP SMS gateway: a JSON POST signed with HMAC-SHA256 of the raw body under a shared
 * secret, with the message id and status at configurable paths. One report per body, or a list at `reportsPath`.
 */
export type HttpSmsStatusCallbackConfig = {
  /** The shared secret both sides hold. */
  secret: string;
  /** Header carrying the signature; default `X-Signature`. */
  signatureHeader?: string;
  /** `hex` (default) or `base64`. */
  signatureEncoding?: 'hex' | 'base64';
  /** Printed before the digest, e.g. `sha256=`; default none. */
  signaturePrefix?: string;
  /** Dotted path to a list of reports in the body; omitted: the body is one report. */
  reportsPath?: string;
  /** Path (in a report) to the provider's message id: the one its send answer carried (`responseMessageIdPath`). */
  messageIdPath: string;
  statusPath: string;
  /** Gateway status → ours (`queued`, `sent`, `delivered`, `read`, `failed`); unmapped statuses are ignored. */
  statuses: Record<string, DeliveryStatus>;
  errorPath?: string;
  /** Path to the report's time (ISO 8601 or epoch seconds/milliseconds); default: when it arrived. */
  timestampPath?: string;
};

const DELIVERY_STATUSES = new Set<DeliveryStatus>(['queued', 'sent', 'delivered', 'read', 'failed']);

export function checkHttpSmsStatusCallbackConfig(name: string, config: HttpSmsStatusCallbackConfig): void {
  if (!config.secret || config.secret.length < 16)
    throw new Error(`SMS provider ${name}: statusCallback.secret must have at least 16 characters`);
  if (!config.messageIdPath || !config.statusPath)
    throw new Error(`SMS provider ${name}: statusCallback needs messageIdPath and statusPath`);
  for (const [key, value] of Object.entries(config.statuses ?? {}))
    if (!DELIVERY_STATUSES.has(value))
      throw new Error(
        `SMS provider ${name}: statusCallback.statuses.${key} must be queued, sent, delivered, read or failed`,
      );
}

export function verifyHttpSmsStatusCallback(config: HttpSmsStatusCallbackConfig, req: InboundRequest): boolean {
  const digest = createHmac('sha256', config.secret)
    .update(req.rawBody)
    .digest(config.signatureEncoding ?? 'hex');
  return safeEqual(
    `${config.signaturePrefix ?? ''}${digest}`,
    headerValue(req, config.signatureHeader ?? 'X-Signature'),
  );
}

/** The reports of a verified callback, with the gateway's own message ids. */
export function parseHttpSmsStatusCallback(
  config: HttpSmsStatusCallbackConfig,
  req: InboundRequest,
  receivedAt: Date,
): DeliveryStatusUpdate[] {
  const body = jsonBody(req);
  const reports = config.reportsPath ? valueAtPath(body, config.reportsPath) : [body];
  if (!Array.isArray(reports)) return [];
  const updates: DeliveryStatusUpdate[] = [];
  for (const report of reports) {
    const id = valueAtPath(report, config.messageIdPath);
    const status = config.statuses[String(valueAtPath(report, config.statusPath))];
    if (id === undefined || id === null || id === '' || !status) continue;
    const error = config.errorPath ? valueAtPath(report, config.errorPath) : undefined;
    updates.push({
      channel: 'sms',
      providerMessageId: String(id),
      status,
      at: timeOf(config.timestampPath ? valueAtPath(report, config.timestampPath) : undefined) ?? receivedAt,
      ...(status === 'failed' && error !== undefined && error !== null ? { error: String(error) } : {}),
    });
  }
  return updates;
}

function timeOf(value: unknown): Date | undefined {
  if (typeof value === 'number') return new Date(value < 1e12 ? value * 1000 : value);
  if (typeof value !== 'string' || !value) return undefined;
  const date = /^\d+$/.test(value) ? timeOf(Number(value)) : new Date(value);
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}
