/**
 * The normalized call event the telephony package's adapters emit (`NormalizedCallEvent` in
 * @consult-crm/telephony/src/telephony-adapter.ts), restated structurally so the core compiles without the package.
 */
export type CallEvent = {
  kind: 'ringing' | 'answered' | 'ended' | 'missed' | 'recording-ready';
  pbx: string;
  callId: string;
  at: Date;
  from: string;
  did?: string;
  to?: string;
  direction: 'inbound' | 'outbound' | 'internal';
  agentExtensions?: string[];
  agentExtension?: string;
  queue?: string;
  waitSeconds?: number;
  talkSeconds?: number;
  outcome?: 'answered' | 'missed' | 'abandoned' | 'voicemail' | 'transferred' | 'busy' | 'failed';
  recording?: { fileName?: string; url?: string; durationSeconds?: number };
};
