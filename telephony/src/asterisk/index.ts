export { AmiCallTracker, type AmiCallTrackerOptions } from './ami-call-tracker.js';
export type { AmiCallState, AmiDialLeg, AmiRingWave } from './ami-call-state.js';
export { amiField, type AmiEvent, type AmiEventValue } from './ami-event.js';
export { AsteriskAmiAdapter } from './asterisk-ami-adapter.js';
export type { AmiConnectionState, AsteriskAmiConfig } from './asterisk-ami-config.js';
export type { ExponentialBackoffOptions } from './exponential-backoff.js';
