import { addDays, fromLocal, isoDate, toLocal } from './zoned-time.js';

/** One opening interval of a weekday, wall-clock "HH:MM" (close is exclusive; "24:00" closes at midnight). */
export type OpeningInterval = { weekday: number; opensAt: string; closesAt: string };

export type WorkingHoursDefinition = {
  timeZone: string;
  intervals: readonly OpeningInterval[];
  /** `YYYY-MM-DD` days closed all day. */
  holidays: Iterable<string>;
};

export const DEFAULT_WEEKLY_HOURS: OpeningInterval[] = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  opensAt: '08:00',
  closesAt: '17:00',
}));

const MAX_DAYS_AHEAD = 400;

export function minutesOf(hhmm: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`"${hhmm}" is not a HH:MM time`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * When the centre answers the phone: weekly intervals in a time zone, minus holidays. Pure (no I/O, no clock):
 * every answer is a function of the definition and the instant asked about, so DST and holidays are unit-testable.
 */
export class WorkingHoursCalendar {
  private readonly byWeekday = new Map<number, { open: number; close: number }[]>();
  private readonly holidays: Set<string>;

  constructor(readonly definition: WorkingHoursDefinition) {
    for (const i of definition.intervals) {
      const list = this.byWeekday.get(i.weekday) ?? [];
      list.push({ open: minutesOf(i.opensAt), close: minutesOf(i.closesAt) });
      this.byWeekday.set(
        i.weekday,
        list.sort((a, b) => a.open - b.open),
      );
    }
    this.holidays = new Set(definition.holidays);
  }

  get timeZone(): string {
    return this.definition.timeZone;
  }

  isHoliday(at: Date): boolean {
    return this.holidays.has(isoDate(toLocal(at, this.timeZone)));
  }

  isOpen(at: Date): boolean {
    const local = toLocal(at, this.timeZone);
    if (this.holidays.has(isoDate(local))) return false;
    const minute = local.hour * 60 + local.minute;
    return (this.byWeekday.get(local.weekday) ?? []).some((i) => minute >= i.open && minute < i.close);
  }

  /** `at` itself when open, else the start of the next opening interval; null when nothing opens within a year. */
  nextOpening(at: Date): Date | null {
    if (this.isOpen(at)) return at;
    const today = toLocal(at, this.timeZone);
    for (let offset = 0; offset <= MAX_DAYS_AHEAD; offset++) {
      const day = addDays(today, offset);
      if (this.holidays.has(isoDate(day))) continue;
      for (const interval of this.byWeekday.get(day.weekday) ?? []) {
        const opening = fromLocal(day, interval.open, this.timeZone);
        if (opening.getTime() > at.getTime()) return opening;
      }
    }
    return null;
  }
}
