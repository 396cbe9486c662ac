import { z } from 'zod';
import { SPREADSHEET_FORMATS } from '../spreadsheets/spreadsheet-file.js';
import { GRANULARITIES } from './reports.repository.js';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD (a day in TIME_ZONE).');

/** Filters of every dashboard: local days [from, to] in TIME_ZONE, one consultant, one pipeline, series granularity. */
export const reportQueryDto = z
  .object({
    from: localDate,
    to: localDate,
    consultantId: z.uuid().optional(),
    pipelineId: z.uuid().optional(),
    granularity: z.enum(GRANULARITIES).default('day'),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'The end date must be on or after the start date.' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 731 * 86_400_000, {
    path: ['to'],
    message: 'Choose a period of at most two years.',
  });
export type ReportQuery = z.infer<typeof reportQueryDto>;

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
