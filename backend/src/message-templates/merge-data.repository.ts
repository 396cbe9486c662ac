import { Injectable } from '@nestjs/common';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { companies } from '../companies/companies.schema.js';
import { consultationCards } from '../consultations/consultations.schema.js';
import { contactPhones, contacts } from '../contacts/contacts.schema.js';
import { channelAccounts } from '../conversations/conversations.schema.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { instruments, pipelines, pipelineStages } from '../pipelines/pipelines.schema.js';
import { departments, users } from '../users/users.schema.js';

/** The rows a message is merged from: read-only SQL across contacts, companies, cards, pipelines and users. */
@Injectable()
export class MergeDataRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  async contact(id: string, tx: DatabaseExecutor = this.db) {
    const [row] = await tx.select().from(contacts).where(eq(contacts.id, id)).limit(1);
    return row;
  }

  async primaryPhone(contactId: string, tx: DatabaseExecutor = this.db): Promise<string | undefined> {
    const [row] = await tx
      .select({ e164: contactPhones.e164 })
      .from(contactPhones)
      .where(eq(contactPhones.contactId, contactId))
      .orderBy(desc(contactPhones.isPrimary), contactPhones.createdAt)
      .limit(1);
    return row?.e164;
  }

  async company(id: string, tx: DatabaseExecutor = this.db) {
    const [row] = await tx.select().from(companies).where(eq(companies.id, id)).limit(1);
    return row;
  }

  /** A card with its pipeline and stage names. */
  async card(id: string, tx: DatabaseExecutor = this.db) {
    const [row] = await tx
      .select({ card: consultationCards, pipelineName: pipelines.name, stageName: pipelineStages.name })
      .from(consultationCards)
      .innerJoin(pipelines, eq(pipelines.id, consultationCards.pipelineId))
      .innerJoin(pipelineStages, eq(pipelineStages.id, consultationCards.stageId))
      .where(eq(consultationCards.id, id))
      .limit(1);
    return row;
  }

  /** The contact's most recently updated active card, if any. */
  async latestActiveCardId(contactId: string, tx: DatabaseExecutor = this.db): Promise<string | undefined> {
    const [row] = await tx
      .select({ id: consultationCards.id })
      .from(consultationCards)
      .where(and(eq(consultationCards.contactId, contactId), eq(consultationCards.status, 'active')))
      .orderBy(desc(consultationCards.updatedAt))
      .limit(1);
    return row?.id;
  }

  async instrumentNames(codes: string[], tx: DatabaseExecutor = this.db) {
    if (!codes.length) return [];
    return tx
      .select({ code: instruments.code, name: instruments.name })
      .from(instruments)
      .where(inArray(instruments.code, codes));
  }

  /** The channel (`email`, `sms`, `telegram`…) of a channel account. */
  async channelOfAccount(id: string, tx: DatabaseExecutor = this.db): Promise<string | undefined> {
    const [row] = await tx
      .select({ channel: channelAccounts.channel })
      .from(channelAccounts)
      .where(eq(channelAccounts.id, id))
      .limit(1);
    return row?.channel;
  }

  /** A consultant with their department's name. */
  async consultant(userId: string, tx: DatabaseExecutor = this.db) {
    const [row] = await tx
      .select({ user: users, departmentName: departments.name })
      .from(users)
      .leftJoin(departments, eq(departments.id, users.departmentId))
      .where(eq(users.id, userId))
      .limit(1);
    return row;
  }
}
