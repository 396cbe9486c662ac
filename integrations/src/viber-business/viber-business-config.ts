import type { DeliveryStatus } from '../channel-adapter.js';
import type { JsonTemplate } from './json-template.js';

/**
 * Viber Business Messages (to phone numbers that never wrote to us) go through an aggregator
 * whose API differs per vendor; this config describes one vendor's HTTP API.
 */
export type ViberBusinessConfig = {
  /** Provider endpoint that accepts one message, e.g. https://api.vendor.example/v1/viber/send */
  sendUrl: string;
  /** e.g. { name: 'Authorization', value: 'Bearer …' } */
  authHeader: { name: string; value: string };
  /**
   * JSON body with placeholders: {{phone}} (E.164 with +), {{phoneDigits}} (without +), {{text}},
   * {{imageUrl}} (first image attachment, or ''), {{statusCallbackUrl}}, {{messageRef}} (a fresh UUID),
   * plus every key of `templateValues`.
   */
  bodyTemplate: JsonTemplate;
  /** Constant template values (sender id, TTL, SMS fallback text …). */
  templateValues?: Record<string, string | number | boolean>;
  statusCallbackUrl?: string;
  /** Dotted path to the provider's message id in the send response, e.g. "message_id" or "data.0.id". */
  responseMessageIdPath: string;
  statusCallback: ViberBusinessStatusCallbackConfig;
};

export type ViberBusinessStatusCallbackConfig = {
  /** How the provider authenticates its callbacks. */
  auth:
    | { kind: 'shared-secret'; header: string; secret: string }
    | { kind: 'hmac-sha256'; header: string; secret: string; encoding: 'hex' | 'base64'; prefix?: string };
  /** When the callback body is a batch, the dotted path to its array (omit for a single object). */
  itemsPath?: string;
  messageIdPath: string;
  statusPath: string;
  /** Provider status values → ours; unmapped values are ignored. */
  statusMap: Record<string, DeliveryStatus>;
  /** ISO 8601 string or epoch seconds/milliseconds; the arrival time when absent. */
  timestampPath?: string;
  /** Read only for statuses mapped to 'failed'. */
  errorPath?: string;
};
