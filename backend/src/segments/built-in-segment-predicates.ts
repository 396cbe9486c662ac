import { and, inArray, isNull, not, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { COMPANY_SIZES, companies } from '../companies/companies.schema.js';
import { contacts } from '../contacts/contacts.schema.js';
import type { SegmentPredicate } from './segment-predicate.registry.js';

const TEXT_FIELDS = {
  firstName: contacts.firstName,
  lastName: contacts.lastName,
  email: contacts.email,
  locality: contacts.locality,
  district: contacts.district,
  activityType: contacts.activityType,
  language: contacts.language,
  source: contacts.source,
} as const;

const textCondition = <F extends string>(field: F) =>
  z.discriminatedUnion('op', [
    z.object({
      field: z.literal(field),
      op: z.enum(['eq', 'neq', 'contains', 'startsWith']),
      value: z.string().trim().min(1).max(200),
    }),
    z.object({
      field: z.literal(field),
      op: z.enum(['in', 'notIn']),
      value: z.array(z.string().trim().min(1).max(200)).min(1).max(500),
    }),
    z.object({ field: z.literal(field), op: z.enum(['isEmpty', 'notEmpty']) }),
  ]);

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Case-insensitive text comparison of a column (or any text expression). */
function compileText(column: SQL | AnyColumn, condition: z.infer<ReturnType<typeof textCondition>>): SQL {
  const lowered = sql`lower(${column})`;
  switch (condition.op) {
    case 'eq':
      return sql`${lowered} = lower(${condition.value})`;
    case 'neq':
      return sql`${lowered} is distinct from lower(${condition.value})`;
    case 'contains':
      return sql`${column} ilike ${`%${escapeLike(condition.value)}%`}`;
    case 'startsWith':
      return sql`${column} ilike ${`${escapeLike(condition.value)}%`}`;
    case 'in':
      return inArray(
        lowered,
        condition.value.map((v) => v.toLowerCase()),
      );
    case 'notIn':
      return or(
        isNull(column),
        not(
          inArray(
            lowered,
            condition.value.map((v) => v.toLowerCase()),
          ),
        ),
      )!;
    case 'isEmpty':
      return sql`coalesce(${column}, '') = ''`;
    case 'notEmpty':
      return sql`coalesce(${column}, '') <> ''`;
  }
}

const textPredicates: SegmentPredicate[] = (Object.keys(TEXT_FIELDS) as (keyof typeof TEXT_FIELDS)[]).map((field) => ({
  field,
  schema: textCondition(field),
  compile: (condition: z.infer<ReturnType<typeof textCondition>>) => compileText(TEXT_FIELDS[field], condition),
}));

const tagsCondition = z.object({
  field: z.literal('tags'),
  op: z.enum(['hasAny', 'hasAll', 'hasNone']),
  value: z.array(z.string().trim().min(1).max(50)).min(1).max(100),
});
const tagsPredicate: SegmentPredicate<typeof tagsCondition> = {
  field: 'tags',
  schema: tagsCondition,
  compile: ({ op, value }) => {
    const array = sql`array[${sql.join(
      value.map((v) => sql`${v}`),
      sql`, `,
    )}]::text[]`;
    if (op === 'hasAll') return sql`${contacts.tags} @> ${array}`;
    if (op === 'hasAny') return sql`${contacts.tags} && ${array}`;
    return sql`not (${contacts.tags} && ${array})`;
  },
};

const consentCondition = z.object({
  field: z.literal('consent'),
  channel: z.enum(['sms', 'email', 'messengers', 'marketing']),
  value: z.boolean(),
});
const consentPredicate: SegmentPredicate<typeof consentCondition> = {
  field: 'consent',
  schema: consentCondition,
  compile: ({ channel, value }) =>
    value
      ? sql`(${contacts.consent} ->> ${channel}) = 'true'`
      : sql`coalesce(${contacts.consent} ->> ${channel}, 'false') <> 'true'`,
};

const scalar = z.union([z.string().max(500), z.number(), z.boolean()]);
const customFieldCondition = z.discriminatedUnion('op', [
  z.object({
    field: z.literal('customField'),
    key: z.string().min(1).max(100),
    op: z.enum(['eq', 'neq']),
    value: scalar,
  }),
  z.object({
    field: z.literal('customField'),
    key: z.string().min(1).max(100),
    op: z.literal('contains'),
    value: z.string().min(1).max(200),
  }),
  z.object({
    field: z.literal('customField'),
    key: z.string().min(1).max(100),
    op: z.enum(['gt', 'gte', 'lt', 'lte']),
    value: z.number(),
  }),
  z.object({
    field: z.literal('customField'),
    key: z.string().min(1).max(100),
    op: z.literal('in'),
    value: z.array(scalar).min(1).max(500),
  }),
  z.object({ field: z.literal('customField'), key: z.string().min(1).max(100), op: z.enum(['exists', 'notExists']) }),
]);
const NUMERIC_OPERATORS = { gt: sql`>`, gte: sql`>=`, lt: sql`<`, lte: sql`<=` } as const;
const customFieldPredicate: SegmentPredicate<typeof customFieldCondition> = {
  field: 'customField',
  schema: customFieldCondition,
  compile: (condition) => {
    const text = sql`(${contacts.customFields} ->> ${condition.key})`;
    switch (condition.op) {
      case 'eq':
        return sql`${text} = ${String(condition.value)}`;
      case 'neq':
        return sql`${text} is distinct from ${String(condition.value)}`;
      case 'contains':
        return sql`${text} ilike ${`%${escapeLike(condition.value)}%`}`;
      case 'in':
        return inArray(text, condition.value.map(String));
      case 'exists':
        return sql`${contacts.customFields} ? ${condition.key}`;
      case 'notExists':
        return sql`not (${contacts.customFields} ? ${condition.key})`;
      default: {
        // Only values that look like numbers compare, so one odd value does not break the whole segment.
        const numeric = sql`case when ${text} ~ '^-?[0-9]+(\\.[0-9]+)?$' then ${text}::numeric end`;
        return sql`${numeric} ${NUMERIC_OPERATORS[condition.op]} ${condition.value}`;
      }
    }
  },
};

const companyCondition = (condition: SQL) =>
  sql`${contacts.companyId} in (select ${companies.id} from ${companies} where ${condition})`;

const companySizeCondition = z.object({
  field: z.literal('companySize'),
  op: z.literal('in').default('in'),
  value: z.array(z.enum(COMPANY_SIZES)).min(1),
});
const companySizePredicate: SegmentPredicate<typeof companySizeCondition> = {
  field: 'companySize',
  schema: companySizeCondition,
  compile: ({ value }) => companyCondition(inArray(companies.size, value)),
};

const companySectorCondition = textCondition('companySector');
const companySectorPredicate: SegmentPredicate<typeof companySectorCondition> = {
  field: 'companySector',
  schema: companySectorCondition,
  compile: (condition) =>
    condition.op === 'isEmpty' || condition.op === 'neq' || condition.op === 'notIn'
      ? or(isNull(contacts.companyId), companyCondition(compileText(companies.sector, condition)))!
      : companyCondition(compileText(companies.sector, condition)),
};

const referenceCondition = <F extends string>(field: F) =>
  z.discriminatedUnion('op', [
    z.object({ field: z.literal(field), op: z.literal('in'), value: z.array(z.uuid()).min(1).max(500) }),
    z.object({ field: z.literal(field), op: z.enum(['isEmpty', 'notEmpty']) }),
  ]);
const referencePredicate = (field: 'responsibleUserId' | 'departmentId' | 'companyId'): SegmentPredicate => ({
  field,
  schema: referenceCondition(field),
  compile: (condition: z.infer<ReturnType<typeof referenceCondition>>) => {
    const column = contacts[field];
    if (condition.op === 'in') return inArray(column, condition.value);
    return condition.op === 'isEmpty' ? isNull(column) : sql`${column} is not null`;
  },
});

const createdAtCondition = z.object({
  field: z.literal('createdAt'),
  op: z.enum(['before', 'after']),
  value: z.iso.datetime({ offset: true }).or(z.iso.date()),
});
const createdAtPredicate: SegmentPredicate<typeof createdAtCondition> = {
  field: 'createdAt',
  schema: createdAtCondition,
  compile: ({ op, value }) =>
    op === 'before'
      ? sql`${contacts.createdAt} < ${value}::timestamptz`
      : sql`${contacts.createdAt} >= ${value}::timestamptz`,
};

export const BUILT_IN_SEGMENT_PREDICATES: SegmentPredicate[] = [
  ...textPredicates,
  tagsPredicate,
  consentPredicate,
  customFieldPredicate,
  companySizePredicate,
  companySectorPredicate,
  referencePredicate('responsibleUserId'),
  referencePredicate('departmentId'),
  referencePredicate('companyId'),
  createdAtPredicate,
] as SegmentPredicate[];

/** Live contacts only: never merged-away or erased ones. */
export const liveContact = (): SQL => and(isNull(contacts.mergedIntoId), isNull(contacts.erasedAt))!;
