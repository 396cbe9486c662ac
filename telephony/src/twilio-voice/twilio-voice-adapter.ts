import twilio from 'twilio';
import { ListenerList } from '../listener-list.js';
import { webhookHeader } from '../webhook-header.js';
import {
  TelephonyWebhookRejectedError,
  type CallEventListener,
  type NormalizedCallEvent,
  type OriginateRequest,
  type OriginateResult,
  type TelephonyAdapter,
  type TelephonyWebhookRequest,
} from '../telephony-adapter.js';
import { BaseUrlRequestClient } from './base-url-request-client.js';
import { parseTwilioRecordingCallback, type KnownTwilioCall } from './twilio-recording-callback.js';
import { verifyTwilioSignature } from './twilio-signature.js';
import { parseTwilioCallStatusCallback } from './twilio-status-callback.js';
import type { TwilioVoiceConfig } from './twilio-voice-config.js';
import { twilioField, type TwilioWebhookParams } from './twilio-webhook-fields.js';

const rememberedCalls = 1_000;

/**
 * Twilio Voice: events arrive as signed status/recording callbacks (handleWebhook); originate is
 * a REST `calls.create` that rings the agent first and then bridges to the customer.
 */
export class TwilioVoiceAdapter implements TelephonyAdapter {
  readonly name: string;
  private readonly client: twilio.Twilio;
  private readonly listeners = new ListenerList<NormalizedCallEvent>();
  /** From/To/Direction per CallSid, because recording callbacks do not repeat them. */
  private readonly knownCalls = new Map<string, KnownTwilioCall>();

  constructor(private readonly config: TwilioVoiceConfig) {
    this.name = config.pbxName ?? 'twilio';
    this.client = twilio(config.accountSid, config.authToken, {
      httpClient: config.apiBaseUrl ? new BaseUrlRequestClient(config.apiBaseUrl) : undefined,
    });
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  onEvent(listener: CallEventListener): void {
    this.listeners.add(listener);
  }

  handleWebhook(request: TelephonyWebhookRequest): NormalizedCallEvent[] {
    const params = (request.body ?? {}) as TwilioWebhookParams;
    const signature = webhookHeader(request.headers, 'x-twilio-signature');
    if (!verifyTwilioSignature(this.config.authToken, request.url, params, signature)) {
      throw new TelephonyWebhookRejectedError(
        'X-Twilio-Signature does not match: check the Twilio auth token and that the URL is the public one Twilio calls.',
      );
    }
    const event = twilioField(params, 'RecordingSid')
      ? parseTwilioRecordingCallback(params, this.knownCalls.get(twilioField(params, 'CallSid') ?? ''), {
          pbx: this.name,
        })
      : parseTwilioCallStatusCallback(params, { pbx: this.name });
    if (!event) return [];
    if (event.kind !== 'recording-ready') this.rememberCall(event);
    this.listeners.emit(event);
    return [event];
  }

  async originate(request: OriginateRequest): Promise<OriginateResult> {
    const bridgeUrl = new URL(this.config.originateTwimlUrl);
    bridgeUrl.searchParams.set('to', request.to);
    const call = await this.client.calls.create({
      to: this.config.agentAddressTemplate.replaceAll('{extension}', request.fromExtension),
      from: request.callerId ?? this.config.callerId,
      url: bridgeUrl.href,
      statusCallback: this.config.statusCallbackUrl,
      statusCallbackEvent: this.config.statusCallbackUrl
        ? ['initiated', 'ringing', 'answered', 'completed']
        : undefined,
    });
    return { callId: call.sid };
  }

  private rememberCall(event: NormalizedCallEvent): void {
    this.knownCalls.delete(event.callId);
    this.knownCalls.set(event.callId, { from: event.from, did: event.did, to: event.to, direction: event.direction });
    if (this.knownCalls.size > rememberedCalls) {
      const oldest = this.knownCalls.keys().next().value;
      if (oldest !== undefined) this.knownCalls.delete(oldest);
    }
  }
}
