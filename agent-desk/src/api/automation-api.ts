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
  conditions: unknown;
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

/** What the rule editor offers (descriptions are the server's). */
export type AutomationCatalogue = {
  triggers: Array<{ type: string; description: string; facts?: unknown; params?: unknown }>;
  fields: Record<string, string>;
  operators: unknown;
  actions: Array<{ type: string; description: string; needs?: unknown; params?: unknown }>;
};

const id = encodeURIComponent;

export const automationApi = {
  catalogue: () => api.get<AutomationCatalogue>('/automation/catalogue'),
  rules: () => api.get<AutomationRule[]>('/automation/rules'),
  setActive: (ruleId: string, active: boolean) =>
    api.patch<AutomationRule>(`/automation/rules/${id(ruleId)}`, { active }),
  runs: (ruleId: string, query: { status?: RunStatus; limit?: number; offset?: number } = {}) =>
    api.get<AutomationRun[]>(`/automation/rules/${id(ruleId)}/runs`, { query: { limit: 20, ...query } }),
};
