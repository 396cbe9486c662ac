import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import type { Permission, Role } from './roles.js';
import { roleRights } from './users.schema.js';

@Injectable()
export class RoleRightsRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  list(): Promise<{ role: Role; permissions: string[] }[]> {
    return this.db.select({ role: roleRights.role, permissions: roleRights.permissions }).from(roleRights);
  }

  async save(role: Role, permissions: Permission[], updatedBy: string | null, tx: DatabaseExecutor): Promise<void> {
    await tx
      .insert(roleRights)
      .values({ role, permissions, updatedBy })
      .onConflictDoUpdate({ target: roleRights.role, set: { permissions, updatedBy, updatedAt: sql`now()` } });
  }
}
