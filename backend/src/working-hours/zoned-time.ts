/** Wall-clock date and time of an instant in an IANA time zone, and back, with the platform's tz database (Intl). */
export type LocalDateTime = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function toLocal(at: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday],
  };
}

/** Offset of the zone from UTC at an instant, in minutes (Chisinau: +120 in winter, +180 in summer). */
function offsetMinutes(at: Date, timeZone: string): number {
  const l = toLocal(at, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall clock in the zone shows this date and time. A time skipped by a DST jump (03:30 on the spring
 * morning in Chisinau) resolves to the same distance past the jump (04:30); a repeated one resolves to the first.
 */
export function fromLocal(
  date: { year: number; month: number; day: number },
  minutesOfDay: number,
  timeZone: string,
): Date {
  const naive = Date.UTC(date.year, date.month - 1, date.day, 0, minutesOfDay);
  const before = naive - offsetMinutes(new Date(naive - 43_200_000), timeZone) * 60_000;
  const after = naive - offsetMinutes(new Date(naive + 43_200_000), timeZone) * 60_000;
  const target = isoDate(date);
  const shows = (t: number) => {
    const l = toLocal(new Date(t), timeZone);
    return isoDate(l) === target && l.hour * 60 + l.minute === minutesOfDay;
  };
  const valid = [before, after].filter(shows);
  // Both valid: the hour repeated in autumn, take the first. None: skipped in spring, keep the pre-jump offset.
  return new Date(valid.length ? Math.min(...valid) : before);
}

/** `YYYY-MM-DD` of a civil date. */
export function isoDate(date: { year: number; month: number; day: number }): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** The civil date `days` after this one (calendar arithmetic, no time zone involved). */
export function addDays(
  date: { year: number; month: number; day: number },
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
  };
}
