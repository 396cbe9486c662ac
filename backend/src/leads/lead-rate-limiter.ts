import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { RedisConnections } from '../redis/redis.module.js';

const WINDOW_MS = 60_000;
const REDIS_TIMEOUT_MS = 300;

/**
 * Lead submissions per IP per minute: a Redis counter shared by every API node; while Redis is unreachable each
 * node counts in memory instead, so the form keeps working and stays limited.
 */
@Injectable()
export class LeadRateLimiter {
  private readonly local = new Map<string, { window: number; count: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisConnections,
  ) {}

  /** true when this submission is within the limit. */
  async allow(ip: string): Promise<boolean> {
    const window = Math.floor(Date.now() / WINDOW_MS);
    const limit = this.config.messaging.leadRateLimitPerMinute;
    const count = (await this.countInRedis(ip, window)) ?? this.countLocally(ip, window);
    return count <= limit;
  }

  private async countInRedis(ip: string, window: number): Promise<number | undefined> {
    if (this.redis.main.status !== 'ready') return undefined;
    const key = `${this.config.redis.queuePrefix}:lead-rate:${ip}:${window}`;
    try {
      const result = await Promise.race([
        this.redis.main
          .multi()
          .incr(key)
          .pexpire(key, WINDOW_MS * 2)
          .exec(),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), REDIS_TIMEOUT_MS)),
      ]);
      const count = result?.[0]?.[1];
      return typeof count === 'number' ? count : undefined;
    } catch {
      return undefined;
    }
  }

  private countLocally(ip: string, window: number): number {
    const entry = this.local.get(ip);
    if (!entry || entry.window !== window) {
      if (this.local.size > 10_000) this.local.clear();
      this.local.set(ip, { window, count: 1 });
      return 1;
    }
    entry.count++;
    return entry.count;
  }
}
