import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use HH:MM, for example 08:00.');

export const workingHoursSchema = z.object({
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'Use an IANA time zone such as Europe/Chisinau.')
    .optional(),
  intervals: z
    .array(
      z
        .object({ weekday: z.number().int().min(1).max(7), opensAt: hhmm, closesAt: hhmm })
        .refine((i) => i.opensAt < i.closesAt, 'The closing time must be after the opening time.'),
    )
    .max(50),
});
export type WorkingHoursDto = z.infer<typeof workingHoursSchema>;

export const holidaySchema = z.object({
  day: z.iso.date('Use YYYY-MM-DD.'),
  name: z.string().trim().min(1).max(200),
});
export type HolidayDto = z.infer<typeof holidaySchema>;
