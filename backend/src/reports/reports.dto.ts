import { z } from 'zod';
import { SPREADSHEET_FORMATS } from '../spreadsheets/spreadsheet-file.js';
import { GRANULARITIES } from './reports.repository.js';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD (a day in TIME_ZONE).');

const reportFilters = z.object({
  from: localDate,
  to: localDate,
  consultantId: z.uuid().optional(),
  pipelineId: z.uuid().optional(),
  granularity: z.enum(GRANULARITIES).default('day'),
});

function withPeriodChecks<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((q) => q.from <= q.to, { path: ['to'], message: 'The end date must be on or after the start date.' })
    .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 731 * 86_400_000, {
      path: ['to'],
      message: 'Choose a period of at most two years.',
    });
}

/** Filters of every dashboard: local days [from, to] in TIME_ZONE, one consultant, one pipeline, series granularity. */
export const reportQueryDto = withPeriodChecks(reportFilters);
export type ReportQuery = z.infer<typeof reportQueryDto>;

/** Cards without an open task: the filters plus a page of the cards waiting longest (the full list: /api/cards/without-open-task). */
export const cardsWithoutTaskQueryDto = withPeriodChecks(
  reportFilters.extend({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(1000).default(0),
  }),
);
export type CardsWithoutTaskQuery = z.infer<typeof cardsWithoutTaskQueryDto>;

export const REPORT_NAMES = [
  'calls',
  'requests',
  'stages',
  'overdue-tasks',
  'cards-without-task',
  'campaigns',
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const reportExportDto = z
  .object({
    from: localDate,
    to: localDate,
    consultantId: z.uuid().optional(),
    pipelineId: z.uuid().optional(),
    granularity: z.enum(GRANULARITIES).default('day'),
    format: z.enum(SPREADSHEET_FORMATS).default('xlsx'),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'The end date must be on or after the start date.' });
export type ReportExportQuery = z.infer<typeof reportExportDto>;

export const rollupRebuildDto = z.object({ fromDay: localDate.optional() });
export type RollupRebuildDto = z.infer<typeof rollupRebuildDto>;
