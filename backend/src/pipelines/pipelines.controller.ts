import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import { z } from 'zod';
import { FieldDefinitionsService } from './field-definitions.service.js';
import {
  createPipelineDto,
  fieldDefinitionDto,
  fieldGroupDto,
  instrumentDto,
  stageDto,
  updateFieldDefinitionDto,
  updateInstrumentDto,
  updatePipelineDto,
  updateStageDto,
  type CreatePipelineDto,
  type FieldDefinitionDto,
  type FieldGroupDto,
  type InstrumentDto,
  type StageDto,
  type UpdateFieldDefinitionDto,
  type UpdateInstrumentDto,
  type UpdatePipelineDto,
  type UpdateStageDto,
} from './pipelines.dto.js';
import { PipelinesService } from './pipelines.service.js';

const fieldListQuery = z.object({ pipelineId: z.uuid().optional() });

/** Pipeline settings: everyone reads them (boards, forms); `settings.manage` changes them. */
@ApiTags('pipelines')
@ApiBearerAuth()
@Controller()
export class PipelinesController {
  constructor(
    private readonly pipelines: PipelinesService,
    private readonly fields: FieldDefinitionsService,
  ) {}

  @Get('pipelines')
  list() {
    return this.pipelines.list();
  }

  @Get('pipelines/:id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.pipelines.get(id);
  }

  @Post('pipelines')
  @RequirePermissions('settings.manage')
  create(@ValidBody(createPipelineDto) dto: CreatePipelineDto) {
    return this.pipelines.create(dto);
  }

  @Patch('pipelines/:id')
  @RequirePermissions('settings.manage')
  update(@Param('id', ParseUUIDPipe) id: string, @ValidBody(updatePipelineDto) dto: UpdatePipelineDto) {
    return this.pipelines.update(id, dto);
  }

  @Post('pipelines/:id/stages')
  @RequirePermissions('settings.manage')
  addStage(@Param('id', ParseUUIDPipe) id: string, @ValidBody(stageDto) dto: StageDto) {
    return this.pipelines.addStage(id, dto);
  }

  @Patch('stages/:id')
  @RequirePermissions('settings.manage')
  updateStage(@Param('id', ParseUUIDPipe) id: string, @ValidBody(updateStageDto) dto: UpdateStageDto) {
    return this.pipelines.updateStage(id, dto);
  }

  /** Only a stage no card is in (409 otherwise); its history and report rows go with it. */
  @Delete('stages/:id')
  @RequirePermissions('settings.manage')
  @HttpCode(204)
  deleteStage(@Param('id', ParseUUIDPipe) id: string) {
    return this.pipelines.deleteStage(id);
  }

  @Get('instruments')
  instruments() {
    return this.pipelines.listInstruments();
  }

  @Post('instruments')
  @RequirePermissions('settings.manage')
  createInstrument(@ValidBody(instrumentDto) dto: InstrumentDto) {
    return this.pipelines.createInstrument(dto);
  }

  @Patch('instruments/:id')
  @RequirePermissions('settings.manage')
  updateInstrument(@Param('id', ParseUUIDPipe) id: string, @ValidBody(updateInstrumentDto) dto: UpdateInstrumentDto) {
    return this.pipelines.updateInstrument(id, dto);
  }

  @Get('field-groups')
  fieldGroups() {
    return this.fields.listGroups();
  }

  @Post('field-groups')
  @RequirePermissions('settings.manage')
  createFieldGroup(@ValidBody(fieldGroupDto) dto: FieldGroupDto) {
    return this.fields.createGroup(dto);
  }

  @Patch('field-groups/:id')
  @RequirePermissions('settings.manage')
  updateFieldGroup(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(fieldGroupDto.partial()) dto: Partial<FieldGroupDto>,
  ) {
    return this.fields.updateGroup(id, dto);
  }

  @Get('field-definitions')
  fieldDefinitions(@ValidQuery(fieldListQuery) query: z.infer<typeof fieldListQuery>) {
    return this.fields.list(query);
  }

  @Post('field-definitions')
  @RequirePermissions('settings.manage')
  createFieldDefinition(@ValidBody(fieldDefinitionDto) dto: FieldDefinitionDto) {
    return this.fields.create(dto);
  }

  @Patch('field-definitions/:id')
  @RequirePermissions('settings.manage')
  updateFieldDefinition(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(updateFieldDefinitionDto) dto: UpdateFieldDefinitionDto,
  ) {
    return this.fields.update(id, dto);
  }
}
