import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import { ContactMergeRegistry } from '../contacts/contact-merge.registry.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isForeignKeyViolation, violatedConstraint } from '../database/postgres-errors.js';
import { DomainEvents } from '../domain-events/domain-events.service.js';
import { FieldDefinitionsService } from '../pipelines/field-definitions.service.js';
import type { PipelineStageRow } from '../pipelines/pipelines.schema.js';
import { PipelinesService } from '../pipelines/pipelines.service.js';
import { SegmentsService } from '../segments/segments.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { CardStageListeners } from './card-stage-listeners.js';
import type { CardViewer } from './card-viewer.js';
import type { CreateCardDto, ListCardsQuery, UpdateCardDto } from './consultations.dto.js';
import { ConsultationsRepository, type StageStay } from './consultations.repository.js';
import type { ConsultationCardRow } from './consultations.schema.js';
import { missingRequiredFields } from './stage-requirements.js';

export type StageStayView = StageStay & { durationSeconds: number; current: boolean };

/** Consultation cards: create, edit, move between stages (required fields enforced), instruments, stage history. */
@Injectable()
export class ConsultationCardsService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly repository: ConsultationsRepository,
    private readonly pipelines: PipelinesService,
    private readonly fieldDefinitions: FieldDefinitionsService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly domainEvents: DomainEvents,
    private readonly stageListeners: CardStageListeners,
    private readonly segments: SegmentsService,
    mergeRegistry: ContactMergeRegistry,
  ) {
    mergeRegistry.register({
      name: 'consultation_cards',
      reassignContact: (tx, from, to) => this.repository.reassignContact(tx, from, to),
    });
  }

  /** A page of cards with their contact's name and phone and next open task; `segmentId` keeps its contacts only. */
  async list(query: ListCardsQuery, viewer: CardViewer) {
    const { limit, offset, segmentId, ...filter } = query;
    const contactCondition = segmentId ? await this.segments.contactCondition(segmentId) : undefined;
    return this.repository.list({ ...filter, contactCondition }, viewer, { limit, offset });
  }

  /** Any card, regardless of department rights: for system jobs and other domains' checks. */
  find(id: string, tx?: DatabaseExecutor): Promise<ConsultationCardRow | undefined> {
    return this.repository.findById(id, tx);
  }

  /** A card the viewer may see; an invisible card is "not found" so its existence does not leak. */
  async getVisible(id: string, viewer: CardViewer, tx?: DatabaseExecutor): Promise<ConsultationCardRow> {
    const row = await this.repository.findVisible(id, viewer, tx);
    if (!row) throw ApiError.notFound('Card', id);
    return row;
  }

  async create(dto: CreateCardDto, viewer: CardViewer): Promise<ConsultationCardRow> {
    const created = await this.db.transaction(async (tx) => {
      if (!(await this.repository.contactExists(dto.contactId, tx)))
        throw ApiError.validation({ contactId: 'No such contact.' });
      const pipeline = await this.pipelines.get(dto.pipelineId, tx).catch(() => {
        throw ApiError.validation({ pipelineId: 'No such pipeline.' });
      });
      const stage = dto.stageId
        ? pipeline.stages.find((s) => s.id === dto.stageId)
        : await this.pipelines.entryStage(pipeline.id, tx);
      if (!stage) throw ApiError.validation({ stageId: 'This stage is not part of the chosen pipeline.' });
      await this.checkInstruments(dto.instruments, tx);
      await this.fieldDefinitions.validateValues(pipeline.id, dto.fields, tx);
      const values = {
        ...dto,
        fields: withoutNulls(dto.fields),
        stageId: stage.id,
        responsibleUserId: dto.responsibleUserId === undefined ? viewer.id : dto.responsibleUserId,
        departmentId:
          dto.departmentId === undefined ? (pipeline.departmentId ?? viewer.departmentId) : dto.departmentId,
        budget: dto.budget ?? null,
      };
      this.enforceRequiredFields(stage, {
        ...values,
        companyId: values.companyId ?? null,
        programApplied: values.programApplied ?? null,
      });
      const now = new Date();
      const row = await this.repository
        .insert(tx, { ...values, ...statusFor(stage, now), stageEnteredAt: now, createdBy: viewer.id })
        .catch(referenceErrorsAsValidation);
      await this.repository.recordStageChange(tx, {
        cardId: row.id,
        fromStageId: null,
        toStageId: stage.id,
        at: now,
        byUserId: viewer.id,
      });
      await this.audit.record({ action: 'create', entityType: 'consultation_card', entityId: row.id, after: row }, tx);
      await this.timeline.append(tx, {
        kind: 'card_created',
        contactId: row.contactId,
        cardId: row.id,
        refType: 'consultation_card',
        refId: row.id,
        summary: { title: row.title, pipeline: pipeline.name, stage: stage.name },
      });
      await this.domainEvents.publish(tx, 'card.created', {
        cardId: row.id,
        contactId: row.contactId,
        pipelineId: row.pipelineId,
        stageId: row.stageId,
        responsibleUserId: row.responsibleUserId,
        source: row.source,
      });
      await this.domainEvents.publish(tx, 'card.stage_entered', {
        cardId: row.id,
        contactId: row.contactId,
        pipelineId: row.pipelineId,
        stageId: row.stageId,
        fromStageId: null,
        enteredAt: now.toISOString(),
      });
      return row;
    });
    await this.stageListeners.cardEnteredStage({ ...enteredStage(created), fromStageId: null, byUserId: viewer.id });
    return created;
  }

  /** Edits a card; a new `stageId` (or `pipelineId`) moves it, refused with 422 while the target stage's required fields are empty. */
  async update(id: string, dto: UpdateCardDto, viewer: CardViewer): Promise<ConsultationCardRow> {
    let fromStageId: string | null = null;
    const updated = await this.db.transaction(async (tx) => {
      const before = await this.getVisible(id, viewer, tx);
      const pipelineId = dto.pipelineId ?? before.pipelineId;
      const pipeline = await this.pipelines.get(pipelineId, tx).catch(() => {
        throw ApiError.validation({ pipelineId: 'No such pipeline.' });
      });
      let stage: PipelineStageRow | undefined;
      if (dto.stageId) stage = pipeline.stages.find((s) => s.id === dto.stageId);
      else if (pipelineId !== before.pipelineId) stage = await this.pipelines.entryStage(pipelineId, tx);
      else stage = pipeline.stages.find((s) => s.id === before.stageId);
      if (!stage) throw ApiError.validation({ stageId: 'This stage is not part of the card’s pipeline.' });
      if (dto.instruments) await this.checkInstruments(dto.instruments, tx);
      if (dto.fields) await this.fieldDefinitions.validateValues(pipelineId, dto.fields, tx);

      const { fields: fieldChanges, ...rest } = dto;
      const changes: Partial<ConsultationCardRow> = { ...rest, pipelineId, stageId: stage.id };
      if (fieldChanges) changes.fields = withoutNulls({ ...before.fields, ...fieldChanges });
      const next = { ...before, ...changes };
      const moved = stage.id !== before.stageId;
      const now = new Date();
      if (moved) {
        this.enforceRequiredFields(stage, next);
        Object.assign(changes, statusFor(stage, now), { stageEnteredAt: now });
      }
      const row = await this.repository.update(tx, id, changes).catch(referenceErrorsAsValidation);
      if (moved) await this.recordMove(tx, before, stage, now, viewer);
      if (moved) fromStageId = before.stageId;
      await this.audit.record(
        { action: 'update', entityType: 'consultation_card', entityId: id, before, after: row },
        tx,
      );
      return row;
    });
    if (fromStageId)
      await this.stageListeners.cardEnteredStage({ ...enteredStage(updated), fromStageId, byUserId: viewer.id });
    return updated;
  }

  async tickInstrument(id: string, code: string, ticked: boolean, viewer: CardViewer): Promise<ConsultationCardRow> {
    return this.db.transaction(async (tx) => {
      const before = await this.getVisible(id, viewer, tx);
      if (ticked) await this.checkInstruments([code], tx);
      const instruments = ticked
        ? [...new Set([...before.instruments, code])]
        : before.instruments.filter((c) => c !== code);
      const row = await this.repository.update(tx, id, { instruments });
      await this.audit.record(
        {
          action: ticked ? 'card.instrument_ticked' : 'card.instrument_unticked',
          entityType: 'consultation_card',
          entityId: id,
          before,
          after: row,
        },
        tx,
      );
      return row;
    });
  }

  async stageHistory(id: string, viewer: CardViewer): Promise<StageStayView[]> {
    await this.getVisible(id, viewer);
    const now = Date.now();
    return (await this.repository.stageHistory(id)).map((stay) => ({
      ...stay,
      current: stay.leftAt === null,
      durationSeconds: Math.max(0, Math.round(((stay.leftAt?.getTime() ?? now) - stay.enteredAt.getTime()) / 1000)),
    }));
  }

  /** Moves a card's rows (and notes) to the surviving contact of a merge. */
  reassignContact(tx: DatabaseExecutor, fromContactId: string, toContactId: string): Promise<void> {
    return this.repository.reassignContact(tx, fromContactId, toContactId);
  }

  private async recordMove(
    tx: DatabaseExecutor,
    before: ConsultationCardRow,
    stage: PipelineStageRow,
    at: Date,
    viewer: CardViewer,
  ) {
    const from = await this.pipelines.findStage(before.stageId, tx);
    const stay = await this.repository.recordStageChange(tx, {
      cardId: before.id,
      fromStageId: before.stageId,
      toStageId: stage.id,
      at,
      byUserId: viewer.id,
    });
    await this.timeline.append(tx, {
      kind: 'stage_changed',
      contactId: before.contactId,
      cardId: before.id,
      occurredAt: at,
      refType: 'card_stage_history',
      refId: String(stay.id),
      summary: { from: from?.name ?? null, to: stage.name, kind: stage.kind },
    });
    await this.domainEvents.publish(tx, 'card.stage_entered', {
      cardId: before.id,
      contactId: before.contactId,
      pipelineId: stage.pipelineId,
      stageId: stage.id,
      fromStageId: before.stageId,
      enteredAt: at.toISOString(),
    });
  }

  private enforceRequiredFields(stage: PipelineStageRow, card: Parameters<typeof missingRequiredFields>[1]): void {
    const missing = missingRequiredFields(stage, card);
    const keys = Object.keys(missing);
    if (keys.length)
      throw ApiError.unprocessable(
        'required_fields_missing',
        `Fill in ${keys.join(', ')} before moving the card to stage "${stage.name}".`,
        missing,
      );
  }

  private async checkInstruments(codes: string[], tx: DatabaseExecutor): Promise<void> {
    for (const code of codes) {
      const instrument = await this.pipelines.findInstrumentByCode(code, tx);
      if (!instrument?.active) throw ApiError.validation({ instruments: `There is no active instrument "${code}".` });
    }
  }
}

function enteredStage(card: ConsultationCardRow) {
  return {
    cardId: card.id,
    contactId: card.contactId,
    pipelineId: card.pipelineId,
    stageId: card.stageId,
    at: card.stageEnteredAt,
  };
}

function statusFor(stage: PipelineStageRow, at: Date): Pick<ConsultationCardRow, 'status' | 'closedAt'> {
  return stage.kind === 'open' ? { status: 'active', closedAt: null } : { status: 'closed', closedAt: at };
}

function withoutNulls(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));
}

function referenceErrorsAsValidation(error: unknown): never {
  if (isForeignKeyViolation(error)) {
    const constraint = violatedConstraint(error) ?? '';
    const field = ['company_id', 'responsible_user_id', 'department_id'].find((c) => constraint.includes(c));
    const name = field ? field.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase()) : 'card';
    throw ApiError.validation({ [name]: 'No such record.' });
  }
  throw error;
}
