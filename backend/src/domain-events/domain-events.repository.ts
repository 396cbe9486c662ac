import { Injectable } from '@nestjs/common';
import type { DatabaseExecutor } from '../database/database-connection.js';
import { domainEventKeys } from './domain-events.schema.js';

@Injectable()
export class DomainEventsRepository {
  /** True when the key is new (this transaction owns the event); false when it was published before. */
  async claimKey(tx: DatabaseExecutor, key: string): Promise<boolean> {
    const rows = await tx
      .insert(domainEventKeys)
      .values({ key })
      .onConflictDoNothing()
      .returning({ key: domainEventKeys.key });
    return rows.length > 0;
  }
}
