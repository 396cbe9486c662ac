import { useI18n } from 'vue-i18n';
import type { LocalizedLabel } from '@/api/types';

/** Picks a settings label (pipelines, instruments, fields) in the UI language, falling back to Romanian. */
export function useLocalized() {
  const { locale } = useI18n();
  return (label: LocalizedLabel | string | null | undefined): string => {
    if (!label) return '';
    if (typeof label === 'string') return label;
    return label[locale.value as keyof LocalizedLabel] || label.ro;
  };
}
