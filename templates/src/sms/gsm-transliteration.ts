const DIACRITICS: Record<string, string> = {
  ă: 'a',
  Ă: 'A',
  â: 'a',
  Â: 'A',
  î: 'i',
  Î: 'I',
  ș: 's',
  Ș: 'S',
  ş: 's',
  Ş: 'S',
  ț: 't',
  Ț: 'T',
  ţ: 't',
  Ţ: 'T',
};

const PUNCTUATION: Record<string, string> = {
  '„': '"',
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '‘': "'",
  '’': "'",
  '‚': "'",
  '–': '-',
  '—': '-',
  '‑': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
};

export interface GsmSafeOptions {
  /** Also replace typographic quotes, dashes, ellipsis and non-breaking spaces (default true). */
  punctuation?: boolean;
}

/**
 * Transliterates Romanian diacritics (both comma- and cedilla-below forms) so a Romanian SMS can be
 * sent as GSM-7: 160 characters a part instead of 70. Cyrillic and other scripts are left untouched.
 */
export function toGsmSafe(text: string, { punctuation = true }: GsmSafeOptions = {}): string {
  return Array.from(
    text,
    (character) => DIACRITICS[character] ?? (punctuation ? PUNCTUATION[character] : undefined) ?? character,
  ).join('');
}
