import { Injectable } from '@nestjs/common';
import { asc, eq, sql } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { departments, users, type UserRow } from './users.schema.js';

@Injectable()
export class UsersRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  async findByEmail(email: string): Promise<UserRow | undefined> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`)
      .limit(1);
    return row;
  }

  async findById(id: string, tx: DatabaseExecutor = this.db): Promise<UserRow | undefined> {
    const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
    return row;
  }

  async findByExtension(extension: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.phoneExtension, extension)).limit(1);
    return row;
  }

  list(): Promise<UserRow[]> {
    return this.db.select().from(users).orderBy(asc(users.fullName));
  }

  async insert(tx: DatabaseExecutor, values: typeof users.$inferInsert): Promise<UserRow> {
    const [row] = await tx.insert(users).values(values).returning();
    return row;
  }

  async update(tx: DatabaseExecutor, id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow> {
    const [row] = await tx
      .update(users)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    return row;
  }

  async recordFailedLogin(id: string, maxFailures: number, lockMinutes: number): Promise<UserRow> {
    const [row] = await this.db
      .update(users)
      .set({
        failedLoginCount: sql`${users.failedLoginCount} + 1`,
        lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${maxFailures} then now() + make_interval(mins => ${lockMinutes}) else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, id))
      .returning();
    return row;
  }

  async clearFailedLogins(id: string): Promise<void> {
    await this.db.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, id));
  }

  listDepartments() {
    return this.db.select().from(departments).orderBy(asc(departments.name));
  }

  async findDepartment(id: string, tx: DatabaseExecutor = this.db) {
    const [row] = await tx.select().from(departments).where(eq(departments.id, id)).limit(1);
    return row;
  }

  async findDepartmentByCode(code: string) {
    const [row] = await this.db.select().from(departments).where(eq(departments.code, code)).limit(1);
    return row;
  }

  async insertDepartment(tx: DatabaseExecutor, values: typeof departments.$inferInsert) {
    const [row] = await tx.insert(departments).values(values).returning();
    return row;
  }

  async updateDepartment(tx: DatabaseExecutor, id: string, values: Partial<typeof departments.$inferInsert>) {
    const [row] = await tx.update(departments).set(values).where(eq(departments.id, id)).returning();
    return row;
  }
}
