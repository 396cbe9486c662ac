import { Global, Module } from '@nestjs/common';
import { DemoSeedRegistry } from './demo-seed-registry.js';
import { DemoSeedRunner } from './demo-seed.runner.js';
import { IdentitySeed } from './identity-seed.js';

@Global()
@Module({ providers: [DemoSeedRegistry, DemoSeedRunner, IdentitySeed], exports: [DemoSeedRegistry, DemoSeedRunner] })
export class SeedModule {}
