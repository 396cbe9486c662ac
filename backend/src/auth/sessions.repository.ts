import { Injectable } from '@nestjs/common';
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { users } from '../users/users.schema.js';
import { sessions } from './auth.schema.js';

@Injectable()
export class SessionsRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  async create(session: { tokenHash: string; userId: string; expiresAt: Date; ip?: string; userAgent?: string }) {
    const [row] = await this.db.insert(sessions).values(session).returning();
    return row;
  }

  /** The live session for a token hash, with its user; expired, revoked or deactivated give nothing. */
  async findLive(tokenHash: string, now = new Date()) {
    const [row] = await this.db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          eq(sessions.tokenHash, tokenHash),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, now),
          eq(users.active, true),
        ),
      )
      .limit(1);
    return row;
  }

  async revoke(sessionId: string) {
    await this.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId));
  }

  async revokeAllOf(userId: string) {
    await this.db
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  }

  async deleteExpired(now = new Date()) {
    await this.db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.revokedAt, now)));
  }
}
