import { ref, shallowRef, type Ref } from 'vue';

/** Loads data for a section: `loading`/`error` for its skeleton and error state, `reload` after a change. */
export function useAsyncData<T>(load: () => Promise<T>, initial: T) {
  const data = shallowRef(initial) as Ref<T>;
  const loading = ref(false);
  const error = ref<unknown>(null);
  async function reload(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      data.value = await load();
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }
  return { data, loading, error, reload };
}
