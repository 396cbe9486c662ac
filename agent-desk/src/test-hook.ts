import type { Pinia } from 'pinia';
import { useCallsStore } from '@/stores/calls';
import { useRealtimeStore } from '@/stores/realtime';

const FLAG_KEY = 'crm.e2e';

export type CrmTestHook = {
  /** Plays a `call:ringing` event as if the server had sent it. */
  simulateRinging(payload: unknown): void;
  simulateEnded(callId?: string): void;
  /** Any other server event (for example `task:assigned`). */
  simulateEvent(event: string, payload: unknown): void;
};

declare global {
  interface Window {
    __crmTest?: CrmTestHook;
  }
}

/**
 * Browser-test hook, present in every build but usable only in a tab opened with `?e2e=1` (remembered for the tab's
 * session). It feeds events into the same realtime handlers the socket feeds, so tests exercise the real screen-pop.
 */
export function installTestHook(pinia: Pinia, location: Location = window.location): void {
  const enabled = new URLSearchParams(location.search).get('e2e') === '1' || sessionStorage.getItem(FLAG_KEY) === '1';
  if (enabled) sessionStorage.setItem(FLAG_KEY, '1');
  const guard = () => {
    if (!enabled) throw new Error('The test hook is disabled: open the desk with ?e2e=1.');
  };
  window.__crmTest = {
    simulateRinging(payload) {
      guard();
      useRealtimeStore(pinia).dispatch('call:ringing', payload);
    },
    simulateEnded(callId) {
      guard();
      useRealtimeStore(pinia).dispatch('call:ended', { callId: callId ?? useCallsStore(pinia).current?.callId });
    },
    simulateEvent(event, payload) {
      guard();
      useRealtimeStore(pinia).dispatch(event, payload);
    },
  };
}
