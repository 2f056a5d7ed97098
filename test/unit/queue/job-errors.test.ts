/** Retry decisions and Redis settings: which errors fail a job for good, and what a URL becomes. */
import { UnrecoverableError } from 'bullmq';
import { ConfigError, MappingError, SourceContractError, SourceUnavailableError, StoreError } from '../../../src/core/errors.js';
import { connectionOptions, safeRedisUrl } from '../../../src/queue/connection.js';
import { forQueue, isPermanent } from '../../../src/queue/job-errors.js';

describe('Job error translation', () => {
  it.each([
    ['a broken source contract', new SourceContractError('Source s: GET u answered HTTP 404')],
    ['a mapping error', new MappingError('Cannot resolve rml:reference "x"')],
    ['a configuration error', new ConfigError(['sources[0].mapping: file not found'])],
    ['a store refusing the credentials', new StoreError('SPARQL update at u: HTTP 401', { code: 'STORE_FORBIDDEN' })],
    ['a store rejecting the update', new StoreError('SPARQL update at u: HTTP 400: Virtuoso 37000 Error SP030', { code: 'STORE_REJECTED' })],
  ])('fails %s for good (UnrecoverableError keeping name and message)', (_what, error) => {
    expect(isPermanent(error)).toBe(true);
    const out = forQueue(error);
    expect(out).toBeInstanceOf(UnrecoverableError);
    expect(out.message).toBe(`${error.name}: ${error.message}`);
  });

  it.each([
    ['an unreachable source', new SourceUnavailableError('Source s: GET u failed after 3 attempts')],
    ['an unavailable store', new StoreError('SPARQL update failed', { code: 'STORE_UNAVAILABLE' })],
    ['an unknown error', new Error('ECONNRESET')],
  ])('retries %s', (_what, error) => {
    expect(isPermanent(error)).toBe(false);
    expect(forQueue(error)).toBe(error);
  });

  it('wraps non-errors', () => {
    expect(forQueue('boom').message).toBe('boom');
  });
});

describe('Redis connection settings', () => {
  it('reads host, port, password and db from the URL; workers block through outages, producers fail fast', () => {
    const worker = connectionOptions('redis://:s3cret@redis.example:6380/2', 'worker') as Record<string, unknown>;
    expect(worker).toMatchObject({ host: 'redis.example', port: 6380, password: 's3cret', db: 2, maxRetriesPerRequest: null });
    const producer = connectionOptions('redis://127.0.0.1', 'producer') as Record<string, unknown>;
    expect(producer).toMatchObject({ host: '127.0.0.1', port: 6379, db: 0, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  });

  it('refuses what is not a redis URL, without echoing a password', () => {
    expect(() => connectionOptions('http://x:6379', 'worker')).toThrow(ConfigError);
    expect(() => connectionOptions('not a url with :pw@', 'worker')).toThrow(/hub.redisUrl/);
  });

  it('masks the password in URLs for logs', () => {
    expect(safeRedisUrl('redis://user:s3cret@h:6379/0')).toBe('redis://user:***@h:6379/0');
    expect(safeRedisUrl('redis://:s3cret@h:6379')).toBe('redis://:***@h:6379');
    expect(safeRedisUrl('redis://h:6379')).toBe('redis://h:6379');
  });
});
