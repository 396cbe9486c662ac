import type { NormalizedCallEvent, TelephonyAdapter } from '@consult-crm/telephony';

/** The normalized call event every @consult-crm/telephony adapter emits. */
export type CallEvent = NormalizedCallEvent;
/** A configured PBX adapter. */
export type PbxAdapter = TelephonyAdapter;
