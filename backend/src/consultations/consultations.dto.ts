import { z } from 'zod';
import { CARD_STATUSES } from './consultations.schema.js';

const utm = z
  .object({
    source: z.string().max(200).optional(),
    medium: z.string().max(200).optional(),
    campaign: z.string().max(200).optional(),
    term: z.string().max(200).optional(),
    content: z.string().max(200).optional(),
  })
  .strict();
const money = z
  .number()
  .nonnegative('A budget cannot be negative.')
  .max(999_999_999_999, 'That budget is too large.')
  .refine((v) => Math.round(v * 100) === v * 100, 'Use at most 2 decimals.');
const instrumentCodes = z.array(z.string().trim().min(1).max(60)).max(50);

export const createCardDto = z.object({
  contactId: z.uuid('Choose the contact.'),
  companyId: z.uuid().nullable().optional(),
  pipelineId: z.uuid('Choose the pipeline.'),
  stageId: z.uuid().optional(),
  title: z.string().trim().min(2, 'Write what the consultation is about.').max(300),
  responsibleUserId: z.uuid().nullable().optional(),
  departmentId: z.uuid().nullable().optional(),
  instruments: instrumentCodes.default([]),
  budget: money.nullable().optional(),
  programApplied: z.string().trim().max(200).nullable().optional(),
  fields: z.record(z.string(), z.unknown()).default({}),
  source: z.string().trim().max(60).nullable().optional(),
  utm: utm.default({}),
});
export type CreateCardDto = z.infer<typeof createCardDto>;

/**
 * `fields` merges into the card's values (null clears a field); `stageId` moves the card (required fields are enforced).
 * Omitted keys keep their values: the create defaults of `instruments` and `utm` must not apply (zod keeps defaults
 * through `.partial()`, which emptied them on every PATCH).
 */
export const updateCardDto = createCardDto
  .omit({ contactId: true })
  .partial()
  .extend({
    fields: z.record(z.string(), z.unknown()).optional(),
    instruments: instrumentCodes.optional(),
    utm: utm.optional(),
  });
export type UpdateCardDto = z.infer<typeof updateCardDto>;

export const moveCardDto = z.object({
  stageId: z.uuid('Choose the stage.'),
  fields: z.record(z.string(), z.unknown()).optional(),
});
export type MoveCardDto = z.infer<typeof moveCardDto>;

export const listCardsQuery = z.object({
  pipelineId: z.uuid().optional(),
  stageId: z.uuid().optional(),
  status: z.enum(CARD_STATUSES).optional(),
  responsibleUserId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  /** Cards consulting on this instrument (its code). */
  instrument: z.string().trim().min(1).max(60).optional(),
  /** Cards whose contact carries this tag. */
  tag: z.string().trim().min(1).max(50).optional(),
  /** Cards whose contact is in this saved segment now. */
  segmentId: z.uuid().optional(),
  /** Words of the card's title or of its contact's name. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListCardsQuery = z.infer<typeof listCardsQuery>;

export const noteDto = z.object({ body: z.string().trim().min(1, 'Write the note.').max(20_000) });
export type NoteDto = z.infer<typeof noteDto>;

export const timelineQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TimelineQuery = z.infer<typeof timelineQuery>;

export const cardsWithoutOpenTaskQuery = z.object({ assignee: z.uuid().optional(), department: z.uuid().optional() });
export type CardsWithoutOpenTaskQuery = z.infer<typeof cardsWithoutOpenTaskQuery>;
