import { z } from 'zod';
import { MAX_ARCHIVE_DAYS } from './recordings-archive.service.js';

const instant = z.coerce.date({ error: 'Use an ISO date or date-time, for example 2026-11-01.' });

export const recordingsArchiveQuerySchema = z
  .object({ from: instant, to: instant })
  .refine((q) => q.to.getTime() > q.from.getTime(), { message: '"to" must be after "from".', path: ['to'] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= MAX_ARCHIVE_DAYS * 86_400_000, {
    message: `Download at most ${MAX_ARCHIVE_DAYS} days at once.`,
    path: ['to'],
  });
export type RecordingsArchiveQuery = z.infer<typeof recordingsArchiveQuerySchema>;
