/** The match step's lock across processes (queue/match-lock.ts), on real Redis: sections never overlap. */
import { Redis } from 'ioredis';
import { redisMatchLock } from '../../../src/queue/match-lock.js';
import { RedisSourceState } from '../../../src/queue/redis-source-state.js';
import { describeWith, redisNeed } from '../../helpers/services.js';
import { uniquePrefix } from './helpers.js';

const describeRedis = describeWith([await redisNeed()]);

describeRedis('The match lock', () => {
  const clients: Redis[] = [];
  afterAll(() => clients.forEach((c) => c.disconnect()));

  it('lets one section run at a time, whichever process asks', async () => {
    const prefix = uniquePrefix();
    const locks = [0, 1].map(() => {
      const client = new Redis('redis://127.0.0.1:6379');
      clients.push(client);
      return redisMatchLock(new RedisSourceState(client, prefix), 5000);
    });
    const events: string[] = [];
    const section = (name: string) => async () => {
      events.push(`${name} in`);
      await new Promise((r) => setTimeout(r, 30));
      events.push(`${name} out`);
      return name;
    };
    const results = await Promise.all([0, 1, 2, 3].map((i) => locks[i % 2]!(section(`s${i}`))));
    expect(results).toEqual(['s0', 's1', 's2', 's3']);
    for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).toBe(events[i]!.replace(' in', ' out'));
  });
});
