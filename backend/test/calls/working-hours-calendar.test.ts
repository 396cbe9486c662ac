import { describe, expect, it } from 'vitest';
import { moldovaPublicHolidays, orthodoxEaster } from '../../src/working-hours/moldova-holidays.js';
import { DEFAULT_WEEKLY_HOURS, WorkingHoursCalendar } from '../../src/working-hours/working-hours-calendar.js';
import { fromLocal, toLocal } from '../../src/working-hours/zoned-time.js';

const TZ = 'Europe/Chisinau';
const holidays = [...moldovaPublicHolidays(2026), ...moldovaPublicHolidays(2027)].map((h) => h.day);
const calendar = new WorkingHoursCalendar({ timeZone: TZ, intervals: DEFAULT_WEEKLY_HOURS, holidays });

describe('WorkingHoursCalendar (Mon–Fri 08:00–17:00 Europe/Chisinau, Moldovan holidays)', () => {
  it('is open inside the interval and closed at its end, on weekends and on holidays', () => {
    expect(calendar.isOpen(new Date('2026-11-23T06:00:00Z'))).toBe(true); // Mon 08:00 (+02:00)
    expect(calendar.isOpen(new Date('2026-11-23T05:59:59Z'))).toBe(false); // Mon 07:59
    expect(calendar.isOpen(new Date('2026-11-23T14:59:00Z'))).toBe(true); // Mon 16:59
    expect(calendar.isOpen(new Date('2026-11-23T15:00:00Z'))).toBe(false); // Mon 17:00
    expect(calendar.isOpen(new Date('2026-11-21T08:00:00Z'))).toBe(false); // Saturday
    expect(calendar.isOpen(new Date('2026-12-25T08:00:00Z'))).toBe(false); // Christmas (Friday)
    expect(calendar.isOpen(new Date('2026-07-01T05:00:00Z'))).toBe(true); // summer: 08:00 is 05:00Z (+03:00)
  });

  it('Friday 18:00 → Monday 08:00 across the weekend', () => {
    expect(calendar.nextOpening(new Date('2026-11-20T16:00:00Z'))?.toISOString()).toBe('2026-11-23T06:00:00.000Z');
  });

  it('a holiday Monday (Easter Monday 2026-04-13) opens on Tuesday 08:00', () => {
    expect(calendar.nextOpening(new Date('2026-04-10T15:00:00Z'))?.toISOString()).toBe('2026-04-14T05:00:00.000Z');
  });

  it('the weekend of the spring and autumn DST changes shifts the UTC opening by one hour', () => {
    // 2026-03-29 clocks go 02:00 → 03:00 in Chisinau (last Sunday of March).
    expect(calendar.nextOpening(new Date('2026-03-27T16:00:00Z'))?.toISOString()).toBe('2026-03-30T05:00:00.000Z');
    // 2026-10-25 clocks go back.
    expect(calendar.nextOpening(new Date('2026-10-23T15:00:00Z'))?.toISOString()).toBe('2026-10-26T06:00:00.000Z');
  });

  it('before opening on a working day answers the same day; when open, the instant itself', () => {
    expect(calendar.nextOpening(new Date('2026-11-24T04:00:00Z'))?.toISOString()).toBe('2026-11-24T06:00:00.000Z');
    const open = new Date('2026-11-24T10:00:00Z');
    expect(calendar.nextOpening(open)).toBe(open);
  });

  it('several intervals per day (lunch break) and a Saturday morning', () => {
    const split = new WorkingHoursCalendar({
      timeZone: TZ,
      intervals: [
        { weekday: 1, opensAt: '08:00', closesAt: '12:00' },
        { weekday: 1, opensAt: '13:00', closesAt: '17:00' },
        { weekday: 6, opensAt: '09:00', closesAt: '13:00' },
      ],
      holidays: [],
    });
    expect(split.isOpen(new Date('2026-11-23T10:30:00Z'))).toBe(false); // 12:30 local
    expect(split.nextOpening(new Date('2026-11-23T10:30:00Z'))?.toISOString()).toBe('2026-11-23T11:00:00.000Z');
    expect(split.nextOpening(new Date('2026-11-23T16:00:00Z'))?.toISOString()).toBe('2026-11-28T07:00:00.000Z');
  });

  it('never opens: null instead of looping', () => {
    expect(new WorkingHoursCalendar({ timeZone: TZ, intervals: [], holidays: [] }).nextOpening(new Date())).toBeNull();
  });
});

describe('zoned time and Moldovan holidays', () => {
  it('a wall time skipped by the spring jump resolves past the jump; a repeated one to its first instant', () => {
    // Chisinau: 02:00 → 03:00 on 2026-03-29, 03:00 → 02:00 on 2026-10-25.
    expect(fromLocal({ year: 2026, month: 3, day: 29 }, 2 * 60 + 30, TZ).toISOString()).toBe(
      '2026-03-29T00:30:00.000Z',
    );
    expect(toLocal(new Date('2026-03-29T00:30:00Z'), TZ)).toMatchObject({ hour: 3, minute: 30 });
    expect(fromLocal({ year: 2026, month: 10, day: 25 }, 2 * 60 + 30, TZ).toISOString()).toBe(
      '2026-10-24T23:30:00.000Z',
    );
    expect(fromLocal({ year: 2026, month: 10, day: 25 }, 8 * 60, TZ).toISOString()).toBe('2026-10-25T06:00:00.000Z');
  });

  it('Orthodox Easter and the holidays that follow it', () => {
    expect(orthodoxEaster(2025)).toEqual({ year: 2025, month: 4, day: 20 });
    expect(orthodoxEaster(2026)).toEqual({ year: 2026, month: 4, day: 12 });
    expect(orthodoxEaster(2027)).toEqual({ year: 2027, month: 5, day: 2 });
    const days = moldovaPublicHolidays(2026).map((h) => h.day);
    expect(days).toEqual(
      expect.arrayContaining([
        '2026-01-01',
        '2026-01-07',
        '2026-04-12',
        '2026-04-13',
        '2026-04-20',
        '2026-08-27',
        '2026-12-25',
      ]),
    );
    expect(days).toHaveLength(13);
  });
});
