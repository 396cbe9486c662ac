import { randomUUID } from 'node:crypto';
import { renderJsonTemplate, valueAtPath, type JsonTemplate } from '../viber-business/json-template.js';
import type { DeliveryStatusUpdate, InboundRequest } from '../channel-adapter.js';
import {
  checkHttpSmsStatusCallbackConfig,
  parseHttpSmsStatusCallback,
  verifyHttpSmsStatusCallback,
  type HttpSmsStatusCallbackConfig,
} from './http-sms-status-callback.js';
import { priceFor, type SmsPricing, type SmsProvider } from './sms-provider.js';

/**
 * Any SMS gateway with an HTTP API: one request per message, body built from a template with the placeholders
 * {{to}} (E.164 with +), {{toDigits}} (without +), {{from}}, {{text}}, {{messageRef}} (a fresh UUID) and every key
 * of `templateValues`; a 2xx answer carrying the message id at `responseMessageIdPath` is a success. With
 * `statusCallback`, signed JSON delivery reports are accepted and `{{statusCallbackUrl}}` prints where to send them.
 */
export type HttpSmsProviderConfig = {
  name: string;
  pricing: SmsPricing;
  url: string;
  /** Default POST. */
  method?: 'POST' | 'PUT';
  auth?:
    | { kind: 'bearer'; token: string }
    | { kind: 'basic'; username: string; password: string }
    | { kind: 'header'; header: string; secret: string };
  /** `json` (default) sends the rendered template as JSON; `form` as application/x-www-form-urlencoded (flat objects). */
  bodyFormat?: 'json' | 'form';
  bodyTemplate: JsonTemplate;
  /** Sender id or number, printed by {{from}}. */
  from?: string;
  templateValues?: Record<string, string | number | boolean>;
  /** Dotted path to the message id in the JSON answer, e.g. "messages.0.id"; omitted: the answer body is not read. */
  responseMessageIdPath?: string;
  timeoutMs?: number;
  /** Delivery reports the gateway POSTs back (HMAC-SHA256 signed JSON). */
  statusCallback?: HttpSmsStatusCallbackConfig;
  /** Set by the router: the URL the gateway reports to, printed by {{statusCallbackUrl}}. */
  statusCallbackUrl?: string;
};

export class HttpSmsProvider implements SmsProvider {
  readonly name: string;

  constructor(private readonly config: HttpSmsProviderConfig) {
    this.name = config.name;
    if (!/^https?:\/\//.test(config.url)) throw new Error(`SMS provider ${config.name}: url must be http(s)`);
    if (config.statusCallback) checkHttpSmsStatusCallbackConfig(config.name, config.statusCallback);
  }

  verifyStatusCallback(req: InboundRequest): boolean {
    return this.config.statusCallback ? verifyHttpSmsStatusCallback(this.config.statusCallback, req) : false;
  }

  parseStatusCallback(req: InboundRequest): DeliveryStatusUpdate[] {
    return this.config.statusCallback ? parseHttpSmsStatusCallback(this.config.statusCallback, req, new Date()) : [];
  }

  pricePerSegment(to: string): number | undefined {
    return priceFor(this.config.pricing, to);
  }

  async send(to: string, text: string): Promise<{ providerMessageId: string }> {
    const phone = to.startsWith('+') ? to : `+${to}`;
    const messageRef = randomUUID();
    const rendered = renderJsonTemplate(this.config.bodyTemplate, {
      ...this.config.templateValues,
      to: phone,
      toDigits: phone.slice(1),
      from: this.config.from ?? '',
      text,
      messageRef,
      statusCallbackUrl: this.config.statusCallbackUrl ?? '',
    });
    const form = this.config.bodyFormat === 'form';
    const body = form
      ? new URLSearchParams(
          Object.entries(rendered as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v)]),
        ).toString()
      : JSON.stringify(rendered);
    const response = await fetch(this.config.url, {
      method: this.config.method ?? 'POST',
      headers: {
        'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json',
        ...this.authHeaders(),
      },
      body,
      signal: AbortSignal.timeout(this.config.timeoutMs ?? 15_000),
    });
    const answer = await response.text();
    if (!response.ok)
      throw new Error(`SMS provider ${this.name} refused the message: HTTP ${response.status} ${answer.slice(0, 200)}`);
    if (!this.config.responseMessageIdPath) return { providerMessageId: messageRef };
    let id: unknown;
    try {
      id = valueAtPath(JSON.parse(answer), this.config.responseMessageIdPath);
    } catch {
      id = undefined;
    }
    if (id === undefined || id === null || id === '')
      throw new Error(`SMS provider ${this.name} answered without ${this.config.responseMessageIdPath}`);
    return { providerMessageId: String(id) };
  }

  private authHeaders(): Record<string, string> {
    const auth = this.config.auth;
    if (!auth) return {};
    if (auth.kind === 'bearer') return { Authorization: `Bearer ${auth.token}` };
    if (auth.kind === 'basic')
      return { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
    return { [auth.header]: auth.secret };
  }
}
