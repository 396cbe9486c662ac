import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { companies, type CompanyRow } from './companies.schema.js';
import type { CompanyFilter } from './companies.dto.js';

@Injectable()
export class CompaniesRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  async insert(tx: DatabaseExecutor, values: typeof companies.$inferInsert): Promise<CompanyRow> {
    const [row] = await tx.insert(companies).values(values).returning();
    return row;
  }

  async update(tx: DatabaseExecutor, id: string, values: Partial<typeof companies.$inferInsert>): Promise<CompanyRow> {
    const [row] = await tx
      .update(companies)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(companies.id, id))
      .returning();
    return row;
  }

  async delete(tx: DatabaseExecutor, id: string): Promise<void> {
    await tx.delete(companies).where(eq(companies.id, id));
  }

  async findById(id: string, tx: DatabaseExecutor = this.db): Promise<CompanyRow | undefined> {
    const [row] = await tx.select().from(companies).where(eq(companies.id, id)).limit(1);
    return row;
  }

  async findByIdno(idno: string, tx: DatabaseExecutor = this.db): Promise<CompanyRow | undefined> {
    const [row] = await tx.select().from(companies).where(eq(companies.idno, idno)).limit(1);
    return row;
  }

  findByIds(ids: string[], tx: DatabaseExecutor = this.db): Promise<CompanyRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return tx.select().from(companies).where(inArray(companies.id, ids));
  }

  /** Case-insensitive exact name (imports that carry a name without IDNO). */
  async findByName(name: string, tx: DatabaseExecutor = this.db): Promise<CompanyRow | undefined> {
    const [row] = await tx
      .select()
      .from(companies)
      .where(sql`lower(${companies.name}) = lower(${name})`)
      .orderBy(asc(companies.createdAt))
      .limit(1);
    return row;
  }

  /** Ranked by trigram similarity with `q`, else by name; offset-paged (companies are few). */
  async search(filter: CompanyFilter, limit: number, offset: number): Promise<CompanyRow[]> {
    return this.db
      .select()
      .from(companies)
      .where(this.filterCondition(filter))
      .orderBy(
        ...(filter.q ? [desc(sql`similarity(${companies.name}, ${filter.q})`)] : []),
        asc(companies.name),
        asc(companies.id),
      )
      .limit(limit)
      .offset(offset);
  }

  async *streamFiltered(filter: CompanyFilter, batchSize = 1000): AsyncGenerator<CompanyRow[]> {
    let afterId: string | undefined;
    for (;;) {
      const rows = await this.db
        .select()
        .from(companies)
        .where(and(this.filterCondition(filter), afterId ? sql`${companies.id} > ${afterId}` : undefined))
        .orderBy(companies.id)
        .limit(batchSize);
      if (!rows.length) return;
      yield rows;
      afterId = rows.at(-1)!.id;
      if (rows.length < batchSize) return;
    }
  }

  private filterCondition(filter: CompanyFilter): SQL | undefined {
    const conditions: (SQL | undefined)[] = [];
    if (filter.q) {
      const digits = filter.q.replace(/\s/g, '');
      conditions.push(
        or(
          sql`${companies.name} % ${filter.q}`,
          ilike(companies.name, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
          /^[0-9]{4,13}$/.test(digits) ? sql`${companies.idno} like ${`${digits}%`}` : undefined,
        ),
      );
    }
    if (filter.size) conditions.push(eq(companies.size, filter.size));
    if (filter.sector) conditions.push(sql`lower(${companies.sector}) = lower(${filter.sector})`);
    if (filter.locality) conditions.push(sql`lower(${companies.locality}) = lower(${filter.locality})`);
    return and(...conditions);
  }
}
