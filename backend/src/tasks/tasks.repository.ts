import { Injectable } from '@nestjs/common';
import { and, asc, count, eq, exists, gt, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { seesAllDepartments, type CardViewer } from '../consultations/card-viewer.js';
import { consultationCards } from '../consultations/consultations.schema.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { tasks, type TaskRow } from './tasks.schema.js';

export type TaskFilter = {
  assigneeUserId?: string;
  status?: TaskRow['status'];
  overdue?: boolean;
  dueToday?: boolean;
  cardId?: string;
  contactId?: string;
  parentTaskId?: string;
};

/** All SQL of tasks. */
@Injectable()
export class TasksRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  /** Tasks one is assigned to or created, and tasks of cards one may see (department rights). */
  private visibleTo(viewer: CardViewer): SQL | undefined {
    if (seesAllDepartments(viewer)) return undefined;
    const cardVisible = viewer.departmentId
      ? or(eq(consultationCards.departmentId, viewer.departmentId), eq(consultationCards.responsibleUserId, viewer.id))
      : eq(consultationCards.responsibleUserId, viewer.id);
    return or(
      eq(tasks.assigneeUserId, viewer.id),
      eq(tasks.createdBy, viewer.id),
      exists(
        this.db
          .select({ one: sql`1` })
          .from(consultationCards)
          .where(and(eq(consultationCards.id, tasks.cardId), cardVisible)),
      ),
    );
  }

  async findVisible(id: string, viewer: CardViewer, tx: DatabaseExecutor = this.db): Promise<TaskRow | undefined> {
    const [row] = await tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.id, id), this.visibleTo(viewer)))
      .limit(1);
    return row;
  }

  async list(filter: TaskFilter, viewer: CardViewer, page: { limit: number; offset: number }, timeZone: string) {
    const today = sql`(date_trunc('day', now() at time zone ${timeZone}) at time zone ${timeZone})`;
    const where = and(
      this.visibleTo(viewer),
      filter.assigneeUserId ? eq(tasks.assigneeUserId, filter.assigneeUserId) : undefined,
      filter.status ? eq(tasks.status, filter.status) : undefined,
      filter.overdue === true ? and(eq(tasks.status, 'open'), lt(tasks.dueAt, sql`now()`)) : undefined,
      filter.dueToday === true
        ? sql`${tasks.dueAt} >= ${today} and ${tasks.dueAt} < ${today} + interval '1 day'`
        : undefined,
      filter.cardId ? eq(tasks.cardId, filter.cardId) : undefined,
      filter.contactId ? eq(tasks.contactId, filter.contactId) : undefined,
      filter.parentTaskId ? eq(tasks.parentTaskId, filter.parentTaskId) : undefined,
    );
    const items = await this.db
      .select()
      .from(tasks)
      .where(where)
      .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.createdAt))
      .limit(page.limit)
      .offset(page.offset);
    const [{ total }] = await this.db.select({ total: count() }).from(tasks).where(where);
    return { items, total };
  }

  subtasksOf(parentTaskId: string, tx: DatabaseExecutor = this.db): Promise<TaskRow[]> {
    return tx.select().from(tasks).where(eq(tasks.parentTaskId, parentTaskId)).orderBy(asc(tasks.createdAt));
  }

  async countOpen(where: { parentTaskId?: string; cardId?: string }, tx: DatabaseExecutor = this.db): Promise<number> {
    const [{ total }] = await tx
      .select({ total: count() })
      .from(tasks)
      .where(
        and(
          eq(tasks.status, 'open'),
          where.parentTaskId ? eq(tasks.parentTaskId, where.parentTaskId) : undefined,
          where.cardId ? eq(tasks.cardId, where.cardId) : undefined,
        ),
      );
    return total;
  }

  async insert(tx: DatabaseExecutor, values: typeof tasks.$inferInsert): Promise<TaskRow> {
    const [row] = await tx.insert(tasks).values(values).returning();
    return row;
  }

  async update(tx: DatabaseExecutor, id: string, values: Partial<typeof tasks.$inferInsert>): Promise<TaskRow> {
    const [row] = await tx
      .update(tasks)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(tasks.id, id))
      .returning();
    return row;
  }

  /** Open tasks whose due time passed within the look-back window, oldest first (the overdue scan). */
  overdueOpen(now: Date, lookBack: Date, limit: number): Promise<TaskRow[]> {
    return this.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.status, 'open'), lte(tasks.dueAt, now), gt(tasks.dueAt, lookBack)))
      .orderBy(asc(tasks.dueAt))
      .limit(limit);
  }

  async reassignContact(tx: DatabaseExecutor, fromContactId: string, toContactId: string): Promise<void> {
    await tx.update(tasks).set({ contactId: toContactId }).where(eq(tasks.contactId, fromContactId));
  }
}
