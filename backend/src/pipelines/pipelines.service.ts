import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isForeignKeyViolation, isStillReferenced, isUniqueViolation } from '../database/postgres-errors.js';
import { DEFAULT_INSTRUMENTS, DEFAULT_PIPELINES } from './pipeline-defaults.js';
import type {
  CreatePipelineDto,
  InstrumentDto,
  StageDto,
  UpdateInstrumentDto,
  UpdatePipelineDto,
  UpdateStageDto,
} from './pipelines.dto.js';
import { PipelinesRepository } from './pipelines.repository.js';
import type { InstrumentRow, PipelineRow, PipelineStageRow } from './pipelines.schema.js';

export type PipelineWithStages = PipelineRow & { stages: PipelineStageRow[] };

const SYSTEM_ACTOR = { userId: null, label: 'system' };

/** Configurable pipelines, their stages and the instruments checklist. */
@Injectable()
export class PipelinesService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly repository: PipelinesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<PipelineWithStages[]> {
    const rows = await this.repository.listPipelines();
    const stages = await this.repository.listStages(rows.map((p) => p.id));
    return rows.map((p) => ({ ...p, stages: stages.filter((s) => s.pipelineId === p.id) }));
  }

  async get(id: string, tx?: DatabaseExecutor): Promise<PipelineWithStages> {
    const row = await this.repository.findPipeline(id, tx);
    if (!row) throw ApiError.notFound('Pipeline', id);
    return { ...row, stages: await this.repository.listStages([id], tx) };
  }

  findByCode(code: string, tx?: DatabaseExecutor): Promise<PipelineRow | undefined> {
    return this.repository.findPipelineByCode(code, tx);
  }

  findStage(id: string, tx?: DatabaseExecutor): Promise<PipelineStageRow | undefined> {
    return this.repository.findStage(id, tx);
  }

  /** The stage a new card lands in when none is given: the first open stage by order. */
  async entryStage(pipelineId: string, tx?: DatabaseExecutor): Promise<PipelineStageRow> {
    const stage = (await this.repository.listStages([pipelineId], tx)).find((s) => s.kind === 'open');
    if (!stage)
      throw ApiError.unprocessable(
        'pipeline_without_stages',
        'This pipeline has no open stage. Add one in the settings first.',
      );
    return stage;
  }

  async create(dto: CreatePipelineDto): Promise<PipelineWithStages> {
    return this.db.transaction(async (tx) => {
      const row = await this.repository.insertPipeline(tx, dto).catch((e) => rethrowReference(e, 'departmentId'));
      if (!row) throw ApiError.conflict('pipeline_exists', `A pipeline with code "${dto.code}" already exists.`);
      await this.audit.record({ action: 'create', entityType: 'pipeline', entityId: row.id, after: row }, tx);
      return { ...row, stages: [] };
    });
  }

  async update(id: string, dto: UpdatePipelineDto): Promise<PipelineWithStages> {
    return this.db.transaction(async (tx) => {
      const before = await this.get(id, tx);
      const row = await this.repository
        .updatePipeline(tx, id, dto)
        .catch((e) => rethrowReference(e, 'departmentId', dto.code));
      await this.audit.record({ action: 'update', entityType: 'pipeline', entityId: id, before, after: row }, tx);
      return { ...row, stages: before.stages };
    });
  }

  async addStage(pipelineId: string, dto: StageDto): Promise<PipelineStageRow> {
    return this.db.transaction(async (tx) => {
      await this.get(pipelineId, tx);
      const row = await this.repository.insertStage(tx, { ...dto, pipelineId });
      await this.audit.record({ action: 'create', entityType: 'pipeline_stage', entityId: row.id, after: row }, tx);
      return row;
    });
  }

  async updateStage(id: string, dto: UpdateStageDto): Promise<PipelineStageRow> {
    return this.db.transaction(async (tx) => {
      const before = await this.repository.findStage(id, tx);
      if (!before) throw ApiError.notFound('Stage', id);
      const row = await this.repository.updateStage(tx, id, dto);
      await this.audit.record({ action: 'update', entityType: 'pipeline_stage', entityId: id, before, after: row }, tx);
      return row;
    });
  }

  /**
   * Removes a stage no card is in (cards must be moved first: 409). Its stage-history entries and report rows go with
   * it; a pipeline keeps at least one stage.
   */
  async deleteStage(id: string): Promise<void> {
    await this.db
      .transaction(async (tx) => {
        const stage = await this.repository.findStage(id, tx);
        if (!stage) throw ApiError.notFound('Stage', id);
        const siblings = await this.repository.listStages([stage.pipelineId], tx);
        if (siblings.length <= 1)
          throw ApiError.conflict(
            'last_stage',
            'A pipeline needs at least one stage: add another before deleting this one.',
          );
        await this.repository.deleteStage(tx, id);
        await this.audit.record({ action: 'delete', entityType: 'pipeline_stage', entityId: id, before: stage }, tx);
      })
      .catch((error) => {
        if (isStillReferenced(error))
          throw ApiError.conflict(
            'stage_has_cards',
            'Cards are still in this stage: move them to another stage, then delete it.',
          );
        throw error;
      });
  }

  listInstruments(): Promise<InstrumentRow[]> {
    return this.repository.listInstruments();
  }

  findInstrumentByCode(code: string, tx?: DatabaseExecutor): Promise<InstrumentRow | undefined> {
    return this.repository.findInstrumentByCode(code, tx);
  }

  async createInstrument(dto: InstrumentDto): Promise<InstrumentRow> {
    return this.db.transaction(async (tx) => {
      const row = await this.repository.insertInstrument(tx, dto);
      if (!row) throw ApiError.conflict('instrument_exists', `An instrument with code "${dto.code}" already exists.`);
      await this.audit.record({ action: 'create', entityType: 'instrument', entityId: row.id, after: row }, tx);
      return row;
    });
  }

  async updateInstrument(id: string, dto: UpdateInstrumentDto): Promise<InstrumentRow> {
    return this.db.transaction(async (tx) => {
      const before = await this.repository.findInstrument(id, tx);
      if (!before) throw ApiError.notFound('Instrument', id);
      const row = await this.repository.updateInstrument(tx, id, dto).catch((e) => {
        if (isUniqueViolation(e))
          throw ApiError.conflict('instrument_exists', `An instrument with code "${dto.code}" already exists.`);
        throw e;
      });
      await this.audit.record({ action: 'update', entityType: 'instrument', entityId: id, before, after: row }, tx);
      return row;
    });
  }

  /** Every fresh database gets the three product pipelines and the instruments; safe to run on every start. */
  async ensureDefaults(): Promise<void> {
    if ((await this.repository.listPipelines()).length === 0)
      for (const pipeline of DEFAULT_PIPELINES) {
        await this.db.transaction(async (tx) => {
          const row = await this.repository.insertPipeline(tx, {
            code: pipeline.code,
            name: pipeline.name,
            order: pipeline.order,
          });
          if (!row) return; // another node created it
          await this.audit.record(
            { action: 'create', entityType: 'pipeline', entityId: row.id, after: row, actor: SYSTEM_ACTOR },
            tx,
          );
          for (const [order, stage] of pipeline.stages.entries())
            await this.repository.insertStage(tx, { ...stage, order, pipelineId: row.id });
        });
      }
    if ((await this.repository.listInstruments()).length === 0)
      await this.db.transaction(async (tx) => {
        for (const [order, instrument] of DEFAULT_INSTRUMENTS.entries()) {
          const row = await this.repository.insertInstrument(tx, { ...instrument, order });
          if (row)
            await this.audit.record(
              { action: 'create', entityType: 'instrument', entityId: row.id, after: row, actor: SYSTEM_ACTOR },
              tx,
            );
        }
      });
  }
}

function rethrowReference(error: unknown, field: string, code?: string): never {
  if (isForeignKeyViolation(error)) throw ApiError.validation({ [field]: 'No such department.' });
  if (isUniqueViolation(error))
    throw ApiError.conflict('pipeline_exists', `A pipeline with code "${code}" already exists.`);
  throw error;
}
