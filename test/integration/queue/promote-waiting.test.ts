/**
 * A publish batch handed back to wait for its predecessor is promoted by id as soon as that
 * predecessor is applied (promoteWaiting), instead of waiting out its delay; jobs that are not
 * delayed, or not there, are left alone. On real Redis.
 */
import { Queue } from 'bullmq';
import { connectionOptions } from '../../../src/queue/connection.js';
import { promoteWaiting } from '../../../src/queue/job-errors.js';
import { describeWith, redisNeed } from '../../helpers/services.js';
import { uniquePrefix } from './helpers.js';

const describeRedis = describeWith([await redisNeed()]);

describeRedis('promoteWaiting', () => {
  const queue = new Queue('publish', { connection: connectionOptions('redis://127.0.0.1:6379', 'producer'), prefix: uniquePrefix() });

  afterAll(async () => {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  });

  it('moves a delayed job to the waiting list by its id', async () => {
    await queue.add('publish', { seq: 2 }, { jobId: 'publish.dmg.run-1.2', delay: 3_600_000 });
    expect(await queue.getJobState('publish.dmg.run-1.2')).toBe('delayed');
    expect(await promoteWaiting(queue, 'publish.dmg.run-1.2')).toBe(true);
    expect(await queue.getJobState('publish.dmg.run-1.2')).toBe('waiting');
    expect((await queue.getJob('publish.dmg.run-1.2'))!.data).toEqual({ seq: 2 });
  });

  it('leaves a job that is not delayed, and a missing one, alone', async () => {
    await queue.add('publish', { seq: 3 }, { jobId: 'publish.dmg.run-1.3' });
    expect(await promoteWaiting(queue, 'publish.dmg.run-1.3')).toBe(false);
    expect(await queue.getJobState('publish.dmg.run-1.3')).toBe('waiting');
    expect(await promoteWaiting(queue, 'publish.dmg.run-1.99')).toBe(false);
  });
});
