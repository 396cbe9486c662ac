import { Injectable } from '@nestjs/common';
import { and, desc, eq } from 'drizzle-orm';
import { consultationCards } from '../consultations/consultations.schema.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { pipelines, pipelineStages } from '../pipelines/pipelines.schema.js';
import { OpenCardsLookup, type OpenCardSummary } from './call-collaborators.js';

/**
 * Open cards of a contact in one indexed query (cards_contact_idx) with stage and pipeline names. A read model of the
 * consultations tables: replace by a ConsultationCardsService method when that domain exports one.
 */
@Injectable()
export class ConsultationOpenCardsLookup extends OpenCardsLookup {
  constructor(@InjectDatabase() private readonly db: Database) {
    super();
  }

  openCardsOf(contactId: string): Promise<OpenCardSummary[]> {
    return this.db
      .select({
        id: consultationCards.id,
        title: consultationCards.title,
        stageName: pipelineStages.name,
        pipelineName: pipelines.name,
        responsibleUserId: consultationCards.responsibleUserId,
      })
      .from(consultationCards)
      .leftJoin(pipelineStages, eq(pipelineStages.id, consultationCards.stageId))
      .leftJoin(pipelines, eq(pipelines.id, consultationCards.pipelineId))
      .where(and(eq(consultationCards.contactId, contactId), eq(consultationCards.status, 'active')))
      .orderBy(desc(consultationCards.updatedAt))
      .limit(10);
  }
}
