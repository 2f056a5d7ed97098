/**
 * Redis connection settings from a `redis://[:password@]host:port[/db]` URL, as BullMQ wants
 * them. Workers need `maxRetriesPerRequest: null` so that a Redis restart blocks them rather
 * than failing their commands; producers fail fast instead (an API request must not hang).
 */
import type { ConnectionOptions } from 'bullmq';
import { ConfigError } from '../core/errors.js';

export function connectionOptions(redisUrl: string, role: 'worker' | 'producer'): ConnectionOptions {
  let url: URL;
  try {
    url = new URL(redisUrl);
  } catch {
    throw new ConfigError([`hub.redisUrl: not a URL (${redisUrl.replace(/\/\/[^@]*@/, '//***@')})`]);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new ConfigError([`hub.redisUrl: expected redis:// or rediss://, got ${url.protocol}`]);
  return {
    host: url.hostname || '127.0.0.1',
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    // Reconnect quickly after a Redis restart, never give up.
    retryStrategy: (times: number) => Math.min(200 * times, 2000),
  };
}

/** The URL with its password replaced, for logs. */
export function safeRedisUrl(redisUrl: string): string {
  return redisUrl.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
