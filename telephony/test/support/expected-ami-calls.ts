import type { AgentStatusEvent, NormalizedCallEvent } from '../../src/telephony-adapter.js';

/** Matches a number within ±tolerance (durations are whole seconds measured between events). */
export function secondsNear(expected: number, tolerance = 1) {
  return {
    asymmetricMatch: (actual: unknown) => typeof actual === 'number' && Math.abs(actual - expected) <= tolerance,
    toString: () => `secondsNear(${expected} ± ${tolerance})`,
  };
}

const at = (iso: string) => new Date(iso);

const answeredCall = {
  pbx: 'asterisk',
  callId: '1795370170.0',
  from: '+37369123456',
  did: '1000',
  direction: 'inbound',
  queue: 'support',
} as const;

const missedCall = {
  pbx: 'asterisk',
  callId: '1795370183.5',
  from: '+37369000222',
  did: '1000',
  direction: 'inbound',
  queue: 'support',
} as const;

const afterHoursCall = {
  pbx: 'asterisk',
  callId: '1795370226.21',
  from: '+37369123456',
  did: '1999',
  direction: 'inbound',
} as const;

const directDialCall = {
  pbx: 'asterisk',
  callId: '1795370241.23',
  from: '+37369123456',
  did: '2000',
  direction: 'inbound',
} as const;

/** The call events each capture in ../shared/fixtures/ami must produce, in order. */
export const expectedCallEvents: Record<string, NormalizedCallEvent[]> = {
  '00-registration': [],
  'a-answered': [
    { ...answeredCall, kind: 'ringing', at: at('2026-11-22T17:56:10.095Z'), agentExtensions: ['101', '102'] },
    {
      ...answeredCall,
      kind: 'answered',
      at: at('2026-11-22T17:56:11.101Z'),
      agentExtension: '101',
      waitSeconds: secondsNear(1) as never,
    },
    {
      ...answeredCall,
      kind: 'ended',
      at: at('2026-11-22T17:56:17.099Z'),
      agentExtension: '101',
      waitSeconds: secondsNear(1) as never,
      talkSeconds: secondsNear(6) as never,
      outcome: 'answered',
    },
    {
      ...answeredCall,
      kind: 'recording-ready',
      at: at('2026-11-22T17:56:17.099Z'),
      recording: { fileName: '/tmp/asterisk-lab/rec/20261122-175610-+37369123456-1795370170.0.wav' },
    },
  ],
  'b-missed': [
    { ...missedCall, kind: 'ringing', at: at('2026-11-22T17:56:23.177Z'), agentExtensions: ['101', '102'] },
    { ...missedCall, kind: 'ringing', at: at('2026-11-22T17:56:33.181Z'), agentExtensions: ['101', '102'] },
    {
      ...missedCall,
      kind: 'missed',
      at: at('2026-11-22T17:56:35.182Z'),
      waitSeconds: secondsNear(12) as never,
      talkSeconds: 0,
      outcome: 'abandoned',
    },
    {
      ...missedCall,
      kind: 'recording-ready',
      at: at('2026-11-22T17:56:35.182Z'),
      recording: { fileName: '/tmp/asterisk-lab/rec/20261122-175623-+37369000222-1795370183.5.wav' },
    },
  ],
  'd-afterhours': [
    {
      ...afterHoursCall,
      kind: 'missed',
      at: at('2026-11-22T17:57:15.868Z'),
      waitSeconds: secondsNear(9) as never,
      talkSeconds: 0,
      outcome: 'voicemail',
    },
  ],
  'e-direct-dial': [
    { ...directDialCall, kind: 'ringing', at: at('2026-11-22T17:57:21.958Z'), agentExtensions: ['101'] },
    {
      ...directDialCall,
      kind: 'answered',
      at: at('2026-11-22T17:57:22.965Z'),
      agentExtension: '101',
      waitSeconds: secondsNear(1) as never,
    },
    {
      ...directDialCall,
      kind: 'ended',
      at: at('2026-11-22T17:57:28.963Z'),
      agentExtension: '101',
      waitSeconds: secondsNear(1) as never,
      talkSeconds: secondsNear(6) as never,
      outcome: 'answered',
    },
    {
      ...directDialCall,
      kind: 'recording-ready',
      at: at('2026-11-22T17:57:28.963Z'),
      recording: { fileName: '/tmp/asterisk-lab/rec/direct-1795370241.23.wav' },
    },
  ],
};

export const expectedAgentStatuses: Record<string, AgentStatusEvent[]> = {
  '00-registration': [
    {
      kind: 'agent-status',
      pbx: 'asterisk',
      at: at('2026-11-22T18:04:58.861Z'),
      agentExtension: '101',
      status: 'online',
      detail: 'Reachable',
    },
    {
      kind: 'agent-status',
      pbx: 'asterisk',
      at: at('2026-11-22T18:04:58.977Z'),
      agentExtension: '102',
      status: 'online',
      detail: 'Reachable',
    },
  ],
};

export const amiFixtureNames = Object.keys(expectedCallEvents);
