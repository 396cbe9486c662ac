import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** What a person may type in a phone field: digits, spaces, +, dashes, dots and brackets. */
const PHONE_CHARACTERS = /^[0-9+\-().\s/]+$/;

/**
 * The E.164 form of a number typed locally ("069123456") or internationally ("+373 69 123 456"),
 * or null when it is not a valid number of the region it claims.
 */
export function normalizePhoneNumber(raw: string, defaultRegion: string): string | null {
  const text = raw.trim();
  if (!text || !PHONE_CHARACTERS.test(text)) return null;
  const international = text.startsWith('00') ? `+${text.slice(2)}` : text;
  const parsed = parsePhoneNumberFromString(international, defaultRegion.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/** A search string that is mostly a phone number ("069 12", "+3736912"): its digits, or null. */
export function phoneDigitsOfQuery(query: string): string | null {
  const text = query.trim();
  if (!PHONE_CHARACTERS.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}
