import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { consultationCards, cardStageHistory } from '../consultations/consultations.schema.js';
import { contactChannelIdentities, contactPhones, contacts, type ContactRow } from '../contacts/contacts.schema.js';
import type { DatabaseExecutor } from '../database/database-connection.js';
import { pipelines, pipelineStages } from '../pipelines/pipelines.schema.js';
import { tasks } from '../tasks/tasks.schema.js';
import { users } from '../users/users.schema.js';
import { conversations } from './conversations.schema.js';

/**
 * The rows of other domains (contacts, cards, tasks, users) that message ingestion reads and creates, written
 * against their tables until ContactsService / ConsultationsService / TasksService take these use cases over
 * (see CrmBridge). Every method runs inside the caller's transaction.
 */
@Injectable()
export class CrmBridgeRepository {
  async contactById(tx: DatabaseExecutor, id: string): Promise<ContactRow | undefined> {
    const [row] = await tx.select().from(contacts).where(eq(contacts.id, id)).limit(1);
    return row;
  }

  /** The contact linked to a channel identity, in one round trip. */
  async contactByIdentity(
    tx: DatabaseExecutor,
    channel: string,
    providerUserId: string,
  ): Promise<ContactRow | undefined> {
    const [row] = await tx
      .select({ contact: contacts })
      .from(contactChannelIdentities)
      .innerJoin(contacts, eq(contacts.id, contactChannelIdentities.contactId))
      .where(
        and(eq(contactChannelIdentities.channel, channel), eq(contactChannelIdentities.providerUserId, providerUserId)),
      )
      .limit(1);
    return row?.contact;
  }

  async contactIdByPhone(tx: DatabaseExecutor, e164: string): Promise<string | undefined> {
    const [row] = await tx
      .select({ contactId: contactPhones.contactId })
      .from(contactPhones)
      .where(eq(contactPhones.e164, e164))
      .limit(1);
    return row?.contactId;
  }

  async contactIdByEmail(tx: DatabaseExecutor, email: string): Promise<string | undefined> {
    const [row] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(sql`lower(${contacts.email}) = lower(${email})`, isNull(contacts.mergedIntoId)))
      .orderBy(asc(contacts.createdAt))
      .limit(1);
    return row?.id;
  }

  async insertContact(tx: DatabaseExecutor, values: typeof contacts.$inferInsert): Promise<ContactRow> {
    const [row] = await tx.insert(contacts).values(values).returning();
    return row;
  }

  async updateContact(tx: DatabaseExecutor, id: string, values: Partial<typeof contacts.$inferInsert>): Promise<void> {
    await tx
      .update(contacts)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(contacts.id, id));
  }

  async primaryPhoneOf(tx: DatabaseExecutor, contactId: string): Promise<string | undefined> {
    const [row] = await tx
      .select({ e164: contactPhones.e164 })
      .from(contactPhones)
      .where(eq(contactPhones.contactId, contactId))
      .orderBy(desc(contactPhones.isPrimary))
      .limit(1);
    return row?.e164;
  }

  async addPhone(tx: DatabaseExecutor, contactId: string, e164: string, isPrimary: boolean): Promise<void> {
    await tx.insert(contactPhones).values({ contactId, e164, isPrimary }).onConflictDoNothing();
  }

  async addIdentity(tx: DatabaseExecutor, values: typeof contactChannelIdentities.$inferInsert): Promise<void> {
    await tx.insert(contactChannelIdentities).values(values).onConflictDoNothing();
  }

  /** The contact's most recent active card. */
  async activeCardOf(tx: DatabaseExecutor, contactId: string) {
    const [row] = await tx
      .select({ id: consultationCards.id, responsibleUserId: consultationCards.responsibleUserId })
      .from(consultationCards)
      .where(and(eq(consultationCards.contactId, contactId), eq(consultationCards.status, 'active')))
      .orderBy(desc(consultationCards.updatedAt))
      .limit(1);
    return row;
  }

  async cardStatus(tx: DatabaseExecutor, cardId: string): Promise<string | undefined> {
    const [row] = await tx
      .select({ status: consultationCards.status })
      .from(consultationCards)
      .where(eq(consultationCards.id, cardId));
    return row?.status;
  }

  /** The pipeline with this code and its first open stage. */
  async entryStageOf(tx: DatabaseExecutor, pipelineCode: string) {
    const [row] = await tx
      .select({ pipelineId: pipelines.id, stageId: pipelineStages.id, departmentId: pipelines.departmentId })
      .from(pipelines)
      .innerJoin(pipelineStages, eq(pipelineStages.pipelineId, pipelines.id))
      .where(and(eq(pipelines.code, pipelineCode), eq(pipelineStages.kind, 'open')))
      .orderBy(asc(pipelineStages.order))
      .limit(1);
    return row;
  }

  async insertCard(tx: DatabaseExecutor, values: typeof consultationCards.$inferInsert) {
    const [row] = await tx.insert(consultationCards).values(values).returning();
    await tx.insert(cardStageHistory).values({ cardId: row.id, toStageId: row.stageId, enteredAt: row.createdAt });
    return row;
  }

  async updateCard(
    tx: DatabaseExecutor,
    id: string,
    values: Partial<typeof consultationCards.$inferInsert>,
  ): Promise<void> {
    await tx
      .update(consultationCards)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(consultationCards.id, id));
  }

  async hasOpenTask(tx: DatabaseExecutor, owner: { cardId?: string | null; contactId: string }): Promise<boolean> {
    const [row] = await tx
      .select({ id: tasks.id })
      .from(tasks)
      .where(
        and(
          owner.cardId ? eq(tasks.cardId, owner.cardId) : eq(tasks.contactId, owner.contactId),
          eq(tasks.status, 'open'),
        ),
      )
      .limit(1);
    return Boolean(row);
  }

  async insertTask(tx: DatabaseExecutor, values: typeof tasks.$inferInsert) {
    const [row] = await tx.insert(tasks).values(values).returning();
    return row;
  }

  async isActiveUser(tx: DatabaseExecutor, userId: string): Promise<boolean> {
    const [row] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.active, true)));
    return Boolean(row);
  }

  /** Active consultants (of a department when given), in a stable order for round-robin. */
  async consultantIds(tx: DatabaseExecutor, departmentId: string | null): Promise<string[]> {
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.role, 'consultant'),
          eq(users.active, true),
          departmentId ? eq(users.departmentId, departmentId) : undefined,
        ),
      )
      .orderBy(asc(users.id));
    return rows.map((r) => r.id);
  }

  /** Who got the last card from this source (round-robin for leads). */
  async lastCardResponsible(tx: DatabaseExecutor, source: string): Promise<string | undefined> {
    const [row] = await tx
      .select({ responsibleUserId: consultationCards.responsibleUserId })
      .from(consultationCards)
      .where(and(eq(consultationCards.source, source), sql`${consultationCards.responsibleUserId} is not null`))
      .orderBy(desc(consultationCards.createdAt))
      .limit(1);
    return row?.responsibleUserId ?? undefined;
  }

  /** Who got the last conversation started on this account (round-robin continues after them). */
  async lastAutoAssignee(tx: DatabaseExecutor, channelAccountId: string): Promise<string | undefined> {
    const [row] = await tx
      .select({ assigneeUserId: conversations.assigneeUserId })
      .from(conversations)
      .where(
        and(eq(conversations.channelAccountId, channelAccountId), sql`${conversations.assigneeUserId} is not null`),
      )
      .orderBy(desc(conversations.createdAt))
      .limit(1);
    return row?.assigneeUserId ?? undefined;
  }
}
