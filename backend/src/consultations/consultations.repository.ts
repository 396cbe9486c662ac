import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { contactPhones, contacts } from '../contacts/contacts.schema.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { pipelineStages } from '../pipelines/pipelines.schema.js';
import { tasks } from '../tasks/tasks.schema.js';
import { seesAllDepartments, type CardViewer } from './card-viewer.js';
import {
  cardStageHistory,
  consultationCards,
  notes,
  type CardStageHistoryRow,
  type ConsultationCardRow,
  type NoteRow,
} from './consultations.schema.js';
import type { ListCardsQuery } from './consultations.dto.js';

export type CardFilter = Omit<ListCardsQuery, 'limit' | 'offset' | 'segmentId'> & {
  /** A condition on `contacts` (e.g. a compiled segment) the card's contact must meet. */
  contactCondition?: SQL;
};
/** The card's next open task, as the list shows it. */
export type CardOpenTask = { id: string; title: string; dueAt: string | null };
/** A list row: the card plus what the board and the list show of its contact and its next open task. */
export type CardListItem = ConsultationCardRow & {
  contactName: string | null;
  contactPhone: string | null;
  openTask: CardOpenTask | null;
};
export type StageStay = CardStageHistoryRow & { fromStageName: string | null; toStageName: string };

/** All SQL of consultation cards, their stage history and notes. */
@Injectable()
export class ConsultationsRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  /** The department-rights condition: undefined when the viewer sees every card. */
  visibleTo(viewer: CardViewer): SQL | undefined {
    if (seesAllDepartments(viewer)) return undefined;
    const own = eq(consultationCards.responsibleUserId, viewer.id);
    return viewer.departmentId ? or(eq(consultationCards.departmentId, viewer.departmentId), own) : own;
  }

  async findVisible(
    id: string,
    viewer: CardViewer,
    tx: DatabaseExecutor = this.db,
  ): Promise<ConsultationCardRow | undefined> {
    const [row] = await tx
      .select()
      .from(consultationCards)
      .where(and(eq(consultationCards.id, id), this.visibleTo(viewer)))
      .limit(1);
    return row;
  }

  async findById(id: string, tx: DatabaseExecutor = this.db): Promise<ConsultationCardRow | undefined> {
    const [row] = await tx.select().from(consultationCards).where(eq(consultationCards.id, id)).limit(1);
    return row;
  }

  /**
   * One page of cards with their contact's name and primary phone and the next open task: two correlated lookups on
   * indexed columns per row of the page, so a board of 200 cards is one query, not one per card.
   */
  async list(
    filter: CardFilter,
    viewer: CardViewer,
    page: { limit: number; offset: number },
  ): Promise<{ items: CardListItem[]; total: number }> {
    const where = this.listCondition(filter, viewer);
    const contactPhone = sql<string | null>`(select ${contactPhones.e164} from ${contactPhones}
      where ${contactPhones.contactId} = ${consultationCards.contactId}
      order by ${contactPhones.isPrimary} desc, ${contactPhones.createdAt} asc limit 1)`;
    const openTask = sql<CardOpenTask | null>`(select json_build_object('id', ${tasks.id}, 'title', ${tasks.title},
      'dueAt', ${tasks.dueAt}) from ${tasks} where ${tasks.cardId} = ${consultationCards.id} and ${tasks.status} = 'open'
      order by ${tasks.dueAt} asc nulls last, ${tasks.createdAt} asc limit 1)`;
    const rows = await this.db
      .select({ card: consultationCards, contactName: contacts.displayName, contactPhone, openTask })
      .from(consultationCards)
      .leftJoin(contacts, eq(contacts.id, consultationCards.contactId))
      .where(where)
      .orderBy(desc(consultationCards.updatedAt), desc(consultationCards.id))
      .limit(page.limit)
      .offset(page.offset);
    const [{ total }] = await this.db
      .select({ total: count() })
      .from(consultationCards)
      .leftJoin(contacts, eq(contacts.id, consultationCards.contactId))
      .where(where);
    const items = rows.map((r) => ({
      ...r.card,
      contactName: r.contactName ?? null,
      contactPhone: r.contactPhone ?? null,
      openTask: r.openTask
        ? { ...r.openTask, dueAt: r.openTask.dueAt ? new Date(r.openTask.dueAt).toISOString() : null }
        : null,
    }));
    return { items, total };
  }

  private listCondition(filter: CardFilter, viewer: CardViewer): SQL | undefined {
    const like = (text: string) => `%${text.replace(/[%_\\]/g, '\\$&')}%`;
    return and(
      this.visibleTo(viewer),
      filter.pipelineId ? eq(consultationCards.pipelineId, filter.pipelineId) : undefined,
      filter.stageId ? eq(consultationCards.stageId, filter.stageId) : undefined,
      filter.status ? eq(consultationCards.status, filter.status) : undefined,
      filter.responsibleUserId ? eq(consultationCards.responsibleUserId, filter.responsibleUserId) : undefined,
      filter.departmentId ? eq(consultationCards.departmentId, filter.departmentId) : undefined,
      filter.contactId ? eq(consultationCards.contactId, filter.contactId) : undefined,
      filter.instrument ? sql`${consultationCards.instruments} @> array[${filter.instrument}]::text[]` : undefined,
      filter.tag ? sql`${contacts.tags} @> array[${filter.tag}]::text[]` : undefined,
      filter.contactCondition,
      filter.q
        ? or(ilike(consultationCards.title, like(filter.q)), ilike(contacts.displayName, like(filter.q)))
        : undefined,
    );
  }

  /**
   * Active cards with no open task, optionally of one responsible and/or department, within the viewer's rights:
   * `open_task_count` is kept by triggers on tasks, and `cards_without_open_task_idx` holds exactly these cards.
   */
  withoutOpenTask(
    filter: { responsibleUserId?: string; departmentId?: string },
    viewer?: CardViewer,
  ): Promise<ConsultationCardRow[]> {
    return this.db
      .select()
      .from(consultationCards)
      .where(
        and(
          eq(consultationCards.status, 'active'),
          eq(consultationCards.openTaskCount, 0),
          viewer ? this.visibleTo(viewer) : undefined,
          filter.responsibleUserId ? eq(consultationCards.responsibleUserId, filter.responsibleUserId) : undefined,
          filter.departmentId ? eq(consultationCards.departmentId, filter.departmentId) : undefined,
        ),
      )
      .orderBy(asc(consultationCards.stageEnteredAt));
  }

  async insert(tx: DatabaseExecutor, values: typeof consultationCards.$inferInsert): Promise<ConsultationCardRow> {
    const [row] = await tx.insert(consultationCards).values(values).returning();
    return row;
  }

  async update(
    tx: DatabaseExecutor,
    id: string,
    values: Partial<typeof consultationCards.$inferInsert>,
  ): Promise<ConsultationCardRow> {
    const [row] = await tx
      .update(consultationCards)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(consultationCards.id, id))
      .returning();
    return row;
  }

  /** Closes the current stay (if any) and opens one in the new stage. */
  async recordStageChange(
    tx: DatabaseExecutor,
    change: { cardId: string; fromStageId: string | null; toStageId: string; at: Date; byUserId: string | null },
  ): Promise<CardStageHistoryRow> {
    await tx
      .update(cardStageHistory)
      .set({ leftAt: change.at })
      .where(and(eq(cardStageHistory.cardId, change.cardId), isNull(cardStageHistory.leftAt)));
    const [row] = await tx
      .insert(cardStageHistory)
      .values({
        cardId: change.cardId,
        fromStageId: change.fromStageId,
        toStageId: change.toStageId,
        enteredAt: change.at,
        byUserId: change.byUserId,
      })
      .returning();
    return row;
  }

  async stageHistory(cardId: string): Promise<StageStay[]> {
    const from = sql<
      string | null
    >`(select ${pipelineStages.name} from ${pipelineStages} where ${pipelineStages.id} = ${cardStageHistory.fromStageId})`;
    const rows = await this.db
      .select({ stay: cardStageHistory, toStageName: pipelineStages.name, fromStageName: from })
      .from(cardStageHistory)
      .innerJoin(pipelineStages, eq(pipelineStages.id, cardStageHistory.toStageId))
      .where(eq(cardStageHistory.cardId, cardId))
      .orderBy(asc(cardStageHistory.enteredAt), asc(cardStageHistory.id));
    return rows.map((r) => ({ ...r.stay, toStageName: r.toStageName, fromStageName: r.fromStageName }));
  }

  async contactExists(contactId: string, tx: DatabaseExecutor = this.db): Promise<boolean> {
    const [row] = await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, contactId)).limit(1);
    return !!row;
  }

  async insertNote(tx: DatabaseExecutor, values: typeof notes.$inferInsert): Promise<NoteRow> {
    const [row] = await tx.insert(notes).values(values).returning();
    return row;
  }

  /** Demo data: moves a card's whole history `ms` into the past so durations and staleness look lived-in. */
  async shiftTimesBack(tx: DatabaseExecutor, cardId: string, ms: number): Promise<void> {
    const by = sql`make_interval(secs => ${ms / 1000})`;
    await tx
      .update(consultationCards)
      .set({
        createdAt: sql`${consultationCards.createdAt} - ${by}`,
        stageEnteredAt: sql`${consultationCards.stageEnteredAt} - ${by}`,
        closedAt: sql`${consultationCards.closedAt} - ${by}`,
      })
      .where(eq(consultationCards.id, cardId));
    await tx
      .update(cardStageHistory)
      .set({ enteredAt: sql`${cardStageHistory.enteredAt} - ${by}`, leftAt: sql`${cardStageHistory.leftAt} - ${by}` })
      .where(eq(cardStageHistory.cardId, cardId));
  }

  async reassignContact(tx: DatabaseExecutor, fromContactId: string, toContactId: string): Promise<void> {
    await tx
      .update(consultationCards)
      .set({ contactId: toContactId })
      .where(eq(consultationCards.contactId, fromContactId));
    await tx.update(notes).set({ contactId: toContactId }).where(eq(notes.contactId, fromContactId));
  }
}
