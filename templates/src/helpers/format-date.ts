import { DEFAULT_TIME_ZONE, intlTag } from '../locales.js';
import type { Locale } from '../types.js';

/** Intl separates groups and units with (narrow) no-break spaces, which would force an SMS into UCS-2. */
const NON_BREAKING_SPACES = /[\u00a0\u202f]/g;

export type DateStyle = 'short' | 'medium' | 'long' | 'full' | 'time' | 'datetime' | 'weekday';

const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  short: { dateStyle: 'short' },
  medium: { dateStyle: 'medium' },
  long: { dateStyle: 'long' },
  full: { dateStyle: 'full' },
  time: { timeStyle: 'short' },
  datetime: { dateStyle: 'long', timeStyle: 'short' },
  weekday: { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' },
};

export function isDateStyle(value: unknown): value is DateStyle {
  return typeof value === 'string' && value in STYLES;
}

/** Dates arrive as Date objects, ISO strings (custom fields) or epoch milliseconds. */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'string' || typeof value === 'number') {
    if (value === '') return undefined;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

export interface FormatDateOptions {
  locale: Locale;
  style?: DateStyle;
  timeZone?: string;
}

/** Formats a date for the reader's language in the centre's time zone; invalid or empty input gives ''. */
export function formatDate(
  value: unknown,
  { locale, style = 'long', timeZone = DEFAULT_TIME_ZONE }: FormatDateOptions,
): string {
  const date = toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(intlTag(locale), { ...STYLES[style], timeZone })
    .format(date)
    .replace(NON_BREAKING_SPACES, ' ');
}
