import { addDays, isoDate } from './zoned-time.js';

export type Holiday = { day: string; name: string };

/** Orthodox Easter Sunday (Gregorian date): Meeus' Julian algorithm + the 13-day calendar difference (1900–2099). */
export function orthodoxEaster(year: number): { year: number; month: number; day: number } {
  const a = year % 4;
  const b = year % 7;
  const c = year % 19;
  const d = (19 * c + 15) % 30;
  const e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31);
  const day = ((d + e + 114) % 31) + 1;
  const gregorian = addDays({ year, month, day }, 13);
  return { year: gregorian.year, month: gregorian.month, day: gregorian.day };
}

/** Non-working public holidays of the Republic of Moldova (Labour Code art. 111) for one year. */
export function moldovaPublicHolidays(year: number): Holiday[] {
  const easter = orthodoxEaster(year);
  const fixed = (month: number, day: number, name: string): Holiday => ({ day: isoDate({ year, month, day }), name });
  const fromEaster = (days: number, name: string): Holiday => ({ day: isoDate(addDays(easter, days)), name });
  return [
    fixed(1, 1, 'Anul Nou'),
    fixed(1, 7, 'Nașterea lui Iisus Hristos (Crăciunul pe stil vechi)'),
    fixed(1, 8, 'Nașterea lui Iisus Hristos (Crăciunul pe stil vechi)'),
    fixed(3, 8, 'Ziua internațională a femeii'),
    fromEaster(0, 'Învierea lui Iisus Hristos (Paștele)'),
    fromEaster(1, 'Învierea lui Iisus Hristos (Paștele), a doua zi'),
    fromEaster(8, 'Paștele Blajinilor'),
    fixed(5, 1, 'Ziua internațională a solidarității oamenilor muncii'),
    fixed(5, 9, 'Ziua Victoriei și a comemorării eroilor / Ziua Europei'),
    fixed(6, 1, 'Ziua ocrotirii copilului'),
    fixed(8, 27, 'Ziua Independenței'),
    fixed(8, 31, 'Ziua Limbii Române'),
    fixed(12, 25, 'Nașterea lui Iisus Hristos (Crăciunul pe stil nou)'),
  ].sort((x, y) => x.day.localeCompare(y.day));
}
