export * from './meta-config.js';
export * from './meta-webhook-types.js';
export * from './meta-webhook-parser.js';
export * from './meta-send-api-client.js';
export * from './meta-channel-adapter.js';
