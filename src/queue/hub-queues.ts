/**
 * Distributed mode's handle on Redis: the queues, the per-source state, and the connection
 * settings workers reuse. `hub serve`, `hub worker` and `hub jobs` each open one.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';
import type { HubConfig } from '../config/schema.js';
import { ConfigError } from '../core/errors.js';
import { connectionOptions } from './connection.js';
import { closeQueues, createQueues, QUEUE_NAMES, type HubQueues } from './queues.js';
import { RedisSourceState } from './redis-source-state.js';

export interface QueueHealth {
  ok: boolean;
  message: string;
}

export class HubQueueSet {
  readonly queues: HubQueues;
  readonly state: RedisSourceState;
  /** Settings for Worker connections (blocking, reconnecting). */
  readonly workerConnection: ConnectionOptions;
  private readonly redis: Redis;

  /** `worker`: commands wait through a Redis outage; `producer` (API, CLI): they fail fast. */
  constructor(
    readonly config: HubConfig,
    role: 'worker' | 'producer' = 'producer',
  ) {
    const url = config.hub.redisUrl;
    if (!url) throw new ConfigError(['hub.redisUrl: distributed mode needs a Redis URL (hub.redisUrl or $REDIS_URL)']);
    this.workerConnection = connectionOptions(url, 'worker');
    this.queues = createQueues(config.hub, connectionOptions(url, role));
    // The state client waits through a Redis restart like the workers do.
    this.redis = new Redis(connectionOptions(url, 'worker') as RedisOptions);
    this.state = new RedisSourceState(this.redis, config.hub.queue.prefix);
  }

  get prefix(): string {
    return this.config.hub.queue.prefix;
  }

  async health(): Promise<QueueHealth> {
    try {
      const pong = await Promise.race([this.redis.ping(), new Promise<string>((_r, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2000).unref())]);
      return { ok: pong === 'PONG', message: `redis ${pong}` };
    } catch (error) {
      return { ok: false, message: `redis unreachable: ${(error as Error).message}` };
    }
  }

  /** Jobs per queue and state (waiting, active, delayed, failed, completed). */
  async depths(): Promise<Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, number>> = {};
    for (const name of QUEUE_NAMES) out[name] = await this.queues[name].getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
    return out;
  }

  async close(): Promise<void> {
    await closeQueues(this.queues);
    this.redis.disconnect();
  }
}
