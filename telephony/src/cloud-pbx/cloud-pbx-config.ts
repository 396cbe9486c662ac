import type { CallDirection, CallEventKind, CallOutcome } from '../telephony-adapter.js';

/** JSON path (dots, `[n]` indexes) of each normalized field inside one provider event. */
export type CloudPbxFieldMapping = {
  kind: string;
  callId: string;
  /** ISO 8601, or a Unix time in seconds or milliseconds; absent → receive time. */
  at?: string;
  from: string;
  did?: string;
  to?: string;
  direction?: string;
  agentExtension?: string;
  /** A JSON array or a comma-separated string. */
  agentExtensions?: string;
  queue?: string;
  waitSeconds?: string;
  talkSeconds?: string;
  outcome?: string;
  recordingUrl?: string;
  recordingFileName?: string;
  recordingId?: string;
  recordingDurationSeconds?: string;
};

export type CloudPbxSignatureConfig = {
  /** Header carrying the HMAC-SHA256 of the raw body, e.g. 'X-Signature'. */
  header: string;
  secret: string;
  /** Digest encoding in the header; default 'hex'. */
  encoding?: 'hex' | 'base64';
  /** Text before the digest, e.g. 'sha256='. */
  prefix?: string;
};

export type CloudPbxOriginateConfig = {
  /** The provider's click-to-call endpoint; receives JSON { fromExtension, to, callerId }. */
  url: string;
  headers?: Record<string, string>;
  /** JSON path of the call id in the provider's answer. */
  callIdPath?: string;
};

export type CloudPbxConfig = {
  /** Name in NormalizedCallEvent.pbx, e.g. 'zadarma'; default 'cloud-pbx'. */
  name?: string;
  signature: CloudPbxSignatureConfig;
  fields: CloudPbxFieldMapping;
  /** Provider event type → normalized kind; unlisted types are ignored. */
  kindValues: Record<string, CallEventKind>;
  outcomeValues?: Record<string, CallOutcome>;
  /** Provider direction → normalized; unmapped values count as inbound. */
  directionValues?: Record<string, CallDirection>;
  /** When the provider batches events: JSON path of the array; absent → the body is one event. */
  eventsPath?: string;
  originate?: CloudPbxOriginateConfig;
};
