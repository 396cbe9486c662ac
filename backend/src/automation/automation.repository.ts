import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { calls } from '../calls/calls.schema.js';
import { consultationCards } from '../consultations/consultations.schema.js';
import { contacts } from '../contacts/contacts.schema.js';
import { conversations, messages } from '../conversations/conversations.schema.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { fieldDefinitions, pipelineStages } from '../pipelines/pipelines.schema.js';
import { tasks } from '../tasks/tasks.schema.js';
import { users } from '../users/users.schema.js';
import type { TriggerType } from './automation-triggers.js';
import {
  automationRoundRobin,
  automationRuleRuns,
  automationRules,
  type ActionResult,
  type AutomationRuleRow,
  type AutomationRuleRunRow,
  type RunStatus,
} from './automation.schema.js';

/** Rules, runs and round-robin state; and the read-only facts rules look at (cards, contacts, messages, calls, tasks). */
@Injectable()
export class AutomationRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  listRules(): Promise<AutomationRuleRow[]> {
    return this.db.select().from(automationRules).orderBy(asc(automationRules.createdAt), asc(automationRules.id));
  }

  async findRule(id: string, tx: DatabaseExecutor = this.db): Promise<AutomationRuleRow | undefined> {
    const [row] = await tx.select().from(automationRules).where(eq(automationRules.id, id));
    return row;
  }

  activeRules(triggers: TriggerType[]): Promise<AutomationRuleRow[]> {
    if (!triggers.length) return Promise.resolve([]);
    return this.db
      .select()
      .from(automationRules)
      .where(and(eq(automationRules.active, true), inArray(automationRules.trigger, triggers)))
      .orderBy(asc(automationRules.createdAt));
  }

  async insertRule(tx: DatabaseExecutor, values: typeof automationRules.$inferInsert): Promise<AutomationRuleRow> {
    const [row] = await tx.insert(automationRules).values(values).returning();
    return row;
  }

  /** Seeds a shipped rule once (a concurrent start inserting it too is a no-op). */
  async insertBuiltInRule(
    tx: DatabaseExecutor,
    values: typeof automationRules.$inferInsert,
  ): Promise<AutomationRuleRow | undefined> {
    const [row] = await tx.insert(automationRules).values(values).onConflictDoNothing().returning();
    return row;
  }

  async updateRule(
    tx: DatabaseExecutor,
    id: string,
    values: Partial<typeof automationRules.$inferInsert>,
  ): Promise<AutomationRuleRow> {
    const [row] = await tx
      .update(automationRules)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(automationRules.id, id))
      .returning();
    return row;
  }

  async deleteRule(tx: DatabaseExecutor, id: string): Promise<void> {
    await tx.delete(automationRules).where(eq(automationRules.id, id));
  }

  /** Claims the run of a rule for an event; undefined when that rule already ran (or is running) for it. */
  async claimRun(values: typeof automationRuleRuns.$inferInsert): Promise<AutomationRuleRunRow | undefined> {
    const [row] = await this.db.insert(automationRuleRuns).values(values).onConflictDoNothing().returning();
    return row;
  }

  /** The results so far of a run in progress (a crash then shows which actions had completed). */
  async recordProgress(id: number, actionResults: ActionResult[]): Promise<void> {
    await this.db
      .update(automationRuleRuns)
      .set({ actionResults })
      .where(and(eq(automationRuleRuns.id, id), eq(automationRuleRuns.status, 'running')));
  }

  /** Runs still `running` that started before `cutoff`, with their rule's actions (for crash recovery). */
  async staleRuns(cutoff: Date, limit: number): Promise<{ run: AutomationRuleRunRow; actions: { type: string }[] }[]> {
    const rows = await this.db
      .select({ run: automationRuleRuns, actions: automationRules.actions })
      .from(automationRuleRuns)
      .innerJoin(automationRules, eq(automationRules.id, automationRuleRuns.ruleId))
      .where(and(eq(automationRuleRuns.status, 'running'), lt(automationRuleRuns.startedAt, cutoff)))
      .orderBy(asc(automationRuleRuns.id))
      .limit(limit);
    return rows;
  }

  /** Closes an interrupted run; undefined when it finished meanwhile (only a run still `running` is changed). */
  async failInterruptedRun(
    id: number,
    values: { actionResults: ActionResult[]; error: string },
  ): Promise<AutomationRuleRunRow | undefined> {
    const [row] = await this.db
      .update(automationRuleRuns)
      .set({ ...values, status: 'failed', finishedAt: new Date() })
      .where(and(eq(automationRuleRuns.id, id), eq(automationRuleRuns.status, 'running')))
      .returning();
    return row;
  }

  async finishRun(
    id: number,
    values: { status: RunStatus; actionResults: ActionResult[]; error: string | null },
  ): Promise<AutomationRuleRunRow> {
    const [row] = await this.db
      .update(automationRuleRuns)
      .set({ ...values, finishedAt: new Date() })
      .where(eq(automationRuleRuns.id, id))
      .returning();
    return row;
  }

  listRuns(
    ruleId: string,
    filter: { status?: RunStatus; cardId?: string },
    page: { limit: number; offset: number },
  ): Promise<AutomationRuleRunRow[]> {
    return this.db
      .select()
      .from(automationRuleRuns)
      .where(
        and(
          eq(automationRuleRuns.ruleId, ruleId),
          filter.status ? eq(automationRuleRuns.status, filter.status) : undefined,
          filter.cardId ? eq(automationRuleRuns.cardId, filter.cardId) : undefined,
        ),
      )
      .orderBy(desc(automationRuleRuns.startedAt), desc(automationRuleRuns.id))
      .limit(page.limit)
      .offset(page.offset);
  }

  /** Next user in the round after the last one this rule's action picked, under a row lock. */
  async nextInRound(ruleId: string, actionIndex: number, candidates: string[]): Promise<string | null> {
    if (!candidates.length) return null;
    return this.db.transaction(async (tx) => {
      await tx.insert(automationRoundRobin).values({ ruleId, actionIndex, lastUserId: null }).onConflictDoNothing();
      const [state] = await tx
        .select()
        .from(automationRoundRobin)
        .where(and(eq(automationRoundRobin.ruleId, ruleId), eq(automationRoundRobin.actionIndex, actionIndex)))
        .for('update');
      const next = candidates[(candidates.indexOf(state?.lastUserId ?? '') + 1) % candidates.length];
      await tx
        .update(automationRoundRobin)
        .set({ lastUserId: next })
        .where(and(eq(automationRoundRobin.ruleId, ruleId), eq(automationRoundRobin.actionIndex, actionIndex)));
      return next;
    });
  }

  /** Active consultants (of a department), in a stable order for round-robin. */
  async activeConsultantIds(departmentId: string | null): Promise<string[]> {
    const rows = await this.db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.active, true),
          eq(users.role, 'consultant'),
          departmentId ? eq(users.departmentId, departmentId) : undefined,
        ),
      )
      .orderBy(asc(users.createdAt), asc(users.id));
    return rows.map((r) => r.id);
  }

  async userExists(id: string): Promise<boolean> {
    const [row] = await this.db.select({ id: users.id }).from(users).where(eq(users.id, id));
    return Boolean(row);
  }

  async card(id: string) {
    const [row] = await this.db.select().from(consultationCards).where(eq(consultationCards.id, id));
    return row;
  }

  /** The contact's most recent active card (calls and e-mails are not tied to a card). */
  async activeCardOf(contactId: string) {
    const [row] = await this.db
      .select()
      .from(consultationCards)
      .where(and(eq(consultationCards.contactId, contactId), eq(consultationCards.status, 'active')))
      .orderBy(desc(consultationCards.updatedAt))
      .limit(1);
    return row;
  }

  /** Open cards of a stage set (timers are scheduled for cards already there when a stuck rule is saved). */
  openCardsIn(stageIds: string[], limit: number) {
    if (!stageIds.length) return Promise.resolve([]);
    return this.db
      .select({
        id: consultationCards.id,
        stageId: consultationCards.stageId,
        stageEnteredAt: consultationCards.stageEnteredAt,
      })
      .from(consultationCards)
      .where(and(inArray(consultationCards.stageId, stageIds), eq(consultationCards.status, 'active')))
      .limit(limit);
  }

  async contact(id: string) {
    const [row] = await this.db.select().from(contacts).where(eq(contacts.id, id));
    return row;
  }

  async stage(id: string) {
    const [row] = await this.db.select().from(pipelineStages).where(eq(pipelineStages.id, id));
    return row;
  }

  stagesOf(filter: { pipelineIds?: string[]; stageIds?: string[] }) {
    return this.db
      .select()
      .from(pipelineStages)
      .where(
        and(
          filter.pipelineIds?.length ? inArray(pipelineStages.pipelineId, filter.pipelineIds) : undefined,
          filter.stageIds?.length ? inArray(pipelineStages.id, filter.stageIds) : undefined,
          eq(pipelineStages.kind, 'open'),
        ),
      );
  }

  async message(id: string) {
    const [row] = await this.db.select().from(messages).where(eq(messages.id, id));
    return row;
  }

  async call(id: string) {
    const [row] = await this.db.select().from(calls).where(eq(calls.id, id));
    return row;
  }

  async task(id: string) {
    const [row] = await this.db.select().from(tasks).where(eq(tasks.id, id));
    return row;
  }

  /** The contact's conversation to write to: the most recent open one (on `channel` when given). */
  async latestConversationOf(contactId: string, channel?: string) {
    const [row] = await this.db
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.contactId, contactId),
          channel ? eq(conversations.channel, channel) : undefined,
          isNull(conversations.closedAt),
        ),
      )
      .orderBy(sql`${conversations.lastMessageAt} desc nulls last`)
      .limit(1);
    return row;
  }

  activeFieldDefinitions() {
    return this.db
      .select({ key: fieldDefinitions.key, type: fieldDefinitions.type })
      .from(fieldDefinitions)
      .where(eq(fieldDefinitions.active, true));
  }

  async userById(id: string) {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row;
  }
}
