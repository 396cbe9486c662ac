/**
 * The small contract every PBX adapter implements. The core (backend) only sees these types;
 * provider SDKs (asterisk-manager, twilio) stay inside this package.
 */
export type CallDirection = 'inbound' | 'outbound' | 'internal';

export type CallEventKind = 'ringing' | 'answered' | 'ended' | 'missed' | 'recording-ready';

export type CallOutcome = 'answered' | 'missed' | 'abandoned' | 'voicemail' | 'transferred' | 'busy' | 'failed';

export type CallRecordingReference = {
  /** The provider's recording id (Twilio RecordingSid), when it has one. */
  id?: string;
  fileName?: string;
  url?: string;
  durationSeconds?: number;
};

export type NormalizedCallEvent = {
  kind: CallEventKind;
  /** Adapter name that produced the event ('asterisk', 'twilio', 'cloud-pbx' or a configured name). */
  pbx: string;
  /** Stable id of the whole call: Asterisk Linkedid, Twilio CallSid, the provider's call id. */
  callId: string;
  at: Date;
  /** Caller number as the PBX gave it; normalisation to E.164 is the core's job. */
  from: string;
  /** The number the caller dialled (inbound DID). */
  did?: string;
  /** The number an agent dialled (outbound/internal calls). */
  to?: string;
  direction: CallDirection;
  /** ringing: the extensions that ring in this wave. */
  agentExtensions?: string[];
  /** answered/ended: the extension that took the call. */
  agentExtension?: string;
  queue?: string;
  waitSeconds?: number;
  talkSeconds?: number;
  outcome?: CallOutcome;
  recording?: CallRecordingReference;
  raw?: unknown;
};

/** Registration state of an agent's phone (Asterisk PeerStatus); not a call event. */
export type AgentStatusEvent = {
  kind: 'agent-status';
  pbx: string;
  at: Date;
  agentExtension: string;
  status: 'online' | 'offline';
  /** The PBX's own word for it, e.g. Reachable, Registered, Unreachable. */
  detail: string;
};

export type OriginateRequest = { fromExtension: string; to: string; callerId?: string };
export type OriginateResult = { callId?: string };

/** An inbound webhook as the HTTP layer received it (cloud PBX and Twilio adapters). */
export type TelephonyWebhookRequest = {
  /** Header names may be in any case; adapters look them up case-insensitively. */
  headers: Record<string, string | string[] | undefined>;
  /** The exact bytes the provider sent: signatures are computed over these. */
  rawBody: Buffer;
  /** Parsed body (JSON object or form fields). */
  body: unknown;
  /** Full public URL as the provider called it. */
  url: string;
};

export type CallEventListener = (event: NormalizedCallEvent) => void;
export type AgentStatusListener = (event: AgentStatusEvent) => void;

export interface TelephonyAdapter {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  onEvent(listener: CallEventListener): void;
  originate(request: OriginateRequest): Promise<OriginateResult>;
  /** PBXs that report phone registration (Asterisk). */
  onAgentStatus?(listener: AgentStatusListener): void;
  /**
   * PBXs that push events over HTTP: verify, parse, emit to listeners and return the events.
   * Throws TelephonyWebhookRejectedError when the signature does not verify.
   */
  handleWebhook?(request: TelephonyWebhookRequest): NormalizedCallEvent[];
}

export class TelephonyWebhookRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TelephonyWebhookRejectedError';
  }
}
