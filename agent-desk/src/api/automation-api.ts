import { api } from './api-client';

export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'skipped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** An automation rule (`/api/automation/rules`, needs `automation.manage`). */
export type AutomationRule = {
  id: string;
  name: string;
  description: string | null;
  active: boolean;
  trigger: string;
  triggerParams: Record<string, unknown>;
  conditions: ConditionNode | null;
  actions: Array<{ type: string; params: Record<string, unknown> }>;
  builtInKey: string | null;
  createdBy: string | null;
  createdAt?: string;
  updatedAt?: string;
};

export type AutomationRun = {
  id: string;
  ruleId: string;
  idempotencyKey: string;
  eventType: string;
  eventRef: string;
  cardId: string | null;
  contactId: string | null;
  depth: number;
  status: RunStatus;
  actionResults: Array<{
    type: string;
    status: 'done' | 'failed' | 'not_run';
    detail?: Record<string, unknown>;
    error?: string;
  }>;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
};

/** A JSON Schema (as `z.toJSONSchema` writes it) describing a trigger's or an action's parameters. */
export type ParamSchema = {
  type?: string | string[];
  properties?: Record<string, ParamSchema>;
  required?: string[];
  items?: ParamSchema;
  enum?: Array<string | number>;
  const?: unknown;
  format?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  description?: string;
  anyOf?: ParamSchema[];
  oneOf?: ParamSchema[];
  additionalProperties?: unknown;
};

export type FieldKind = 'text' | 'number' | 'id' | 'list' | 'boolean';

/** What the rule editor offers (descriptions are the server's). */
export type AutomationCatalogue = {
  triggers: Array<{ type: string; description: string; facts?: string[]; params?: ParamSchema }>;
  /** Condition field path → its kind (`card.fields.<key>` for custom card fields). */
  fields: Record<string, FieldKind | string>;
  operators: string[];
  /** Which operators apply to each field kind. */
  operatorsByKind?: Partial<Record<FieldKind, string[]>>;
  actions: Array<{ type: string; description: string; needs?: string[]; params?: ParamSchema }>;
};

export type ConditionNode =
  | { all: ConditionNode[] }
  | { any: ConditionNode[] }
  | { not: ConditionNode }
  | { field: string; op: string; value?: unknown };

/** The body of POST /automation/rules (PATCH takes the same fields). */
export type RuleInput = {
  name: string;
  description?: string | null;
  active: boolean;
  trigger: string;
  triggerParams: Record<string, unknown>;
  conditions: ConditionNode | null;
  actions: Array<{ type: string; params: Record<string, unknown> }>;
};

const id = encodeURIComponent;

export const automationApi = {
  catalogue: () => api.get<AutomationCatalogue>('/automation/catalogue'),
  rules: () => api.get<AutomationRule[]>('/automation/rules'),
  /** 400 with `fields` keyed by path (`triggerParams.afterHours`, `conditions.all.0.value`, `actions.1.params.stageId`). */
  create: (input: RuleInput) => api.post<AutomationRule>('/automation/rules', input),
  update: (ruleId: string, input: Partial<RuleInput>) =>
    api.patch<AutomationRule>(`/automation/rules/${id(ruleId)}`, input),
  setActive: (ruleId: string, active: boolean) =>
    api.patch<AutomationRule>(`/automation/rules/${id(ruleId)}`, { active }),
  runs: (ruleId: string, query: { status?: RunStatus; limit?: number; offset?: number } = {}) =>
    api.get<AutomationRun[]>(`/automation/rules/${id(ruleId)}/runs`, { query: { limit: 20, ...query } }),
  /** Connected Mailchimp audiences (needs `campaigns.send`), without their keys. */
  mailchimpAudiences: () => api.get<Array<{ id: string; name: string }>>('/mailchimp/audiences'),
};
