import { createI18n } from 'vue-i18n';
import type { Locale } from '@/api/types';
import ro, { type MessageSchema } from './messages/ro';

export const LOCALES: readonly Locale[] = ['ro', 'ru', 'en'];
export const DEFAULT_LOCALE: Locale = 'ro';

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: { ro } as Record<Locale, MessageSchema>,
  missingWarn: false,
  fallbackWarn: false,
});

const loaders: Record<Exclude<Locale, 'ro'>, () => Promise<{ default: MessageSchema }>> = {
  ru: () => import('./messages/ru'),
  en: () => import('./messages/en'),
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Switches the UI language, loading its messages on first use (ro is always bundled). */
export async function applyLocale(locale: Locale): Promise<void> {
  if (locale !== 'ro' && !i18n.global.availableLocales.includes(locale)) {
    const messages = await loaders[locale]();
    i18n.global.setLocaleMessage(locale, messages.default);
  }
  i18n.global.locale.value = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

const storageKey = (userId: string | null) => `crm.locale.${userId ?? 'anonymous'}`;

/** The language each user picked is remembered per user on this device; otherwise their profile's locale. */
export function rememberedLocale(userId: string | null, profileLocale?: string): Locale {
  const stored = safeStorage()?.getItem(storageKey(userId));
  if (isLocale(stored)) return stored;
  if (isLocale(profileLocale)) return profileLocale;
  return DEFAULT_LOCALE;
}

export function rememberLocale(userId: string | null, locale: Locale): void {
  safeStorage()?.setItem(storageKey(userId), locale);
}

function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
