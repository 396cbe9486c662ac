import type { Locale } from './types.js';

export const LOCALES: readonly Locale[] = ['ro', 'ru', 'en'];
export const DEFAULT_LOCALE: Locale = 'ro';
export const DEFAULT_TIME_ZONE = 'Europe/Chisinau';

/** BCP 47 tags used with Intl: Moldovan variants, British English (24-hour clock, day-first dates). */
const INTL_TAGS: Record<Locale, string> = { ro: 'ro-MD', ru: 'ru-MD', en: 'en-GB' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Accepts `ro`, `ro-MD`, `RU`, … and falls back to the default locale. */
export function resolveLocale(value: unknown, fallback: Locale = DEFAULT_LOCALE): Locale {
  if (typeof value !== 'string') return fallback;
  const base = value.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : fallback;
}

export function intlTag(locale: Locale): string {
  return INTL_TAGS[locale];
}
