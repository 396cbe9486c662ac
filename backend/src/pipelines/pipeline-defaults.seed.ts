import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PipelinesService } from './pipelines.service.js';

/** The product pipelines and instruments exist on every database (the demo seed, order 20, builds on them). */
@Injectable()
export class PipelineDefaultsSeed implements OnModuleInit {
  constructor(private readonly pipelines: PipelinesService) {}

  onModuleInit(): Promise<void> {
    return this.pipelines.ensureDefaults();
  }
}
