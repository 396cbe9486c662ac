import type { ParamSchema } from '@/api/automation-api';

/** Entities a parameter can point at; the editor offers them by name instead of asking for a raw id. */
export type ReferenceKind =
  'pipeline' | 'stage' | 'user' | 'department' | 'template' | 'audience' | 'channelAccount' | 'channel';

/**
 * Parameter (and condition field) names that point at an entity. The catalogue says a value is a uuid; the name says
 * of what. A uuid parameter with a name not listed here is asked for as text.
 */
const REFERENCES: Record<string, ReferenceKind> = {
  pipelineId: 'pipeline',
  pipelineIds: 'pipeline',
  stageId: 'stage',
  stageIds: 'stage',
  userId: 'user',
  userIds: 'user',
  responsibleUserId: 'user',
  assigneeUserId: 'user',
  departmentId: 'department',
  templateId: 'template',
  audienceId: 'audience',
  channelAccountId: 'channelAccount',
  channelAccountIds: 'channelAccount',
  channels: 'channel',
  channel: 'channel',
};

/** How a parameter is edited, read from its JSON Schema. */
export type ParamControl =
  | { kind: 'text'; multiline: boolean; maxLength?: number }
  | { kind: 'number'; integer: boolean; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'choice'; options: Array<string | number> }
  | { kind: 'choices'; options: Array<string | number>; max?: number }
  | { kind: 'reference'; reference: ReferenceKind; multiple: boolean; free: boolean }
  | { kind: 'tags'; max?: number }
  | { kind: 'object'; schema: ParamSchema }
  | { kind: 'variant'; discriminator: string; variants: ParamSchema[] }
  | { kind: 'unsupported' };

/** The schema without a `null` alternative (`nullable()` is `anyOf [T, null]`). */
export function withoutNull(schema: ParamSchema): ParamSchema {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (!alternatives) return schema;
  const rest = alternatives.filter((s) => s.type !== 'null');
  return rest.length === 1 ? { ...rest[0], default: schema.default ?? rest[0].default } : schema;
}

const isUuid = (schema: ParamSchema | undefined) => schema?.format === 'uuid';

export function controlOf(name: string, raw: ParamSchema): ParamControl {
  const schema = withoutNull(raw);
  const reference = REFERENCES[name];
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.length) {
    const discriminator = discriminatorOf(variants);
    return discriminator ? { kind: 'variant', discriminator, variants } : { kind: 'unsupported' };
  }
  if (schema.enum) return { kind: 'choice', options: schema.enum };
  switch (schema.type) {
    case 'string':
      if (reference && (isUuid(schema) || reference === 'channel'))
        return { kind: 'reference', reference, multiple: false, free: reference === 'channel' };
      return {
        kind: 'text',
        multiline: (schema.maxLength ?? 0) > 300 || name === 'body',
        maxLength: schema.maxLength,
      };
    case 'number':
    case 'integer':
      return {
        kind: 'number',
        integer: schema.type === 'integer',
        min: schema.minimum ?? schema.exclusiveMinimum,
        max: schema.maximum,
      };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array': {
      const items = schema.items ? withoutNull(schema.items) : {};
      if (items.enum) return { kind: 'choices', options: items.enum, max: schema.maxItems };
      if (reference && (isUuid(items) || reference === 'channel'))
        return { kind: 'reference', reference, multiple: true, free: reference === 'channel' };
      if (items.type === 'string') return { kind: 'tags', max: schema.maxItems };
      return { kind: 'unsupported' };
    }
    case 'object':
      return schema.properties ? { kind: 'object', schema } : { kind: 'unsupported' };
    default:
      return { kind: 'unsupported' };
  }
}

/** The property every alternative fixes with a `const` (e.g. `mode` of an assignee). */
function discriminatorOf(variants: ParamSchema[]): string | null {
  const first = variants[0]?.properties ?? {};
  const name = Object.keys(first).find((key) => variants.every((v) => v.properties?.[key]?.const !== undefined));
  return name ?? null;
}

export const variantValue = (variant: ParamSchema, discriminator: string) =>
  variant.properties?.[discriminator]?.const as string;

/** Starting values for a new trigger or action: the schema's defaults, nested objects filled the same way. */
export function initialParams(schema: ParamSchema | undefined): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(schema?.properties ?? {})) {
    const initial = initialValue(name, raw, schema?.required?.includes(name) ?? false);
    if (initial !== undefined) value[name] = initial;
  }
  return value;
}

function initialValue(name: string, raw: ParamSchema, required: boolean): unknown {
  const schema = withoutNull(raw);
  if (schema.default !== undefined) return cloneJson(schema.default);
  const control = controlOf(name, schema);
  if (control.kind === 'object' && required) return initialParams(control.schema);
  if (control.kind === 'variant' && required) {
    const first = control.variants[0];
    return { ...initialParams(first), [control.discriminator]: variantValue(first, control.discriminator) };
  }
  return undefined;
}

/** The params as the server wants them: empty strings, empty lists and unset values of optional fields left out. */
export function cleanParams(value: Record<string, unknown>, schema: ParamSchema | undefined): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    const raw = schema?.properties?.[name];
    const required = schema?.required?.includes(name) ?? false;
    const control = raw ? controlOf(name, raw) : null;
    let next = item;
    if (control?.kind === 'object' && isRecord(item)) next = cleanParams(item, control.schema);
    if (control?.kind === 'variant' && isRecord(item)) {
      const variant = control.variants.find(
        (v) => variantValue(v, control.discriminator) === item[control.discriminator],
      );
      next = cleanParams(item, variant);
    }
    const empty = next === undefined || next === null || next === '' || (Array.isArray(next) && next.length === 0);
    if (empty && !required) continue;
    clean[name] = next;
  }
  return clean;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The reference a condition field points at (`card.stageId` → stage), by its last segment. */
export function referenceOfField(path: string): ReferenceKind | null {
  const name = path.split('.').at(-1) ?? '';
  return name.endsWith('Id') || name.endsWith('Ids') ? (REFERENCES[name] ?? null) : null;
}

/** A parameter the editor has no control for is typed as JSON (a plain text when it does not parse). */
export function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A deep copy of JSON data; works on Vue's reactive proxies, which `structuredClone` refuses. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
