import { describe, expect, it } from 'vitest';
import { countSmsSegments, GSM_BASIC_CHARACTERS, GSM_EXTENSION_CHARACTERS, toGsmSafe } from '../src/index.js';

describe('countSmsSegments', () => {
  it('knows the whole GSM 03.38 alphabet', () => {
    expect(Array.from(GSM_BASIC_CHARACTERS)).toHaveLength(127); // 128 codes minus ESC
    expect(countSmsSegments(GSM_BASIC_CHARACTERS).encoding).toBe('GSM-7');
    expect(countSmsSegments(GSM_EXTENSION_CHARACTERS)).toMatchObject({ encoding: 'GSM-7', characters: 20 }); // 10 characters, ESC + code each;
  });

  it('fits exactly 160 GSM characters in one segment', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({
      encoding: 'GSM-7',
      characters: 160,
      segments: 1,
      perSegment: 160,
      remainingInSegment: 0,
    });
  });

  it('splits 161 GSM characters into 2 segments of 153', () => {
    expect(countSmsSegments('a'.repeat(161))).toEqual({
      encoding: 'GSM-7',
      characters: 161,
      segments: 2,
      perSegment: 153,
      remainingInSegment: 145,
    });
    expect(countSmsSegments('a'.repeat(306))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(countSmsSegments('a'.repeat(307))).toMatchObject({ segments: 3, remainingInSegment: 152 });
  });

  it('counts extension characters as two septets', () => {
    expect(countSmsSegments('Preț: 100€')).toMatchObject({ encoding: 'UCS-2' }); // ț is not GSM
    expect(countSmsSegments('Pret: 100€ [info] {a|b} ~^\\')).toMatchObject({ encoding: 'GSM-7', characters: 36 });
    expect(countSmsSegments('a'.repeat(158) + '€')).toMatchObject({ characters: 160, segments: 1 });
    expect(countSmsSegments('a'.repeat(159) + '€')).toMatchObject({ characters: 161, segments: 2 });
  });

  it('never splits an escape sequence across segments', () => {
    // 152 septets + € (2) does not fit in 153: the € moves to the second segment
    expect(countSmsSegments('a'.repeat(152) + '€' + 'a'.repeat(10))).toMatchObject({
      characters: 164,
      segments: 2,
      remainingInSegment: 153 - 12,
    });
  });

  it('switches to UCS-2 (70/67) for Romanian diacritics and Cyrillic', () => {
    for (const letter of ['ă', 'â', 'î', 'ș', 'ț', 'Ș', 'ş'])
      expect(countSmsSegments(`Bun${letter}`).encoding).toBe('UCS-2');
    expect(countSmsSegments('ș'.repeat(70))).toEqual({
      encoding: 'UCS-2',
      characters: 70,
      segments: 1,
      perSegment: 70,
      remainingInSegment: 0,
    });
    expect(countSmsSegments('ș'.repeat(71))).toEqual({
      encoding: 'UCS-2',
      characters: 71,
      segments: 2,
      perSegment: 67,
      remainingInSegment: 63,
    });
    expect(countSmsSegments('Здравствуйте')).toMatchObject({
      encoding: 'UCS-2',
      characters: 12,
      segments: 1,
      remainingInSegment: 58,
    });
    expect(countSmsSegments('ж'.repeat(134))).toMatchObject({ segments: 2, remainingInSegment: 0 });
  });

  it('counts emoji as surrogate pairs and keeps each pair in one segment', () => {
    expect(countSmsSegments('👍')).toEqual({
      encoding: 'UCS-2',
      characters: 2,
      segments: 1,
      perSegment: 70,
      remainingInSegment: 68,
    });
    expect(countSmsSegments('😀'.repeat(35))).toMatchObject({ characters: 70, segments: 1 });
    expect(countSmsSegments('😀'.repeat(36))).toMatchObject({ characters: 72, segments: 2 });
    // 66 units + an emoji (2) cannot share a 67-unit segment
    expect(countSmsSegments('a'.repeat(66) + '😀' + 'a'.repeat(5))).toMatchObject({
      characters: 73,
      segments: 2,
      remainingInSegment: 67 - 7,
    });
  });

  it('treats é, ü, Ä (in the GSM set) as GSM-7 and an empty message as zero segments', () => {
    expect(countSmsSegments('Café Müller Äpfel').encoding).toBe('GSM-7');
    expect(countSmsSegments('')).toEqual({
      encoding: 'GSM-7',
      characters: 0,
      segments: 0,
      perSegment: 160,
      remainingInSegment: 160,
    });
  });
});

describe('toGsmSafe', () => {
  it('transliterates Romanian diacritics (comma and cedilla forms) and typographic punctuation', () => {
    expect(toGsmSafe('Știință, țară, învățământ: ĂÂÎȘȚ şţ „citat” – gata…')).toBe(
      'Stiinta, tara, invatamant: AAIST st "citat" - gata...',
    );
    expect(countSmsSegments(toGsmSafe('Bună ziua! Vă reamintim de consultația de mâine.')).encoding).toBe('GSM-7');
  });

  it('leaves Cyrillic alone and punctuation when asked', () => {
    expect(toGsmSafe('Привет, ș')).toBe('Привет, s');
    expect(toGsmSafe('„ș”', { punctuation: false })).toBe('„s”');
  });
});
