import { Injectable } from '@nestjs/common';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import {
  fieldDefinitions,
  fieldGroups,
  instruments,
  pipelines,
  pipelineStages,
  type FieldDefinitionRow,
  type FieldGroupRow,
  type InstrumentRow,
  type PipelineRow,
  type PipelineStageRow,
} from './pipelines.schema.js';

/** All SQL of pipelines, stages, instruments and field definitions. */
@Injectable()
export class PipelinesRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  listPipelines(tx: DatabaseExecutor = this.db): Promise<PipelineRow[]> {
    return tx.select().from(pipelines).orderBy(asc(pipelines.order), asc(pipelines.name));
  }

  async findPipeline(id: string, tx: DatabaseExecutor = this.db): Promise<PipelineRow | undefined> {
    const [row] = await tx.select().from(pipelines).where(eq(pipelines.id, id)).limit(1);
    return row;
  }

  async findPipelineByCode(code: string, tx: DatabaseExecutor = this.db): Promise<PipelineRow | undefined> {
    const [row] = await tx.select().from(pipelines).where(eq(pipelines.code, code)).limit(1);
    return row;
  }

  /** Null when another node inserted the same code first. */
  async insertPipeline(tx: DatabaseExecutor, values: typeof pipelines.$inferInsert): Promise<PipelineRow | undefined> {
    const [row] = await tx.insert(pipelines).values(values).onConflictDoNothing({ target: pipelines.code }).returning();
    return row;
  }

  async updatePipeline(
    tx: DatabaseExecutor,
    id: string,
    values: Partial<typeof pipelines.$inferInsert>,
  ): Promise<PipelineRow> {
    const [row] = await tx
      .update(pipelines)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(pipelines.id, id))
      .returning();
    return row;
  }

  listStages(pipelineIds: string[], tx: DatabaseExecutor = this.db): Promise<PipelineStageRow[]> {
    if (!pipelineIds.length) return Promise.resolve([]);
    return tx
      .select()
      .from(pipelineStages)
      .where(inArray(pipelineStages.pipelineId, pipelineIds))
      .orderBy(asc(pipelineStages.order));
  }

  async findStage(id: string, tx: DatabaseExecutor = this.db): Promise<PipelineStageRow | undefined> {
    const [row] = await tx.select().from(pipelineStages).where(eq(pipelineStages.id, id)).limit(1);
    return row;
  }

  async insertStage(tx: DatabaseExecutor, values: typeof pipelineStages.$inferInsert): Promise<PipelineStageRow> {
    const [row] = await tx.insert(pipelineStages).values(values).returning();
    return row;
  }

  async deleteStage(tx: DatabaseExecutor, id: string): Promise<void> {
    await tx.delete(pipelineStages).where(eq(pipelineStages.id, id));
  }

  async updateStage(
    tx: DatabaseExecutor,
    id: string,
    values: Partial<typeof pipelineStages.$inferInsert>,
  ): Promise<PipelineStageRow> {
    const [row] = await tx.update(pipelineStages).set(values).where(eq(pipelineStages.id, id)).returning();
    return row;
  }

  listInstruments(tx: DatabaseExecutor = this.db): Promise<InstrumentRow[]> {
    return tx.select().from(instruments).orderBy(asc(instruments.order), asc(instruments.code));
  }

  async findInstrument(id: string, tx: DatabaseExecutor = this.db): Promise<InstrumentRow | undefined> {
    const [row] = await tx.select().from(instruments).where(eq(instruments.id, id)).limit(1);
    return row;
  }

  async findInstrumentByCode(code: string, tx: DatabaseExecutor = this.db): Promise<InstrumentRow | undefined> {
    const [row] = await tx.select().from(instruments).where(eq(instruments.code, code)).limit(1);
    return row;
  }

  async insertInstrument(
    tx: DatabaseExecutor,
    values: typeof instruments.$inferInsert,
  ): Promise<InstrumentRow | undefined> {
    const [row] = await tx
      .insert(instruments)
      .values(values)
      .onConflictDoNothing({ target: instruments.code })
      .returning();
    return row;
  }

  async updateInstrument(
    tx: DatabaseExecutor,
    id: string,
    values: Partial<typeof instruments.$inferInsert>,
  ): Promise<InstrumentRow> {
    const [row] = await tx.update(instruments).set(values).where(eq(instruments.id, id)).returning();
    return row;
  }

  listFieldGroups(tx: DatabaseExecutor = this.db): Promise<FieldGroupRow[]> {
    return tx.select().from(fieldGroups).orderBy(asc(fieldGroups.order));
  }

  async findFieldGroup(id: string, tx: DatabaseExecutor = this.db): Promise<FieldGroupRow | undefined> {
    const [row] = await tx.select().from(fieldGroups).where(eq(fieldGroups.id, id)).limit(1);
    return row;
  }

  async insertFieldGroup(tx: DatabaseExecutor, values: typeof fieldGroups.$inferInsert): Promise<FieldGroupRow> {
    const [row] = await tx.insert(fieldGroups).values(values).returning();
    return row;
  }

  async updateFieldGroup(
    tx: DatabaseExecutor,
    id: string,
    values: Partial<typeof fieldGroups.$inferInsert>,
  ): Promise<FieldGroupRow> {
    const [row] = await tx.update(fieldGroups).set(values).where(eq(fieldGroups.id, id)).returning();
    return row;
  }

  listFieldDefinitions(tx: DatabaseExecutor = this.db): Promise<FieldDefinitionRow[]> {
    return tx.select().from(fieldDefinitions).orderBy(asc(fieldDefinitions.order), asc(fieldDefinitions.key));
  }

  async findFieldDefinition(id: string, tx: DatabaseExecutor = this.db): Promise<FieldDefinitionRow | undefined> {
    const [row] = await tx.select().from(fieldDefinitions).where(eq(fieldDefinitions.id, id)).limit(1);
    return row;
  }

  async insertFieldDefinition(
    tx: DatabaseExecutor,
    values: typeof fieldDefinitions.$inferInsert,
  ): Promise<FieldDefinitionRow> {
    const [row] = await tx.insert(fieldDefinitions).values(values).returning();
    return row;
  }

  async updateFieldDefinition(
    tx: DatabaseExecutor,
    id: string,
    values: Partial<typeof fieldDefinitions.$inferInsert>,
  ): Promise<FieldDefinitionRow> {
    const [row] = await tx.update(fieldDefinitions).set(values).where(eq(fieldDefinitions.id, id)).returning();
    return row;
  }
}
