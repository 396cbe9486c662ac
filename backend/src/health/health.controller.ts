import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { sql } from 'drizzle-orm';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { DATABASE_CONNECTION } from '../database/database.module.js';
import type { DatabaseConnection } from '../database/database-connection.js';
import { RedisConnections } from '../redis/redis.module.js';

const startedAt = Date.now();

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE_CONNECTION) private readonly database: DatabaseConnection,
    private readonly redis: RedisConnections,
  ) {}

  /** 200 when the database and Redis answer, 503 (same body) when either does not. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const [db, redis] = await Promise.all([this.pingDatabase(), this.redis.ping()]);
    const ok = db.status === 'up' && redis.status === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'degraded', db, redis, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
  }

  private async pingDatabase() {
    const started = performance.now();
    try {
      await this.database.db.execute(sql`select 1`);
      return { status: 'up' as const, kind: this.database.kind, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { status: 'down' as const, kind: this.database.kind, error: (error as Error).message };
    }
  }
}
