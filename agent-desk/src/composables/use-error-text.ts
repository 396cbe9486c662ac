import { useI18n } from 'vue-i18n';
import { ApiError } from '@/api/api-error';

/** The sentence a user sees for a failed call: the server's message (it says what to do), or a network hint. */
export function useErrorText() {
  const { t } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 0) return t('common.networkError');
      if (error.isMissingRoute) return t('common.notAvailable');
      return error.message || t('common.error');
    }
    return t('common.error');
  };
}
