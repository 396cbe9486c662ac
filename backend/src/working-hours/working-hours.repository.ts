import { Injectable } from '@nestjs/common';
import { asc, eq } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { holidays, workingHours, type HolidayRow, type WorkingHoursRow } from './working-hours.schema.js';

@Injectable()
export class WorkingHoursRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  intervals(tx: DatabaseExecutor = this.db): Promise<WorkingHoursRow[]> {
    return tx.select().from(workingHours).orderBy(asc(workingHours.weekday), asc(workingHours.opensAt));
  }

  holidays(tx: DatabaseExecutor = this.db): Promise<HolidayRow[]> {
    return tx.select().from(holidays).orderBy(asc(holidays.day));
  }

  async replaceIntervals(
    tx: DatabaseExecutor,
    rows: { weekday: number; opensAt: string; closesAt: string }[],
  ): Promise<void> {
    await tx.delete(workingHours);
    if (rows.length) await tx.insert(workingHours).values(rows);
  }

  async addHolidays(tx: DatabaseExecutor, rows: { day: string; name: string }[]): Promise<HolidayRow[]> {
    if (!rows.length) return [];
    return tx.insert(holidays).values(rows).onConflictDoNothing().returning();
  }

  async deleteHoliday(tx: DatabaseExecutor, day: string): Promise<HolidayRow | undefined> {
    const [row] = await tx.delete(holidays).where(eq(holidays.day, day)).returning();
    return row;
  }
}
