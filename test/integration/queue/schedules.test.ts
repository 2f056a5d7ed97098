/**
 * Distributed mode's schedules on real Redis: a source's everyMinutes, else the interval its
 * connector asks for (an LDES stream's ldes:pollingInterval from the saved checkpoint, else the
 * connector's pollIntervalSeconds), registered as BullMQ job schedulers.
 */
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { HubQueueSet } from '../../../src/queue/hub-queues.js';
import { scheduleSources } from '../../../src/queue/producers.js';
import { REPO, testConfig, uniquePrefix } from './helpers.js';
import { describeWith, redisNeed } from '../../helpers/services.js';

const describeRedis = describeWith([await redisNeed()]);

const source = (id: string, connector: string, schedule: string) => `
  - id: ${id}
    connector: ${connector}
    mapping: ${join(REPO, 'mappings/ghent-ldes.yml')}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${join(REPO, 'test/fixtures/shapes/title-required.ttl')}]
    schedule: ${schedule}`;

describeRedis('scheduleSources', () => {
  let set: HubQueueSet;
  let redis: Redis;
  afterEach(async () => {
    await set.queues.harvest.obliterate({ force: true }).catch(() => undefined);
    await set.close();
    await redis.quit();
  });

  it('uses everyMinutes, else the stream interval saved with the checkpoint, else pollIntervalSeconds; files sources without everyMinutes get none', async () => {
    const prefix = uniquePrefix();
    const config = testConfig(`hub: { dataDir: /tmp/unused, redisUrl: "redis://127.0.0.1:6379", queue: { prefix: ${prefix} } }
sources:${source('hourly', '{ type: ldes, url: "http://127.0.0.1:9/a" }', '{ onStart: never, everyMinutes: 60 }')}${source('stream', '{ type: ldes, url: "http://127.0.0.1:9/b" }', '{ onStart: never }')}${source('default', '{ type: ldes, url: "http://127.0.0.1:9/c", pollIntervalSeconds: 90 }', '{ onStart: never }')}${source('folder', '{ type: files, folder: /tmp/unused, rules: [{ match: "*.csv", id: id }] }', '{ onStart: never }')}
`);
    set = new HubQueueSet(config);
    redis = new Redis('redis://127.0.0.1:6379');
    await redis.hset(`${prefix}:hub:source:stream`, 'checkpoint', JSON.stringify({ pending: [], done: [], open: [], pollingInterval: 5 }));
    expect((await scheduleSources(set, config)).sort()).toEqual(['default', 'hourly', 'stream']);
    const every = async (id: string) => (await set.queues.harvest.getJobScheduler(`schedule-${id}`))?.every;
    expect(Number(await every('hourly'))).toBe(3_600_000);
    expect(Number(await every('stream'))).toBe(5_000);
    expect(Number(await every('default'))).toBe(90_000);
    expect(await set.queues.harvest.getJobScheduler('schedule-folder')).toBeUndefined();
  });
});
