/**
 * GSM 03.38 default alphabet (3GPP TS 23.038), without the ESC code that introduces the extension table.
 * Each character costs one septet.
 */
export const GSM_BASIC_CHARACTERS =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** GSM 03.38 extension table: each character is sent as ESC + code, so it costs two septets. */
export const GSM_EXTENSION_CHARACTERS = '\f^{}\\[~]|€';

const BASIC = new Set(GSM_BASIC_CHARACTERS);
const EXTENSION = new Set(GSM_EXTENSION_CHARACTERS);

/** Septets one character needs in GSM-7, or undefined when it is outside the GSM alphabet. */
export function gsmSeptets(character: string): 1 | 2 | undefined {
  if (BASIC.has(character)) return 1;
  if (EXTENSION.has(character)) return 2;
  return undefined;
}
