export * from './telegram-config.js';
export * from './telegram-update-parser.js';
export * from './telegram-channel-adapter.js';
