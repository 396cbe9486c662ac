import { addDays, isoDate, toLocal } from '../working-hours/zoned-time.js';

/** Today's civil date in `timeZone`, as YYYY-MM-DD. */
export function localToday(timeZone: string, now = new Date()): string {
  return isoDate(toLocal(now, timeZone));
}

/** `day` (YYYY-MM-DD) moved by `days` calendar days. */
export function shiftDay(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return isoDate(addDays({ year, month, day: date }, days));
}
