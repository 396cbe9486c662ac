export * from './viber-config.js';
export * from './viber-callback-types.js';
export * from './viber-callback-parser.js';
export * from './viber-rest-client.js';
export * from './viber-channel-adapter.js';
