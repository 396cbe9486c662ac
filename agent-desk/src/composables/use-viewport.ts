import { onBeforeUnmount, ref } from 'vue';

/** True on phone-size screens (≤ 480 px): pages switch to full-screen dialogs and the bottom navigation. */
export function usePhoneLayout() {
  const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(max-width: 480px)') : null;
  const isPhone = ref(query?.matches ?? false);
  const update = (event: MediaQueryListEvent) => (isPhone.value = event.matches);
  query?.addEventListener?.('change', update);
  onBeforeUnmount(() => query?.removeEventListener?.('change', update));
  return isPhone;
}
