import { Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { telephonySettings, type TelephonySettingsRow } from './calls.schema.js';

@Injectable()
export class TelephonySettingsRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  /** Inserts the defaults row; true when this call created it (first start). */
  async ensure(tx: DatabaseExecutor, defaults: Partial<typeof telephonySettings.$inferInsert>): Promise<boolean> {
    const inserted = await tx
      .insert(telephonySettings)
      .values({ id: 1, ...defaults })
      .onConflictDoNothing()
      .returning({ id: telephonySettings.id });
    return inserted.length > 0;
  }

  async get(tx: DatabaseExecutor = this.db): Promise<TelephonySettingsRow | undefined> {
    const [row] = await tx.select().from(telephonySettings).where(eq(telephonySettings.id, 1)).limit(1);
    return row;
  }

  async update(
    tx: DatabaseExecutor,
    values: Partial<typeof telephonySettings.$inferInsert>,
  ): Promise<TelephonySettingsRow> {
    const [row] = await tx
      .update(telephonySettings)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(telephonySettings.id, 1))
      .returning();
    return row;
  }

  /** Locks the row for a round-robin pick so two tasks never go to the same consultant by accident. */
  async lockForUpdate(tx: DatabaseExecutor): Promise<TelephonySettingsRow | undefined> {
    const [row] = await tx.select().from(telephonySettings).where(eq(telephonySettings.id, 1)).for('update');
    return row;
  }
}
