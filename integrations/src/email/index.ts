export * from './email-config.js';
export * from './message-id.js';
export * from './mime-message-mapper.js';
export * from './smtp-sender.js';
export * from './imap-inbox-poller.js';
export * from './email-channel-adapter.js';
