export { verifyTwilioSignature } from './twilio-signature.js';
export {
  buildAfterHoursTwiml,
  buildDialFallbackTwiml,
  buildInboundCallTwiml,
  buildOutboundBridgeTwiml,
  type AfterHoursTwimlOptions,
  type InboundCallTwimlOptions,
  type TwilioDialFallback,
  type TwilioDialTarget,
} from './twilio-twiml.js';
export { parseTwilioCallStatusCallback, type TwilioParseOptions } from './twilio-status-callback.js';
export { parseTwilioRecordingCallback, type KnownTwilioCall } from './twilio-recording-callback.js';
export type { TwilioWebhookParams } from './twilio-webhook-fields.js';
export { TwilioVoiceAdapter } from './twilio-voice-adapter.js';
export type { TwilioVoiceConfig } from './twilio-voice-config.js';
