import type { SmsSegmentInfo } from '../types.js';
import { gsmSeptets } from './gsm-alphabet.js';

const LIMITS = {
  'GSM-7': { single: 160, multipart: 153 },
  'UCS-2': { single: 70, multipart: 67 },
} as const;

/** Cost of each character in its encoding's units; GSM-7 when every character is in the GSM alphabet. */
function unitCosts(text: string): { encoding: SmsSegmentInfo['encoding']; costs: number[] } {
  const characters = Array.from(text); // code points: an emoji stays one element
  const gsm = characters.map(gsmSeptets);
  if (gsm.every((cost) => cost !== undefined)) return { encoding: 'GSM-7', costs: gsm as number[] };
  return { encoding: 'UCS-2', costs: characters.map((character) => character.length) };
}

/**
 * Counts how many SMS parts a text needs. An extension character (ESC + code) or a surrogate pair
 * (emoji) is never split across two parts, so a part may end one unit short of its capacity.
 */
export function countSmsSegments(text: string): SmsSegmentInfo {
  const { encoding, costs } = unitCosts(text);
  const limits = LIMITS[encoding];
  const characters = costs.reduce((sum, cost) => sum + cost, 0);
  if (characters === 0)
    return { encoding, characters, segments: 0, perSegment: limits.single, remainingInSegment: limits.single };
  if (characters <= limits.single) {
    return {
      encoding,
      characters,
      segments: 1,
      perSegment: limits.single,
      remainingInSegment: limits.single - characters,
    };
  }
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limits.multipart) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, characters, segments, perSegment: limits.multipart, remainingInSegment: limits.multipart - used };
}
