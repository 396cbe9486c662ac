import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RingingCall } from '@/api/types';

/** The call ringing (or in progress) at this consultant's desk: it drives the screen-pop. */
export const useCallsStore = defineStore('calls', () => {
  const current = ref<RingingCall | null>(null);
  const popOpen = ref(false);
  const lastEnded = ref<string | null>(null);

  const isKnownCaller = computed(() => !!current.value?.contact);

  function ringing(payload: unknown): void {
    if (!isRingingCall(payload)) return;
    current.value = { openCards: [], lastInteractions: [], ...payload };
    popOpen.value = true;
  }

  function ended(payload: unknown): void {
    const callId = (payload as { callId?: string } | null)?.callId;
    if (current.value && callId && callId !== current.value.callId) return;
    lastEnded.value = current.value?.callId ?? callId ?? null;
    popOpen.value = false;
    current.value = null;
  }

  /** After "Beneficiar nou" the pop shows the new contact instead of the unknown number. */
  function identify(contact: NonNullable<RingingCall['contact']>): void {
    if (current.value) current.value = { ...current.value, contact };
  }

  function dismiss(): void {
    popOpen.value = false;
  }

  function reopen(): void {
    if (current.value) popOpen.value = true;
  }

  return { current, popOpen, lastEnded, isKnownCaller, ringing, ended, identify, dismiss, reopen };
});

function isRingingCall(value: unknown): value is RingingCall {
  const v = value as Partial<RingingCall> | null;
  return !!v && typeof v.callId === 'string' && typeof v.from === 'string';
}
