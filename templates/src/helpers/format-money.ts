import { intlTag } from '../locales.js';
import type { Locale } from '../types.js';

/** Intl separates groups and units with (narrow) no-break spaces, which would force an SMS into UCS-2. */
const NON_BREAKING_SPACES = /[\u00a0\u202f]/g;

export const DEFAULT_CURRENCY = 'MDL';

export interface FormatMoneyOptions {
  locale: Locale;
  currency?: string;
  /** Digits after the decimal separator; default 2, 0 for round sums such as grants. */
  fractionDigits?: number;
}

function toAmount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.replace(/\s/g, '').replace(',', '.'));
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** `1500` → `1.500,00 MDL` (ro), `1 500,00 MDL` (ru), `MDL 1,500.00` (en); non-numbers give ''. */
export function formatMoney(
  value: unknown,
  { locale, currency = DEFAULT_CURRENCY, fractionDigits = 2 }: FormatMoneyOptions,
): string {
  const amount = toAmount(value);
  if (amount === undefined) return '';
  return new Intl.NumberFormat(intlTag(locale), {
    style: 'currency',
    currency: currency.toUpperCase(),
    currencyDisplay: 'code',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  })
    .format(amount)
    .replace(NON_BREAKING_SPACES, ' ');
}
