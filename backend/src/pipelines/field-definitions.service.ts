import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ApiError, type FieldErrors } from '../common/api-error.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isUniqueViolation } from '../database/postgres-errors.js';
import { fieldValueProblem } from './field-value-rules.js';
import type { FieldDefinitionDto, FieldGroupDto, UpdateFieldDefinitionDto } from './pipelines.dto.js';
import { PipelinesRepository } from './pipelines.repository.js';
import type { FieldDefinitionRow, FieldGroupRow } from './pipelines.schema.js';

/** Custom fields of consultation cards: groups, definitions, and validation of values against them. */
@Injectable()
export class FieldDefinitionsService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly repository: PipelinesRepository,
    private readonly audit: AuditService,
  ) {}

  listGroups(): Promise<FieldGroupRow[]> {
    return this.repository.listFieldGroups();
  }

  async list(filter: { pipelineId?: string } = {}, tx?: DatabaseExecutor): Promise<FieldDefinitionRow[]> {
    const rows = await this.repository.listFieldDefinitions(tx);
    return filter.pipelineId ? rows.filter((d) => appliesTo(d, filter.pipelineId!)) : rows;
  }

  async createGroup(dto: FieldGroupDto): Promise<FieldGroupRow> {
    return this.db.transaction(async (tx) => {
      const row = await this.repository.insertFieldGroup(tx, dto);
      await this.audit.record({ action: 'create', entityType: 'field_group', entityId: row.id, after: row }, tx);
      return row;
    });
  }

  async updateGroup(id: string, dto: Partial<FieldGroupDto>): Promise<FieldGroupRow> {
    return this.db.transaction(async (tx) => {
      const before = await this.repository.findFieldGroup(id, tx);
      if (!before) throw ApiError.notFound('Field group', id);
      const row = await this.repository.updateFieldGroup(tx, id, dto);
      await this.audit.record({ action: 'update', entityType: 'field_group', entityId: id, before, after: row }, tx);
      return row;
    });
  }

  async create(dto: FieldDefinitionDto): Promise<FieldDefinitionRow> {
    return this.db.transaction(async (tx) => {
      await this.checkGroup(dto.groupId, tx);
      const row = await this.repository.insertFieldDefinition(tx, dto).catch((e) => {
        if (isUniqueViolation(e))
          throw ApiError.conflict('field_exists', `A field with key "${dto.key}" already exists.`);
        throw e;
      });
      await this.audit.record({ action: 'create', entityType: 'field_definition', entityId: row.id, after: row }, tx);
      return row;
    });
  }

  async update(id: string, dto: UpdateFieldDefinitionDto): Promise<FieldDefinitionRow> {
    return this.db.transaction(async (tx) => {
      const before = await this.repository.findFieldDefinition(id, tx);
      if (!before) throw ApiError.notFound('Field', id);
      await this.checkGroup(dto.groupId, tx);
      const row = await this.repository.updateFieldDefinition(tx, id, dto);
      await this.audit.record(
        { action: 'update', entityType: 'field_definition', entityId: id, before, after: row },
        tx,
      );
      return row;
    });
  }

  /**
   * Checks custom-field values of a card in `pipelineId` against the definitions: unknown keys, fields of other
   * pipelines and values of the wrong type are a 400 naming each `fields.<key>`.
   */
  async validateValues(pipelineId: string, values: Record<string, unknown>, tx?: DatabaseExecutor): Promise<void> {
    const keys = Object.keys(values);
    if (!keys.length) return;
    const definitions = new Map((await this.repository.listFieldDefinitions(tx)).map((d) => [d.key, d]));
    const errors: FieldErrors = {};
    for (const key of keys) {
      const definition = definitions.get(key);
      if (!definition || !definition.active)
        errors[`fields.${key}`] = 'There is no such field. Ask an administrator to define it.';
      else if (!appliesTo(definition, pipelineId)) errors[`fields.${key}`] = 'This field is not used in this pipeline.';
      else {
        const problem = fieldValueProblem(definition, values[key]);
        if (problem) errors[`fields.${key}`] = problem;
      }
    }
    if (Object.keys(errors).length) throw ApiError.validation(errors);
  }

  private async checkGroup(groupId: string | null | undefined, tx: DatabaseExecutor): Promise<void> {
    if (groupId && !(await this.repository.findFieldGroup(groupId, tx)))
      throw ApiError.validation({ groupId: 'No such field group.' });
  }
}

function appliesTo(definition: FieldDefinitionRow, pipelineId: string): boolean {
  return definition.pipelineIds.length === 0 || definition.pipelineIds.includes(pipelineId);
}
