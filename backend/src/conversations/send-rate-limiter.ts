import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { RedisConnections } from '../redis/redis.module.js';

/** Refills `rate` tokens a second up to `burst`; answers 0 when a token was taken, else how long to wait (ms). */
const TOKEN_BUCKET = `
local data = redis.call('HMGET', KEYS[1], 't', 'ts')
local rate = tonumber(ARGV[1]); local now = tonumber(ARGV[2]); local burst = tonumber(ARGV[3])
local tokens = tonumber(data[1]) or burst
local ts = tonumber(data[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 1000 / rate) end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], 60000)
return wait
`;

/** Per-channel-account send rate (providers throttle per bot/number/page), shared by every worker through Redis. */
@Injectable()
export class SendRateLimiter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisConnections,
  ) {}

  async take(channelAccountId: string, ratePerSecond: number): Promise<number> {
    const key = `${this.config.redis.queuePrefix}:send-rate:${channelAccountId}`;
    const wait = await this.redis.main.eval(
      TOKEN_BUCKET,
      1,
      key,
      ratePerSecond,
      Date.now(),
      Math.max(1, ratePerSecond),
    );
    return Number(wait);
  }
}
