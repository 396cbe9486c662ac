import { z } from 'zod';
import type { FieldErrors } from '../common/api-error.js';
import { factAt, type Facts } from './automation-facts.js';
import type { FactGroup } from './automation-triggers.js';

export const CONDITION_OPERATORS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'starts_with',
  'gt',
  'gte',
  'lt',
  'lte',
  'is_empty',
  'is_not_empty',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export type FieldCondition = { field: string; op: ConditionOperator; value?: unknown };
/** A condition tree: `all` (and), `any` (or), `not`, or one field comparison. */
export type ConditionNode =
  { all: ConditionNode[] } | { any: ConditionNode[] } | { not: ConditionNode } | FieldCondition;

const fieldCondition = z.strictObject({
  field: z.string().min(3).max(120),
  op: z.enum(CONDITION_OPERATORS, `One of: ${CONDITION_OPERATORS.join(', ')}.`),
  value: z.unknown().optional(),
});
export const conditionNodeSchema: z.ZodType<ConditionNode> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionNodeSchema).min(1).max(50) }),
    z.strictObject({ any: z.array(conditionNodeSchema).min(1).max(50) }),
    z.strictObject({ not: conditionNodeSchema }),
    fieldCondition,
  ]),
);

export type FieldKind = 'text' | 'number' | 'id' | 'list' | 'boolean';

/** Fields conditions can test, with their kind; `card.fields.<key>` and `contact.customFields.<key>` are added by key. */
export const CONDITION_FIELDS: Record<string, FieldKind> = {
  'card.title': 'text',
  'card.pipelineId': 'id',
  'card.stageId': 'id',
  'card.responsibleUserId': 'id',
  'card.departmentId': 'id',
  'card.budget': 'number',
  'card.programApplied': 'text',
  'card.source': 'text',
  'card.status': 'text',
  'card.instruments': 'list',
  'card.utm.source': 'text',
  'card.utm.medium': 'text',
  'card.utm.campaign': 'text',
  'contact.displayName': 'text',
  'contact.email': 'text',
  'contact.language': 'text',
  'contact.locality': 'text',
  'contact.activityType': 'text',
  'contact.source': 'text',
  'contact.tags': 'list',
  'contact.responsibleUserId': 'id',
  'contact.departmentId': 'id',
  'stage.name': 'text',
  'message.channel': 'text',
  'message.text': 'text',
  'message.hasAttachments': 'boolean',
  'call.status': 'text',
  'call.fromNumber': 'text',
  'call.queue': 'text',
  'task.type': 'text',
  'task.priority': 'number',
  'task.assigneeUserId': 'id',
  'task.title': 'text',
  'email.campaignId': 'text',
  'reminder.number': 'number',
};

/** Which operators apply to a field of each kind (the rule editor offers these). */
export const OPERATORS_OF: Record<FieldKind, readonly ConditionOperator[]> = {
  text: ['eq', 'neq', 'in', 'not_in', 'contains', 'not_contains', 'starts_with', 'is_empty', 'is_not_empty'],
  id: ['eq', 'neq', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  number: ['eq', 'neq', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'is_empty', 'is_not_empty'],
  list: ['contains', 'not_contains', 'is_empty', 'is_not_empty'],
  boolean: ['eq', 'neq'],
};

/** Custom card field types (field definitions) as condition kinds. */
export function kindOfCustomField(type: string): FieldKind {
  if (type === 'number' || type === 'money') return 'number';
  if (type === 'multi_select' || type === 'checkbox_list') return 'list';
  return 'text';
}

/**
 * Checks fields, operators and values against what the trigger provides. Errors are keyed by the path in the
 * request body (`conditions.all.1.field`) so the rule editor can point at the condition.
 */
export function validateConditions(
  node: ConditionNode,
  context: { facts: readonly FactGroup[]; customCardFields: Map<string, FieldKind> },
  path = 'conditions',
): FieldErrors {
  if ('all' in node)
    return Object.assign({}, ...node.all.map((child, i) => validateConditions(child, context, `${path}.all.${i}`)));
  if ('any' in node)
    return Object.assign({}, ...node.any.map((child, i) => validateConditions(child, context, `${path}.any.${i}`)));
  if ('not' in node) return validateConditions(node.not, context, `${path}.not`);
  const group = node.field.split('.')[0] as FactGroup;
  if (!context.facts.includes(group))
    return {
      [`${path}.field`]: `"${node.field}" is not known for this trigger; it provides ${context.facts.map((f) => `${f}.*`).join(', ')}.`,
    };
  let kind: FieldKind | undefined = CONDITION_FIELDS[node.field];
  if (!kind && node.field.startsWith('card.fields.')) {
    kind = context.customCardFields.get(node.field.slice('card.fields.'.length));
    if (!kind)
      return { [`${path}.field`]: `There is no custom card field "${node.field.slice('card.fields.'.length)}".` };
  }
  if (!kind && /^contact\.customFields\.[\w-]{1,60}$/.test(node.field)) kind = 'text';
  if (!kind) return { [`${path}.field`]: `Unknown field "${node.field}".` };
  if (!OPERATORS_OF[kind].includes(node.op))
    return {
      [`${path}.op`]: `"${node.op}" does not apply to ${node.field}; use one of ${OPERATORS_OF[kind].join(', ')}.`,
    };
  const valueError = checkValue(kind, node.op, node.value);
  return valueError ? { [`${path}.value`]: valueError } : {};
}

function checkValue(kind: FieldKind, op: ConditionOperator, value: unknown): string | undefined {
  if (op === 'is_empty' || op === 'is_not_empty') return value === undefined ? undefined : `"${op}" takes no value.`;
  if (op === 'in' || op === 'not_in')
    return Array.isArray(value) && value.length > 0 && value.every((v) => isScalarOf(kind, v))
      ? undefined
      : `Give a non-empty list of ${scalarName(kind)}s.`;
  if (kind === 'list') return typeof value === 'string' && value ? undefined : 'Give the value to look for.';
  return isScalarOf(kind, value) ? undefined : `Give ${scalarName(kind)}.`;
}

function isScalarOf(kind: FieldKind, value: unknown): boolean {
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (kind === 'boolean') return typeof value === 'boolean';
  if (kind === 'id') return typeof value === 'string' && z.uuid().safeParse(value).success;
  return typeof value === 'string';
}

function scalarName(kind: FieldKind): string {
  return { number: 'a number', boolean: 'true or false', id: 'an id (uuid)', text: 'a text', list: 'a text' }[kind];
}

/** Whether the facts satisfy the tree (a missing value is "empty" and equals nothing). Text compares ignore case. */
export function evaluateConditions(node: ConditionNode | null, facts: Facts): boolean {
  if (!node) return true;
  if ('all' in node) return node.all.every((child) => evaluateConditions(child, facts));
  if ('any' in node) return node.any.some((child) => evaluateConditions(child, facts));
  if ('not' in node) return !evaluateConditions(node.not, facts);
  return compare(factAt(facts, node.field), node.op, node.value);
}

function compare(actual: unknown, op: ConditionOperator, expected: unknown): boolean {
  const empty =
    actual === undefined || actual === null || actual === '' || (Array.isArray(actual) && actual.length === 0);
  switch (op) {
    case 'is_empty':
      return empty;
    case 'is_not_empty':
      return !empty;
    case 'eq':
      return !empty && same(actual, expected);
    case 'neq':
      return empty || !same(actual, expected);
    case 'in':
      return !empty && (expected as unknown[]).some((v) => same(actual, v));
    case 'not_in':
      return empty || !(expected as unknown[]).some((v) => same(actual, v));
    case 'contains':
      return !empty && contains(actual, expected);
    case 'not_contains':
      return empty || !contains(actual, expected);
    case 'starts_with':
      return typeof actual === 'string' && actual.toLowerCase().startsWith(String(expected).toLowerCase());
    case 'gt':
      return typeof actual === 'number' && actual > (expected as number);
    case 'gte':
      return typeof actual === 'number' && actual >= (expected as number);
    case 'lt':
      return typeof actual === 'number' && actual < (expected as number);
    case 'lte':
      return typeof actual === 'number' && actual <= (expected as number);
  }
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'number' && typeof b === 'string') return a === Number(b);
  return a === b;
}

function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((item) => same(item, expected));
  return typeof actual === 'string' && actual.toLowerCase().includes(String(expected).toLowerCase());
}
