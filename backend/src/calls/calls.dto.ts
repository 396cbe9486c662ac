import { z } from 'zod';
import { CALL_STATUSES } from './calls.schema.js';

const instant = z.coerce.date({
  error: 'Use an ISO date or date-time, for example 2026-11-01 or 2026-11-01T08:00:00Z.',
});
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const listCallsQuerySchema = z.object({
  from: instant.optional(),
  to: instant.optional(),
  status: z.enum([...CALL_STATUSES, 'unanswered']).optional(),
  notCalledBack: booleanFlag.optional(),
  userId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListCallsQuery = z.infer<typeof listCallsQuerySchema>;

export const originateSchema = z
  .object({ contactId: z.uuid().optional(), number: z.string().trim().min(3).max(40).optional() })
  .refine((v) => Boolean(v.contactId) !== Boolean(v.number), {
    message: 'Give either contactId or number.',
    path: ['number'],
  });
export type OriginateDto = z.infer<typeof originateSchema>;

export const routeQuerySchema = z.object({
  from: z.string().trim().max(40).default(''),
  did: z.string().trim().max(40).optional(),
  format: z.enum(['text', 'json']).default('json'),
  token: z.string().optional(),
});
export type RouteQuery = z.infer<typeof routeQuerySchema>;

export const telephonySettingsSchema = z.object({
  routeWindowDays: z.number().int().min(1).max(3650).optional(),
  fallbackQueue: z.string().trim().min(1).max(80).optional(),
  callbackAssignmentMode: z.enum(['last_consultant', 'round_robin']).optional(),
  callbackDueMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
});
export type TelephonySettingsDto = z.infer<typeof telephonySettingsSchema>;
