export * from './twilio-config.js';
export * from './twilio-webhook-parser.js';
export * from './twilio-channel-adapter.js';
