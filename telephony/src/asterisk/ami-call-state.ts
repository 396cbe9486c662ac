import type { CallDirection } from '../telephony-adapter.js';

/** One dialled leg (DialBegin → first DialEnd) of a call. */
export type AmiDialLeg = {
  channel: string;
  agentExtension?: string;
  /** DialStatus of the first DialEnd; later duplicates (CANCEL) are ignored. */
  endStatus?: string;
};

/** Agents being rung together; reported as one ringing event once the dial attempt is placed. */
export type AmiRingWave = { startedAt: Date; agentExtensions: string[]; reported: boolean };

/** Everything the tracker knows about one call, grouped by Linkedid. */
export type AmiCallState = {
  callId: string;
  startedAt: Date;
  from: string;
  did?: string;
  to?: string;
  direction: CallDirection;
  callerChannel: string;
  /** Channels seen and not yet hung up; the call ends when this empties. */
  liveChannels: Set<string>;
  hungUpChannels: Set<string>;
  legs: Map<string, AmiDialLeg>;
  ringWave?: AmiRingWave;
  queue?: string;
  answeredAt?: Date;
  answeredBy?: string;
  /** Queue HoldTime/TalkTime in seconds when app_queue reported them. */
  queueHoldSeconds?: number;
  queueTalkSeconds?: number;
  reachedVoicemail: boolean;
  abandonedInQueue: boolean;
  transferred: boolean;
  recordingFile?: string;
};

export function createCallState(init: {
  callId: string;
  startedAt: Date;
  from: string;
  did?: string;
  to?: string;
  direction: CallDirection;
  callerChannel: string;
}): AmiCallState {
  return {
    ...init,
    liveChannels: new Set([init.callerChannel]),
    hungUpChannels: new Set(),
    legs: new Map(),
    reachedVoicemail: false,
    abandonedInQueue: false,
    transferred: false,
  };
}

/** What remains of a finished call, so late Cdr events neither revive it nor repeat recording-ready. */
export type AmiFinishedCall = { state: AmiCallState; endedAt: Date; recordingReported: boolean };
