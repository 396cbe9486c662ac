import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ROOT_LOGGER } from '../common/logger.module.js';

/**
 * Owns every Redis connection of the process. Connections retry forever in the background: Redis being down
 * degrades live features (queues, sockets) but never stops the API from accepting and storing work.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly opened: Redis[] = [];
  private lastErrorLoggedAt = 0;
  readonly main: Redis;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.main = this.create('main');
  }

  /** A new connection (BullMQ workers and Socket.IO pub/sub need their own). */
  create(name: string, options: RedisOptions = {}): Redis {
    const connection = new Redis(this.config.redis.url, {
      maxRetriesPerRequest: null,
      connectionName: `consult-crm:${name}`,
      retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
      ...options,
    });
    connection.on('error', (error) => {
      if (Date.now() - this.lastErrorLoggedAt < 10_000) return;
      this.lastErrorLoggedAt = Date.now();
      this.logger.warn({ err: error.message, connection: name }, 'Redis is unreachable; retrying in the background');
    });
    this.opened.push(connection);
    return connection;
  }

  async ping(timeoutMs = 1_000): Promise<{ status: 'up' | 'down'; latencyMs?: number; error?: string }> {
    const started = performance.now();
    if (this.main.status !== 'ready') return { status: 'down', error: `connection ${this.main.status}` };
    try {
      await Promise.race([
        this.main.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('ping timed out')), timeoutMs)),
      ]);
      return { status: 'up', latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { status: 'down', error: (error as Error).message };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.opened.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

@Global()
@Module({ providers: [RedisConnections], exports: [RedisConnections] })
export class RedisModule {}
