import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { DemoSeedRegistry } from './demo-seed-registry.js';
import { demoSeedRuns } from './seed.schema.js';

/** Runs every domain's demo seeder once per database (a marker row remembers it was done). */
@Injectable()
export class DemoSeedRunner {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly registry: DemoSeedRegistry,
  ) {}

  async seedOnce(): Promise<boolean> {
    if ((await this.db.select().from(demoSeedRuns).limit(1)).length) return false;
    for (const seeder of this.registry.ordered()) {
      this.logger.info({ seeder: seeder.name }, 'seeding demo data');
      await seeder.seed();
    }
    await this.db.insert(demoSeedRuns).values({});
    return true;
  }
}
