import { z } from 'zod';

/**
 * A segment's filter, stored as JSON: `{ match: 'all' | 'any', conditions: [...] }`. Each condition names its
 * `field`; the predicate registered for that field validates the rest and compiles it to SQL. A condition with
 * `field: 'group'` nests another filter.
 */
export type SegmentCondition = { field: string; [key: string]: unknown };
export type SegmentFilter = { match: 'all' | 'any'; conditions: SegmentCondition[] };

export const MAX_SEGMENT_DEPTH = 4;

export const segmentFilterShape = z.object({
  match: z.enum(['all', 'any']).default('all'),
  conditions: z
    .array(z.looseObject({ field: z.string().min(1).max(60) }))
    .max(50)
    .default([]),
});
