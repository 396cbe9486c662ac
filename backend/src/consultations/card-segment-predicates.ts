import { Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { contacts } from '../contacts/contacts.schema.js';
import { SegmentPredicateRegistry } from '../segments/segment-predicate.registry.js';
import { CARD_STATUSES, consultationCards } from './consultations.schema.js';

const cardStatus = z.enum(CARD_STATUSES).optional();

const cardStageCondition = z.object({
  field: z.literal('cardStage'),
  stageIds: z.array(z.uuid()).min(1, 'Choose at least one stage.'),
  status: cardStatus,
});

const cardPipelineCondition = z.object({
  field: z.literal('cardPipeline'),
  pipelineIds: z.array(z.uuid()).min(1, 'Choose at least one pipeline.'),
  status: cardStatus,
});

const cardResponsibleCondition = z.object({
  field: z.literal('cardResponsible'),
  userIds: z.array(z.uuid()).min(1, 'Choose at least one responsible user.'),
  status: cardStatus,
});

const instrumentCondition = z.object({
  field: z.literal('instrument'),
  codes: z.array(z.string().min(1)).min(1, 'Choose at least one instrument.'),
  /** `any`: consulted on one of them; `all`: on every one of them (on the same card). */
  match: z.enum(['any', 'all']).default('any'),
  status: cardStatus,
});

/** "The contact has a consultation card that …": one EXISTS per condition, on the cards' contact index. */
function hasCardWhere(condition: SQL, status: string | undefined): SQL {
  const statusFilter = status ? sql` and ${consultationCards.status} = ${status}` : sql``;
  return sql`exists (select 1 from ${consultationCards} where ${consultationCards.contactId} = ${contacts.id} and ${condition}${statusFilter})`;
}

function textArray(values: string[]): SQL {
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

function uuidList(ids: string[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
}

/** Lets saved segments (and campaigns) select contacts by their cards' stage, pipeline, responsible, instruments. */
@Injectable()
export class CardSegmentPredicates {
  constructor(registry: SegmentPredicateRegistry) {
    registry.register({
      field: 'cardStage',
      schema: cardStageCondition,
      compile: (c) => hasCardWhere(sql`${consultationCards.stageId} in (${uuidList(c.stageIds)})`, c.status),
    });
    registry.register({
      field: 'cardPipeline',
      schema: cardPipelineCondition,
      compile: (c) => hasCardWhere(sql`${consultationCards.pipelineId} in (${uuidList(c.pipelineIds)})`, c.status),
    });
    registry.register({
      field: 'cardResponsible',
      schema: cardResponsibleCondition,
      compile: (c) => hasCardWhere(sql`${consultationCards.responsibleUserId} in (${uuidList(c.userIds)})`, c.status),
    });
    registry.register({
      field: 'instrument',
      schema: instrumentCondition,
      compile: (c) =>
        hasCardWhere(
          c.match === 'all'
            ? sql`${consultationCards.instruments} @> ${textArray(c.codes)}`
            : sql`${consultationCards.instruments} && ${textArray(c.codes)}`,
          c.status,
        ),
    });
  }
}
