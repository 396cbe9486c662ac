import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { PbxLeaderLock } from '../../src/calls/pbx-leader-lock.js';
import { sleep } from './support/telephony-test-kit.js';

describe('PbxLeaderLock (Redis SET NX PX with renewal)', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const key = `test-${randomBytes(4).toString('hex')}:telephony:leader`;
  afterAll(async () => {
    await redis.del(key);
    redis.disconnect();
  });

  it('one node leads, the other stands by and takes over when the leader stops renewing', async () => {
    const changes: string[] = [];
    const a = new PbxLeaderLock(redis, key, 300, (leader) => changes.push(`a:${leader}`));
    const b = new PbxLeaderLock(redis, key, 300, (leader) => changes.push(`b:${leader}`));
    a.start();
    await sleep(50);
    b.start();
    await sleep(700); // several renewals: a keeps the lock
    expect(a.isLeader).toBe(true);
    expect(b.isLeader).toBe(false);
    expect(await redis.get(key)).toBe(a.token);

    // The leader dies without releasing (process killed): its key expires and b takes over.
    (a as unknown as { stopped: boolean }).stopped = true;
    await sleep(700);
    expect(b.isLeader).toBe(true);
    expect(await redis.get(key)).toBe(b.token);

    await b.stop(); // a clean stop releases the key at once
    expect(await redis.get(key)).toBeNull();
    expect(changes).toEqual(['a:true', 'b:true', 'b:false']);
  });
});
