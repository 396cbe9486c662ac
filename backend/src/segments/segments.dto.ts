import { z } from 'zod';

/** The filter is validated by SegmentFilterCompiler (it knows every registered field), not here. */
export const createSegmentDto = z.object({
  name: z.string().trim().min(1, 'Name the segment.').max(200),
  description: z.string().trim().max(2000).nullish(),
  filter: z.unknown(),
});
export type CreateSegmentDto = z.infer<typeof createSegmentDto>;

export const updateSegmentDto = createSegmentDto.partial();
export type UpdateSegmentDto = z.infer<typeof updateSegmentDto>;

export const segmentContactsQuery = z.object({
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const previewSegmentDto = z.object({ filter: z.unknown() });
