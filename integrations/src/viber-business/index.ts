export * from './json-template.js';
export * from './viber-business-config.js';
export * from './viber-business-status-parser.js';
export * from './sms-fallback-policy.js';
export * from './viber-business-channel-adapter.js';
