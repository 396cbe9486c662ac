import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { contacts } from '../contacts/contacts.schema.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { pipelineStages } from '../pipelines/pipelines.schema.js';
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

export type CardFilter = Omit<ListCardsQuery, 'limit' | 'offset'>;
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

  async list(filter: CardFilter, viewer: CardViewer, page: { limit: number; offset: number }) {
    const where = and(
      this.visibleTo(viewer),
      filter.pipelineId ? eq(consultationCards.pipelineId, filter.pipelineId) : undefined,
      filter.stageId ? eq(consultationCards.stageId, filter.stageId) : undefined,
      filter.status ? eq(consultationCards.status, filter.status) : undefined,
      filter.responsibleUserId ? eq(consultationCards.responsibleUserId, filter.responsibleUserId) : undefined,
      filter.departmentId ? eq(consultationCards.departmentId, filter.departmentId) : undefined,
      filter.contactId ? eq(consultationCards.contactId, filter.contactId) : undefined,
      filter.q ? ilike(consultationCards.title, `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
    );
    const items = await this.db
      .select()
      .from(consultationCards)
      .where(where)
      .orderBy(desc(consultationCards.updatedAt), desc(consultationCards.id))
      .limit(page.limit)
      .offset(page.offset);
    const [{ total }] = await this.db.select({ total: count() }).from(consultationCards).where(where);
    return { items, total };
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
