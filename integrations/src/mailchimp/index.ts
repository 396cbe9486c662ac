export * from './mailchimp-config.js';
export * from './subscriber-hash.js';
export * from './mailchimp-audience-client.js';
