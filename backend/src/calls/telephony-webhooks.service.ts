import { Inject, Injectable } from '@nestjs/common';
import {
  buildAfterHoursTwiml,
  buildDialFallbackTwiml,
  buildInboundCallTwiml,
  buildOutboundBridgeTwiml,
  parseTwilioCallStatusCallback,
  TelephonyWebhookRejectedError,
  verifyTwilioSignature,
  type TelephonyWebhookRequest,
  type TwilioDialTarget,
} from '@consult-crm/telephony';
import { ApiError } from '../common/api-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CallEventsService } from './call-events.service.js';
import { CallRoutingService } from './call-routing.service.js';
import { publicBaseUrl } from './pbx-adapter.factory.js';
import { PbxConnectionService } from './pbx-connection.service.js';

const CLOSED_MESSAGE =
  'Bună ziua! Centrul de consultanță este închis acum. Lăsați un mesaj după semnal și vă sunăm înapoi în program.';
const NO_ANSWER_MESSAGE = 'Consultanții noștri sunt ocupați. Lăsați un mesaj după semnal și vă sunăm înapoi.';

/**
 * Provider webhooks → verified normalized events → CallEventsService (awaited, so a 2xx means stored). Twilio's
 * incoming-call webhook also answers with TwiML that routes (sticky consultant or queue) and records, or takes a
 * voicemail out of hours.
 */
@Injectable()
export class TelephonyWebhooksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pbx: PbxConnectionService,
    private readonly events: CallEventsService,
    private readonly routing: CallRoutingService,
  ) {}

  private adapterFor(kind: 'twilio' | 'cloud-pbx') {
    const adapter = this.pbx.webhookAdapter();
    if (this.pbx.kind !== kind || !adapter?.handleWebhook)
      throw new ApiError(
        404,
        'telephony_not_configured',
        `This server does not take ${kind} webhooks (TELEPHONY_ADAPTER=${this.pbx.kind}).`,
      );
    return adapter as typeof adapter & { handleWebhook: NonNullable<typeof adapter.handleWebhook> };
  }

  /** Verified, parsed and stored; 401 when the signature is forged. */
  async ingestWebhook(kind: 'twilio' | 'cloud-pbx', request: TelephonyWebhookRequest): Promise<number> {
    const adapter = this.adapterFor(kind);
    let events;
    try {
      events = adapter.handleWebhook(request);
    } catch (error) {
      if (error instanceof TelephonyWebhookRejectedError) throw ApiError.unauthorized(error.message);
      throw error;
    }
    for (const event of events) await this.events.ingest(event);
    return events.length;
  }

  private verifyTwilio(request: TelephonyWebhookRequest): Record<string, string> {
    this.adapterFor('twilio');
    const params = (request.body ?? {}) as Record<string, string>;
    const signature = request.headers['x-twilio-signature'];
    if (
      !verifyTwilioSignature(
        this.config.telephony.twilio.authToken!,
        request.url,
        params,
        Array.isArray(signature) ? signature[0] : signature,
      )
    )
      throw ApiError.unauthorized('X-Twilio-Signature does not match: check the Twilio auth token and PUBLIC_URL.');
    return params;
  }

  private urls() {
    const base = `${publicBaseUrl(this.config)}/api/telephony/twilio`;
    return { status: `${base}/status`, recording: `${base}/recording`, dialResult: `${base}/dial-result` };
  }

  /** Incoming call: ring the consultant who handled this caller (or the queue); closed → voicemail. */
  async twilioIncomingCall(request: TelephonyWebhookRequest): Promise<string> {
    const params = this.verifyTwilio(request);
    const decision = await this.routing.route(params.From ?? '');
    const urls = this.urls();
    const ringing = parseTwilioCallStatusCallback(
      { ...params, CallStatus: 'ringing' },
      { pbx: this.pbx.webhookAdapter()!.name },
    );
    if (ringing) {
      const agentExtensions = decision.open && decision.extension ? [decision.extension] : [];
      await this.events.ingest({ ...ringing, agentExtensions, queue: decision.extension ? undefined : decision.queue });
    }
    if (!decision.open)
      return buildAfterHoursTwiml({
        message: CLOSED_MESSAGE,
        recordingStatusCallbackUrl: urls.recording,
        language: 'ro-RO',
      });
    if (!decision.extension) return buildDialFallbackTwiml(undefined, { kind: 'queue', queueName: decision.queue });
    const target = twilioTarget(this.config.telephony.twilio.agentAddress, decision.extension);
    return buildInboundCallTwiml({
      target,
      dialActionUrl: urls.dialResult,
      recordingStatusCallbackUrl: urls.recording,
    });
  }

  /** The Dial ended: hang up if answered, else voicemail. */
  twilioDialResult(request: TelephonyWebhookRequest): string {
    const params = this.verifyTwilio(request);
    return buildDialFallbackTwiml(params.DialCallStatus, {
      kind: 'voicemail',
      prompt: NO_ANSWER_MESSAGE,
      recordingStatusCallbackUrl: this.urls().recording,
    });
  }

  /** Click-to-call second leg: the consultant answered, now dial the customer. */
  twilioBridge(request: TelephonyWebhookRequest, to: string): string {
    this.verifyTwilio(request);
    return buildOutboundBridgeTwiml({
      to,
      callerId: this.config.telephony.twilio.callerId ?? '',
      recordingStatusCallbackUrl: this.urls().recording,
    });
  }
}

function twilioTarget(template: string, extension: string): TwilioDialTarget {
  const address = template.replaceAll('{extension}', extension);
  if (address.startsWith('client:')) return { kind: 'client', identity: address.slice('client:'.length) };
  if (address.startsWith('sip:')) return { kind: 'sip', uri: address };
  return { kind: 'number', phoneNumber: address };
}
