export {
  TelephonyWebhookRejectedError,
  type AgentStatusEvent,
  type AgentStatusListener,
  type CallDirection,
  type CallEventKind,
  type CallEventListener,
  type CallOutcome,
  type CallRecordingReference,
  type NormalizedCallEvent,
  type OriginateRequest,
  type OriginateResult,
  type TelephonyAdapter,
  type TelephonyWebhookRequest,
} from './telephony-adapter.js';
export {
  createTelephonyAdapter,
  telephonyAdapterNames,
  type TelephonyAdapterConfig,
  type TelephonyAdapterConfigs,
  type TelephonyAdapterName,
} from './registry.js';
export * from './asterisk/index.js';
export * from './twilio-voice/index.js';
export * from './cloud-pbx/index.js';
