import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { templatesApi, type PreviewRequest, type TemplatePreview } from '@/api/templates-api';

/**
 * The editor's live preview: the draft is rendered by the server (the real engine, real merge data for the chosen
 * contact) after `delayMs` of quiet; a newer draft aborts the older request.
 */
export function useTemplatePreview(request: Ref<PreviewRequest | null>, delayMs = 400) {
  const preview = ref<TemplatePreview | null>(null);
  const loading = ref(false);
  const error = ref<unknown>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;

  async function run(value: PreviewRequest | null): Promise<void> {
    controller?.abort();
    if (!value) {
      preview.value = null;
      return;
    }
    const current = new AbortController();
    controller = current;
    loading.value = true;
    try {
      preview.value = await templatesApi.preview(value, current.signal);
      error.value = null;
    } catch (e) {
      if ((e as { name?: string })?.name !== 'AbortError') error.value = e;
    } finally {
      if (controller === current) loading.value = false;
    }
  }

  watch(
    request,
    (value) => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(value), delayMs);
    },
    { deep: true, immediate: true },
  );
  onBeforeUnmount(() => {
    clearTimeout(timer);
    controller?.abort();
  });
  return { preview, loading, error, refresh: () => run(request.value) };
}
