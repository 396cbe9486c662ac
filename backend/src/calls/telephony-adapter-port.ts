import type { CallEvent } from './call-event.js';

/** What the backend needs of a @consult-crm/telephony adapter (its `TelephonyAdapter`), structurally. */
export type PbxAdapter = {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  onEvent(listener: (event: CallEvent) => void): void;
  originate(request: { fromExtension: string; to: string; callerId?: string }): Promise<{ callId?: string }>;
};
