export * from './channel-adapter.js';
export * from './registry.js';
export * from './telegram/index.js';
export * from './twilio/index.js';
export * from './meta/index.js';
export * from './viber/index.js';
export * from './mailchimp/index.js';
export * from './email/index.js';
