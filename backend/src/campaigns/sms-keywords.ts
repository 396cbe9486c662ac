/** What an inbound SMS that is only a keyword asks for. */
export type SmsKeywordIntent = 'opt_out' | 'opt_in';

/** Carrier-standard keywords (CTIA) plus their Romanian and Russian equivalents. */
const OPT_OUT_KEYWORDS = [
  'STOP',
  'STOP ALL',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'OPT OUT',
  'REVOKE',
  'DEZABONARE',
  'DEZABONEAZA',
  'DEZABONEAZA-MA',
  'RENUNT',
  'СТОП',
  'ОТПИСАТЬСЯ',
  'ОТПИСКА',
  'ОТПИШИТЕ',
];
const OPT_IN_KEYWORDS = ['START', 'UNSTOP', 'SUBSCRIBE', 'ABONARE', 'СТАРТ', 'ПОДПИСАТЬСЯ'];

/**
 * Upper case, Latin diacritics dropped (ă â î ș ț, also the cedilla forms), whitespace collapsed, surrounding
 * punctuation removed: "  stop! " → "STOP", "Dezabonează-mă" → "DEZABONEAZA-MA", "  стоп. " → "СТОП".
 */
export function normalizeKeyword(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, (mark, offset: number, whole: string) =>
      // keep the breve of Cyrillic Й (И + U+0306): only Latin letters lose their marks
      /[\u0400-\u04ff]/.test(whole[offset - 1] ?? '') ? mark : '',
    )
    .normalize('NFC')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

const INTENTS = new Map<string, SmsKeywordIntent>([
  ...OPT_OUT_KEYWORDS.map((k): [string, SmsKeywordIntent] => [normalizeKeyword(k), 'opt_out']),
  ...OPT_IN_KEYWORDS.map((k): [string, SmsKeywordIntent] => [normalizeKeyword(k), 'opt_in']),
]);

/** The intent of a message whose whole text is a keyword (case, spacing and punctuation ignored); else undefined. */
export function smsKeywordIntent(text: string | null | undefined): SmsKeywordIntent | undefined {
  if (!text || text.length > 40) return undefined;
  return INTENTS.get(normalizeKeyword(text));
}
