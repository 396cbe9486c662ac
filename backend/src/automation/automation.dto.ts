import { z } from 'zod';
import { conditionNodeSchema } from './automation-conditions.js';
import { TRIGGER_TYPES } from './automation-triggers.js';
import { RUN_STATUSES } from './automation.schema.js';

const ruleAction = z.strictObject({
  type: z.string().min(1).max(60),
  params: z.record(z.string(), z.unknown()).default({}),
});

export const createRuleDto = z.strictObject({
  name: z.string().trim().min(2, 'Name the rule.').max(200),
  description: z.string().max(2000).nullable().optional(),
  active: z.boolean().default(true),
  trigger: z.enum(TRIGGER_TYPES, `One of: ${TRIGGER_TYPES.join(', ')}.`),
  triggerParams: z.record(z.string(), z.unknown()).default({}),
  conditions: conditionNodeSchema.nullable().default(null),
  actions: z.array(ruleAction).min(1, 'Add at least one action.').max(20),
});
export type CreateRuleDto = z.infer<typeof createRuleDto>;

export const updateRuleDto = z.strictObject({
  name: z.string().trim().min(2).max(200).optional(),
  description: z.string().max(2000).nullable().optional(),
  active: z.boolean().optional(),
  trigger: z.enum(TRIGGER_TYPES, `One of: ${TRIGGER_TYPES.join(', ')}.`).optional(),
  triggerParams: z.record(z.string(), z.unknown()).optional(),
  conditions: conditionNodeSchema.nullable().optional(),
  actions: z.array(ruleAction).min(1, 'Add at least one action.').max(20).optional(),
});
export type UpdateRuleDto = z.infer<typeof updateRuleDto>;

export const listRunsQuery = z.object({
  status: z.enum(RUN_STATUSES).optional(),
  cardId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListRunsQuery = z.infer<typeof listRunsQuery>;
