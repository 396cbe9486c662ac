import { Injectable } from '@nestjs/common';
import type { SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { BUILT_IN_SEGMENT_PREDICATES } from './built-in-segment-predicates.js';

/**
 * One kind of segment condition: `schema` validates a condition `{ field, ... }`, `compile` turns it into a
 * condition on the `contacts` table (subqueries may reach other tables by contacts.id / contacts.company_id).
 */
export interface SegmentPredicate<S extends z.ZodType = z.ZodType> {
  field: string;
  schema: S;
  compile(condition: z.infer<S>): SQL;
}

/**
 * Every field a segment can filter on. Contact, tag, consent, custom-field and company predicates are built in;
 * other domains add theirs at start-up, e.g. consultations: `registry.register({ field: 'cardStage', schema, compile })`.
 */
@Injectable()
export class SegmentPredicateRegistry {
  private readonly predicates = new Map<string, SegmentPredicate>();

  constructor() {
    for (const predicate of BUILT_IN_SEGMENT_PREDICATES) this.register(predicate);
  }

  register<S extends z.ZodType>(predicate: SegmentPredicate<S>): void {
    if (predicate.field === 'group') throw new Error('"group" is reserved for nested filters');
    this.predicates.set(predicate.field, predicate as unknown as SegmentPredicate);
  }

  get(field: string): SegmentPredicate | undefined {
    return this.predicates.get(field);
  }

  fields(): string[] {
    return [...this.predicates.keys()].sort();
  }
}
