import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const TIMELINE_KINDS = [
  'note',
  'task_created',
  'task_closed',
  'stage_changed',
  'card_created',
  'call',
  'message_in',
  'message_out',
  'email_in',
  'email_out',
  'email_opened',
  'consent_changed',
  'contact_created',
  'contact_merged',
  'field_changed',
  'mailchimp_audience',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * One ordered feed per contact and per card: every domain appends here (through TimelineService) when something
 * happens, pointing at its own row (`refType`/`refId`); the feed pages by (occurredAt, id).
 */
export const timelineEntries = pgTable(
  'timeline_entries',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    contactId: uuid(),
    cardId: uuid(),
    kind: text().$type<TimelineKind>().notNull(),
    occurredAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid(),
    refType: text(),
    refId: text(),
    /** What the feed shows without another query: a note's text, a call's duration, a stage's names… */
    summary: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('timeline_contact_idx').on(t.contactId, t.occurredAt, t.id),
    index('timeline_card_idx').on(t.cardId, t.occurredAt, t.id),
    uniqueIndex('timeline_ref_key').on(t.kind, t.refType, t.refId),
  ],
);

export type TimelineEntryRow = typeof timelineEntries.$inferSelect;
