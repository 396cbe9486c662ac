import { Injectable } from '@nestjs/common';
import { and, or, sql, type SQL } from 'drizzle-orm';
import { ApiError, type FieldErrors } from '../common/api-error.js';
import { zodIssuesToFields } from '../common/zod-validation.js';
import { liveContact } from './built-in-segment-predicates.js';
import { MAX_SEGMENT_DEPTH, segmentFilterShape, type SegmentCondition, type SegmentFilter } from './segment-filter.js';
import { SegmentPredicateRegistry } from './segment-predicate.registry.js';

/** Validates a segment filter against the registered predicates and compiles it to one SQL condition on contacts. */
@Injectable()
export class SegmentFilterCompiler {
  constructor(private readonly registry: SegmentPredicateRegistry) {}

  /** The filter with every condition validated (and defaulted); a 400 names each bad `filter.conditions.N…`. */
  parse(input: unknown, path = 'filter'): SegmentFilter {
    const fields: FieldErrors = {};
    const filter = this.parseInto(input, path, 0, fields);
    if (Object.keys(fields).length || !filter) throw ApiError.validation(fields);
    return filter;
  }

  /** The SQL condition selecting the filter's live contacts (an empty filter selects every live contact). */
  compile(filter: SegmentFilter): SQL {
    return and(liveContact(), this.compileGroup(filter))!;
  }

  private compileGroup(filter: SegmentFilter): SQL {
    const parts = filter.conditions.map((condition) => this.compileCondition(condition));
    if (!parts.length) return sql`true`;
    return (filter.match === 'any' ? or(...parts) : and(...parts))!;
  }

  private compileCondition(condition: SegmentCondition): SQL {
    if (condition.field === 'group') return sql`(${this.compileGroup(condition as unknown as SegmentFilter)})`;
    const predicate = this.registry.get(condition.field);
    if (!predicate) throw new Error(`segment field ${condition.field} is not registered`);
    return sql`(${predicate.compile(condition)})`;
  }

  private parseInto(input: unknown, path: string, depth: number, fields: FieldErrors): SegmentFilter | undefined {
    const shape = segmentFilterShape.safeParse(input ?? {});
    if (!shape.success) {
      for (const [key, message] of Object.entries(zodIssuesToFields(shape.error.issues)))
        fields[key === '_' ? path : `${path}.${key}`] = message;
      return undefined;
    }
    const conditions: SegmentCondition[] = [];
    shape.data.conditions.forEach((raw, index) => {
      const at = `${path}.conditions.${index}`;
      if (raw.field === 'group') {
        if (depth + 1 >= MAX_SEGMENT_DEPTH) fields[at] = `Groups nest at most ${MAX_SEGMENT_DEPTH} levels deep.`;
        const nested = this.parseInto(raw, at, depth + 1, fields);
        if (nested) conditions.push({ field: 'group', ...nested });
        return;
      }
      const predicate = this.registry.get(raw.field);
      if (!predicate) {
        fields[`${at}.field`] =
          `Unknown field "${raw.field}"; use one of: group, ${this.registry.fields().join(', ')}.`;
        return;
      }
      const parsed = predicate.schema.safeParse(raw);
      if (!parsed.success) {
        for (const [key, message] of Object.entries(zodIssuesToFields(parsed.error.issues)))
          fields[key === '_' ? at : `${at}.${key}`] = message;
        return;
      }
      conditions.push(parsed.data as SegmentCondition);
    });
    return { match: shape.data.match, conditions };
  }
}
