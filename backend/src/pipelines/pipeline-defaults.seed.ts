import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DemoSeedRegistry } from '../seed/demo-seed-registry.js';
import { PipelinesService } from './pipelines.service.js';

/** The product pipelines and instruments exist on every database; the demo seed (order 20) makes sure of it too. */
@Injectable()
export class PipelineDefaultsSeed implements OnModuleInit {
  constructor(
    private readonly pipelines: PipelinesService,
    registry: DemoSeedRegistry,
  ) {
    registry.register({ name: 'pipelines', order: 20, seed: () => this.pipelines.ensureDefaults() });
  }

  onModuleInit(): Promise<void> {
    return this.pipelines.ensureDefaults();
  }
}
