import { useI18n } from 'vue-i18n';

const intlLocale = (locale: string) => ({ ro: 'ro-MD', ru: 'ru-MD', en: 'en-GB' })[locale] ?? 'ro-MD';

/** Dates and phone numbers the way a Moldovan consultant reads them, in the current UI language. */
export function useFormatters() {
  const { locale } = useI18n();
  const dateTime = (value: string | Date | null | undefined) => {
    if (!value) return '';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat(intlLocale(locale.value), {
      day: '2-digit',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(date);
  };
  const time = (value: string | Date | null | undefined) =>
    value
      ? new Intl.DateTimeFormat(intlLocale(locale.value), { hour: '2-digit', minute: '2-digit' }).format(
          new Date(value),
        )
      : '';
  return { dateTime, time, phone: formatPhone };
}

/** +37369123456 → +373 69 123 456 (Moldovan numbers); other numbers unchanged. */
export function formatPhone(e164: string): string {
  const m = /^\+373(\d{2})(\d{3})(\d{3})$/.exec(e164);
  return m ? `+373 ${m[1]} ${m[2]} ${m[3]}` : e164;
}

export function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase())
      .join('') || '?'
  );
}
