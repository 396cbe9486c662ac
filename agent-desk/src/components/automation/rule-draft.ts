import type { AutomationCatalogue, AutomationRule, ConditionNode, FieldKind, RuleInput } from '@/api/automation-api';
import { cleanParams, cloneJson, initialParams } from './param-schema';

export type ConditionDraft = { key: number; field: string; op: string; value?: unknown };
export type ActionDraft = { key: number; type: string; params: Record<string, unknown> };

/** The rule as the editor holds it: a flat list of conditions joined by all (and) or any (or). */
export type RuleDraft = {
  name: string;
  description: string;
  active: boolean;
  trigger: string;
  triggerParams: Record<string, unknown>;
  match: 'all' | 'any';
  conditions: ConditionDraft[];
  /** A tree the editor cannot show as a list (nested groups, `not`): kept as it is unless cleared. */
  complexConditions: ConditionNode | null;
  actions: ActionDraft[];
};

let nextKey = 1;
export const newKey = () => nextKey++;

const NO_VALUE = ['is_empty', 'is_not_empty'];
const LIST_VALUE = ['in', 'not_in'];
export const takesValue = (op: string) => !NO_VALUE.includes(op);
export const takesList = (op: string) => LIST_VALUE.includes(op);

export function emptyDraft(catalogue: AutomationCatalogue): RuleDraft {
  const trigger = catalogue.triggers[0];
  return {
    name: '',
    description: '',
    active: true,
    trigger: trigger?.type ?? '',
    triggerParams: initialParams(trigger?.params),
    match: 'all',
    conditions: [],
    complexConditions: null,
    actions: [],
  };
}

export function draftOf(rule: AutomationRule): RuleDraft {
  const flat = flatten(rule.conditions);
  return {
    name: rule.name,
    description: rule.description ?? '',
    active: rule.active,
    trigger: rule.trigger,
    triggerParams: cloneJson(rule.triggerParams ?? {}),
    match: flat?.match ?? 'all',
    conditions: flat?.conditions ?? [],
    complexConditions: flat ? null : rule.conditions,
    actions: rule.actions.map((a) => ({ key: newKey(), type: a.type, params: cloneJson(a.params ?? {}) })),
  };
}

/** `null`, one comparison, or one all/any group of comparisons become a list; anything deeper does not. */
function flatten(node: ConditionNode | null): { match: 'all' | 'any'; conditions: ConditionDraft[] } | null {
  if (!node) return { match: 'all', conditions: [] };
  if ('field' in node) return { match: 'all', conditions: [{ key: newKey(), ...node, value: node.value }] };
  const match = 'all' in node ? 'all' : 'any' in node ? 'any' : null;
  if (!match) return null;
  const children = (node as Record<'all' | 'any', ConditionNode[]>)[match];
  if (!children.every((c) => 'field' in c)) return null;
  return {
    match,
    conditions: children.map((c) => ({ key: newKey(), ...(c as { field: string; op: string; value?: unknown }) })),
  };
}

/** The condition fields the trigger provides (`card.*` only when it has a card…), sorted by path. */
export function fieldsFor(catalogue: AutomationCatalogue, trigger: string): Array<{ path: string; kind: FieldKind }> {
  const facts = catalogue.triggers.find((t) => t.type === trigger)?.facts;
  return Object.entries(catalogue.fields)
    .filter(([path]) => !facts || facts.includes(path.split('.')[0]))
    .map(([path, kind]) => ({ path, kind: kind as FieldKind }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

export function kindOf(catalogue: AutomationCatalogue, field: string): FieldKind {
  return (catalogue.fields[field] as FieldKind | undefined) ?? 'text';
}

export function operatorsFor(catalogue: AutomationCatalogue, kind: FieldKind): string[] {
  return catalogue.operatorsByKind?.[kind] ?? catalogue.operators;
}

/** Whether the trigger provides what the action needs (a card, a contact…). */
export function actionFits(catalogue: AutomationCatalogue, trigger: string, action: string): boolean {
  const facts = catalogue.triggers.find((t) => t.type === trigger)?.facts;
  const needs = catalogue.actions.find((a) => a.type === action)?.needs ?? [];
  return !facts || needs.every((n) => facts.includes(n));
}

/** A condition's value in the type its field kind needs (numbers as numbers, lists for in / not in). */
function valueOf(kind: FieldKind, op: string, value: unknown): unknown {
  const scalar = (v: unknown) => {
    if (kind === 'number') return typeof v === 'number' ? v : Number(v);
    if (kind === 'boolean') return v === true || v === 'true';
    return typeof v === 'string' ? v.trim() : v;
  };
  if (takesList(op))
    return (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).map(scalar);
  return value === undefined
    ? kind === 'boolean'
      ? false
      : undefined
    : scalar(Array.isArray(value) ? value[0] : value);
}

export function conditionsOf(draft: RuleDraft, catalogue: AutomationCatalogue): ConditionNode | null {
  if (draft.complexConditions) return draft.complexConditions;
  if (!draft.conditions.length) return null;
  const nodes = draft.conditions.map(({ field, op, value }) => {
    const node: { field: string; op: string; value?: unknown } = { field, op };
    if (takesValue(op)) node.value = valueOf(kindOf(catalogue, field), op, value);
    return node;
  });
  return draft.match === 'any' ? { any: nodes } : { all: nodes };
}

/** The request body: params cleaned against their schemas (empty optional fields left out). */
export function payloadOf(draft: RuleDraft, catalogue: AutomationCatalogue): RuleInput {
  const trigger = catalogue.triggers.find((t) => t.type === draft.trigger);
  return {
    name: draft.name.trim(),
    description: draft.description.trim() ? draft.description.trim() : null,
    active: draft.active,
    trigger: draft.trigger,
    triggerParams: cleanParams(draft.triggerParams, trigger?.params),
    conditions: conditionsOf(draft, catalogue),
    actions: draft.actions.map((a) => ({
      type: a.type,
      params: cleanParams(a.params, catalogue.actions.find((c) => c.type === a.type)?.params),
    })),
  };
}
