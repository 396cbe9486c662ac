import type { CallOutcome, NormalizedCallEvent } from '../telephony-adapter.js';
import type { AmiCallState } from './ami-call-state.js';

export function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
}

/** Outcome of a call nobody answered, from the strongest evidence down. */
export function unansweredOutcome(state: AmiCallState): CallOutcome {
  if (state.reachedVoicemail) return 'voicemail';
  if (state.abandonedInQueue) return 'abandoned';
  const statuses = [...state.legs.values()].map((leg) => leg.endStatus ?? 'CANCEL');
  if (statuses.length === 0) return 'missed';
  const last = statuses[statuses.length - 1];
  if (last === 'CANCEL') return 'abandoned';
  if (statuses.every((status) => status === 'BUSY')) return 'busy';
  if (statuses.every((status) => status === 'CHANUNAVAIL' || status === 'CONGESTION')) return 'failed';
  return 'missed';
}

/** The `ended` (answered) or `missed` event that closes a call. */
export function callClosingEvent(
  state: AmiCallState,
  endedAt: Date,
  base: Pick<NormalizedCallEvent, 'pbx' | 'callId' | 'from' | 'did' | 'to' | 'direction' | 'queue'>,
): NormalizedCallEvent {
  if (state.answeredAt) {
    return {
      ...base,
      kind: 'ended',
      at: endedAt,
      agentExtension: state.answeredBy,
      waitSeconds: secondsBetween(state.startedAt, state.answeredAt),
      talkSeconds: secondsBetween(state.answeredAt, endedAt),
      outcome: state.transferred ? 'transferred' : 'answered',
    };
  }
  return {
    ...base,
    kind: 'missed',
    at: endedAt,
    waitSeconds: secondsBetween(state.startedAt, endedAt),
    talkSeconds: 0,
    outcome: unansweredOutcome(state),
  };
}
