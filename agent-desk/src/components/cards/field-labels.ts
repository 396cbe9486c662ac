import { useI18n } from 'vue-i18n';
import type { FieldDefinition } from '@/api/types';
import { useLocalized } from '@/composables/use-localized';

export const BUILT_IN_KEYS = ['instruments', 'budget', 'programApplied', 'companyId', 'responsibleUserId'] as const;
export type BuiltInKey = (typeof BUILT_IN_KEYS)[number];
export const isBuiltIn = (key: string): key is BuiltInKey => (BUILT_IN_KEYS as readonly string[]).includes(key);

/** The label of a card field key: a built-in (budget, instruments…) or a configured field definition. */
export function useFieldLabel(definitions: () => FieldDefinition[]) {
  const { t } = useI18n();
  const localized = useLocalized();
  return (key: string): string => {
    if (isBuiltIn(key)) return t(`card.builtin.${key}`);
    const definition = definitions().find((d) => d.key === key);
    return definition ? localized(definition.label) : key;
  };
}
