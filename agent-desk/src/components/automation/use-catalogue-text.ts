import { useI18n } from 'vue-i18n';
import type { AutomationCatalogue } from '@/api/automation-api';

/**
 * Names of triggers and actions in the interface language; one the desk has no translation for (a newer server)
 * shows the catalogue's own description, so nothing needs the desk to know it in advance.
 */
export function useCatalogueText(catalogue: () => AutomationCatalogue | null) {
  const { t, te } = useI18n();
  const keyOf = (type: string) => type.replace(/\./g, '_');
  return {
    trigger(type: string): string {
      const key = `automation.triggerNames.${keyOf(type)}`;
      if (te(key)) return t(key);
      return catalogue()?.triggers.find((tr) => tr.type === type)?.description ?? type;
    },
    action(type: string): string {
      const key = `automation.actionNames.${keyOf(type)}`;
      if (te(key)) return t(key);
      return catalogue()?.actions.find((a) => a.type === type)?.description ?? type;
    },
  };
}
