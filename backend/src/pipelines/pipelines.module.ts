import { Module } from '@nestjs/common';
import { FieldDefinitionsService } from './field-definitions.service.js';
import { PipelineDefaultsSeed } from './pipeline-defaults.seed.js';
import { PipelinesDemoSeed } from './pipelines-demo.seed.js';
import { PipelinesController } from './pipelines.controller.js';
import { PipelinesRepository } from './pipelines.repository.js';
import { PipelinesService } from './pipelines.service.js';

@Module({
  controllers: [PipelinesController],
  providers: [PipelinesRepository, PipelinesService, FieldDefinitionsService, PipelineDefaultsSeed, PipelinesDemoSeed],
  exports: [PipelinesService, FieldDefinitionsService],
})
export class PipelinesModule {}
