import type { AmiCallTrackerOptions } from './ami-call-tracker.js';
import type { ExponentialBackoffOptions } from './exponential-backoff.js';

export type AsteriskAmiConfig = {
  host: string;
  /** AMI port, normally 5038. */
  port: number;
  username: string;
  secret: string;
  /** Context the originated call continues in (AMI Originate); default 'from-internal'. */
  originateContext?: string;
  /** Technology of agent phones; default 'PJSIP'. */
  agentTechnology?: string;
  /** How long the agent's phone rings on originate; default 30 s. */
  originateRingTimeoutMs?: number;
  /** How long to wait for Asterisk to answer an action (login, originate); default 10 s. */
  actionTimeoutMs?: number;
  reconnect?: ExponentialBackoffOptions;
  tracker?: AmiCallTrackerOptions;
};

export type AmiConnectionState =
  { state: 'connecting' } | { state: 'connected' } | { state: 'disconnected'; reason: string; retryInMs?: number };
