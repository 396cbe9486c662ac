import { ListenerList } from '../listener-list.js';
import {
  TelephonyWebhookRejectedError,
  type CallEventListener,
  type NormalizedCallEvent,
  type OriginateRequest,
  type OriginateResult,
  type TelephonyAdapter,
  type TelephonyWebhookRequest,
} from '../telephony-adapter.js';
import { webhookHeader } from '../webhook-header.js';
import type { CloudPbxConfig } from './cloud-pbx-config.js';
import { cloudPbxEventsIn, parseCloudPbxEvent } from './cloud-pbx-event-parser.js';
import { verifyCloudPbxSignature } from './cloud-pbx-signature.js';
import { readJsonText } from './json-path.js';

/**
 * Any cloud PBX that posts signed JSON call events: the field mapping in the config says where
 * each normalized field lives. Originate posts to the provider's click-to-call URL when configured.
 */
export class CloudPbxAdapter implements TelephonyAdapter {
  readonly name: string;
  private readonly listeners = new ListenerList<NormalizedCallEvent>();

  constructor(private readonly config: CloudPbxConfig) {
    this.name = config.name ?? 'cloud-pbx';
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  onEvent(listener: CallEventListener): void {
    this.listeners.add(listener);
  }

  handleWebhook(request: TelephonyWebhookRequest): NormalizedCallEvent[] {
    const signature = webhookHeader(request.headers, this.config.signature.header);
    if (!verifyCloudPbxSignature(request.rawBody, signature, this.config.signature)) {
      throw new TelephonyWebhookRejectedError(
        `${this.config.signature.header} does not match the body: check the webhook secret configured for ${this.name}.`,
      );
    }
    const body = request.body ?? parseJsonBody(request.rawBody, this.name);
    const events = cloudPbxEventsIn(body, this.config)
      .map((providerEvent) => parseCloudPbxEvent(providerEvent, this.config))
      .filter((event): event is NormalizedCallEvent => event !== undefined);
    for (const event of events) this.listeners.emit(event);
    return events;
  }

  async originate(request: OriginateRequest): Promise<OriginateResult> {
    const originate = this.config.originate;
    if (!originate) {
      throw new Error(`${this.name} has no click-to-call URL configured: set originate.url in its telephony config.`);
    }
    const response = await fetch(originate.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...originate.headers },
      body: JSON.stringify(request),
    });
    if (!response.ok) {
      throw new Error(
        `${this.name} refused the call (HTTP ${response.status}); check the number and the API credentials.`,
      );
    }
    const answer: unknown = await response.json().catch(() => undefined);
    return { callId: readJsonText(answer, originate.callIdPath) };
  }
}

function parseJsonBody(rawBody: Buffer, pbxName: string): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new TelephonyWebhookRejectedError(
      `${pbxName} webhook body is not JSON: configure the provider to post application/json.`,
    );
  }
}
