import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RENEW_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Leader election over one Redis key (SET NX PX + compare-and-renew): the holder renews every ttl/3; a node that
 * dies stops renewing and another takes over within `ttlMs`. Only the leader holds the PBX's event connection.
 */
export class PbxLeaderLock {
  readonly token = randomUUID();
  private timer?: NodeJS.Timeout;
  private leader = false;
  private stopped = false;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly ttlMs: number,
    private readonly onChange: (isLeader: boolean) => void,
  ) {}

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    this.stopped = false;
    void this.tick();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const held = this.leader
        ? Number(await this.redis.eval(RENEW_SCRIPT, 1, this.key, this.token, String(this.ttlMs))) === 1
        : (await this.redis.set(this.key, this.token, 'PX', this.ttlMs, 'NX')) === 'OK';
      this.setLeader(held);
    } catch {
      this.setLeader(false); // Redis unreachable: we cannot prove we still lead, so stand down.
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), Math.max(50, Math.floor(this.ttlMs / 3)));
  }

  private setLeader(value: boolean): void {
    if (value === this.leader) return;
    this.leader = value;
    this.onChange(value);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.leader) await this.redis.eval(RELEASE_SCRIPT, 1, this.key, this.token).catch(() => undefined);
    this.setLeader(false);
  }
}
