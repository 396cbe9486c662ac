import { z } from 'zod';
import type { DomainEvent, DomainEventType } from '../domain-events/domain-event-types.js';

/** Fact groups a rule's conditions and actions can use; which ones exist depends on the trigger. */
export const FACT_GROUPS = ['card', 'contact', 'message', 'call', 'task', 'email', 'stage'] as const;
export type FactGroup = (typeof FACT_GROUPS)[number];

type TriggerDefinition = {
  /** The domain event that fires (or, for timers, schedules) the rule. */
  event: DomainEventType;
  description: string;
  params: z.ZodObject;
  facts: readonly FactGroup[];
  /** Whether the event matches the rule's trigger parameters. */
  matches(params: Record<string, unknown>, event: DomainEvent): boolean;
};

const uuidList = z.array(z.uuid()).max(100).optional();
const has = (list: unknown, value: unknown) => !Array.isArray(list) || list.length === 0 || list.includes(value);

export const TRIGGERS = {
  'message.received': {
    event: 'message.received',
    description: 'A customer wrote on a messaging channel',
    params: z.strictObject({
      channels: z.array(z.string().min(1).max(40)).max(20).optional(),
      channelAccountIds: uuidList,
    }),
    facts: ['message', 'contact', 'card'],
    matches: (p, e) =>
      e.type === 'message.received' &&
      has(p.channels, e.data.channel) &&
      has(p.channelAccountIds, e.data.channelAccountId),
  },
  'card.created': {
    event: 'card.created',
    description: 'A consultation card was created',
    params: z.strictObject({ pipelineIds: uuidList, sources: z.array(z.string().min(1).max(40)).max(20).optional() }),
    facts: ['card', 'contact', 'stage'],
    matches: (p, e) =>
      e.type === 'card.created' && has(p.pipelineIds, e.data.pipelineId) && has(p.sources, e.data.source),
  },
  'card.stage_entered': {
    event: 'card.stage_entered',
    description: 'A card entered a stage (also when it is created there)',
    params: z.strictObject({ pipelineIds: uuidList, stageIds: uuidList }),
    facts: ['card', 'contact', 'stage'],
    matches: (p, e) =>
      e.type === 'card.stage_entered' && has(p.pipelineIds, e.data.pipelineId) && has(p.stageIds, e.data.stageId),
  },
  'card.stuck_in_stage': {
    event: 'card.stage_entered',
    description:
      'A card stayed in a stage for N hours (default: the stage’s "stale after" hours), optionally reminding every M hours',
    params: z.strictObject({
      pipelineIds: uuidList,
      stageIds: uuidList,
      /** Omitted: the stage's staleAfterHours (stages without one are skipped). */
      afterHours: z
        .number()
        .positive()
        .max(24 * 365)
        .optional(),
      repeatEveryHours: z
        .number()
        .positive()
        .max(24 * 365)
        .optional(),
      /** How many reminders after the first firing (0: fire once). */
      maxRepeats: z.number().int().min(0).max(100).default(0),
    }),
    facts: ['card', 'contact', 'stage'],
    matches: (p, e) =>
      e.type === 'card.stage_entered' && has(p.pipelineIds, e.data.pipelineId) && has(p.stageIds, e.data.stageId),
  },
  'call.missed': {
    event: 'call.missed',
    description: 'An inbound call ended unanswered',
    params: z.strictObject({
      statuses: z.array(z.enum(['missed', 'abandoned', 'voicemail', 'busy', 'failed'])).optional(),
    }),
    facts: ['call', 'contact', 'card'],
    matches: (p, e) => e.type === 'call.missed' && has(p.statuses, e.data.status),
  },
  'email.opened': {
    event: 'email.opened',
    description: 'A contact opened a tracked e-mail',
    params: z.strictObject({ campaignIds: z.array(z.string().min(1).max(100)).max(100).optional() }),
    facts: ['email', 'contact', 'card'],
    matches: (p, e) => e.type === 'email.opened' && has(p.campaignIds, e.data.campaignId),
  },
  'task.overdue': {
    event: 'task.overdue',
    description: 'An open task passed its due time',
    params: z.strictObject({}),
    facts: ['task', 'card', 'contact'],
    matches: () => true,
  },
} satisfies Record<string, TriggerDefinition>;

export type TriggerType = keyof typeof TRIGGERS;
export const TRIGGER_TYPES = Object.keys(TRIGGERS) as TriggerType[];

export function triggerOf(type: TriggerType): TriggerDefinition {
  return TRIGGERS[type] as TriggerDefinition;
}

/** Triggers fired directly by an event type (timers are scheduled by it instead). */
export function triggersFiredBy(type: DomainEventType): TriggerType[] {
  return TRIGGER_TYPES.filter((t) => t !== 'card.stuck_in_stage' && TRIGGERS[t].event === type);
}
