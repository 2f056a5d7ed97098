import { createServer, type Server } from 'node:http';
import { jest } from '@jest/globals';
import { HttpClient, parseRetryAfter } from '../../../src/connectors/http/http-client.js';
import { SourceContractError, SourceUnavailableError } from '../../../src/core/errors.js';

/** A loopback server answering each request with the next scripted status (then 200), noting when each came. */
async function scripted(answers: { status: number; headers?: Record<string, string> }[]) {
  let served = 0;
  const arrivals: number[] = [];
  const server: Server = createServer((_req, res) => {
    arrivals.push(performance.now());
    const next = answers[served++] ?? { status: 200 };
    res.writeHead(next.status, { 'content-type': 'text/plain', ...next.headers });
    res.end(next.status === 200 ? 'ok' : `status ${next.status}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/page`,
    served: () => served,
    /** Milliseconds between the arrival of request i and the one before it. */
    gap: (i: number) => arrivals[i]! - arrivals[i - 1]!,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

afterEach(() => jest.restoreAllMocks());

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(parseRetryAfter('120')).toBe(120000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('An HttpClient', () => {
  it('backs off exponentially with full jitter on 5xx, capped at maxDelayMs', async () => {
    const s = await scripted([{ status: 500 }, { status: 502 }, { status: 500 }, { status: 504 }]);
    const delays: number[] = [];
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const client = new HttpClient({ sourceId: 's', maxAttempts: 5, backoffMs: 10, maxDelayMs: 30, onRetry: ({ delayMs }) => delays.push(delayMs) });
    const res = await client.get(s.url);
    await s.close();
    expect(res.status).toBe(200);
    // random × base × 2^(attempt-1): 5, 10, 20, then 40 capped at 30.
    expect(delays).toEqual([5, 10, 20, 30]);
    expect(client.retries).toBe(4);
  });

  it('keeps a note of each retry for the connector to report, once', async () => {
    const s = await scripted([{ status: 503, headers: { 'retry-after': '0' } }, { status: 500 }]);
    jest.spyOn(Math, 'random').mockReturnValue(0);
    const client = HttpClient.forSource('s', { timeoutMs: 5000, maxAttempts: 3, backoffMs: 10, maxDelayMs: 10 }, { accept: 'text/plain' });
    await client.get(s.url);
    await s.close();
    expect(client.drainRetryNotes()).toEqual([`retrying ${s.url} in 0 ms (HTTP 503)`, `retrying ${s.url} in 0 ms (HTTP 500)`]);
    expect(client.drainRetryNotes()).toEqual([]);
  });

  it('draws each wait at random between 0 and the exponential bound', async () => {
    const s = await scripted([{ status: 500 }, { status: 500 }]);
    const delays: number[] = [];
    jest.spyOn(Math, 'random').mockReturnValueOnce(0).mockReturnValueOnce(0.99);
    const client = new HttpClient({ sourceId: 's', backoffMs: 100, onRetry: ({ delayMs }) => delays.push(delayMs) });
    await client.get(s.url);
    await s.close();
    expect(delays[0]).toBe(0);
    expect(delays[1]).toBeCloseTo(198);
  });

  it('waits as Retry-After says on 503 (an HTTP date) and on 429 (seconds), not the backoff', async () => {
    const inOneSecond = new Date(Date.now() + 1500).toUTCString();
    const s = await scripted([{ status: 503, headers: { 'retry-after': inOneSecond } }, { status: 429, headers: { 'retry-after': '0' } }]);
    const reasons: { delayMs: number; reason: string }[] = [];
    const client = new HttpClient({ sourceId: 's', backoffMs: 60000, onRetry: ({ delayMs, reason }) => reasons.push({ delayMs, reason }) });
    await client.get(s.url);
    await s.close();
    expect(reasons[0]!.reason).toBe('HTTP 503');
    expect(reasons[0]!.delayMs).toBeGreaterThan(0);
    expect(reasons[0]!.delayMs).toBeLessThanOrEqual(1500);
    expect(reasons[1]).toEqual({ delayMs: 0, reason: 'HTTP 429' });
  });

  it.each([400, 401, 403, 404])('does not retry HTTP %i, and says which source and URL', async (status) => {
    const s = await scripted([{ status }]);
    const client = new HttpClient({ sourceId: 'museum', backoffMs: 1 });
    const error = await client.get(s.url).catch((e: unknown) => e);
    await s.close();
    expect(error).toBeInstanceOf(SourceContractError);
    expect((error as Error).message).toContain(`Source museum: GET ${s.url} answered HTTP ${status}`);
    expect(s.served()).toBe(1);
  });

  it('gives up after maxAttempts with the last reason, as SourceUnavailableError', async () => {
    const s = await scripted([{ status: 500 }, { status: 500 }, { status: 500 }]);
    const client = new HttpClient({ sourceId: 's', maxAttempts: 3, backoffMs: 1 });
    const error = await client.get(s.url).catch((e: unknown) => e);
    await s.close();
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toBe(`Source s: GET ${s.url} failed after 3 attempts (HTTP 500)`);
    expect(s.served()).toBe(3);
  });

  it('hands back the statuses the caller accepts, unretried, and still throws on the others', async () => {
    const s = await scripted([{ status: 400 }, { status: 403 }, { status: 429, headers: { 'retry-after': '0' } }, { status: 200 }]);
    const client = new HttpClient({ sourceId: 's', maxAttempts: 3, backoffMs: 1 });
    const refusal = (status: number) => status >= 400 && status < 500 && status !== 429;
    const bad = await client.request('POST', s.url, { body: '{}', accept: refusal });
    expect({ status: bad.status, body: bad.body }).toEqual({ status: 400, body: 'status 400' });
    expect((await client.request('GET', s.url, { accept: refusal })).status).toBe(403);
    // 429 is not accepted: retried as before.
    expect((await client.request('GET', s.url, { accept: refusal })).status).toBe(200);
    expect(s.served()).toBe(4);
    await s.close();
  });

  it('retries network errors', async () => {
    const s = await scripted([]);
    await s.close();
    const reasons: string[] = [];
    const client = new HttpClient({ sourceId: 's', maxAttempts: 2, backoffMs: 1, onRetry: ({ reason }) => reasons.push(reason) });
    await expect(client.get(s.url)).rejects.toThrow(/failed after 2 attempts \(network error/);
    expect(reasons).toEqual([expect.stringMatching(/^network error/)]);
  });

  it('really waits as long as Retry-After says after a 429 before asking again', async () => {
    const s = await scripted([{ status: 429, headers: { 'retry-after': '1' } }]);
    const client = new HttpClient({ sourceId: 's', backoffMs: 1 });
    const res = await client.get(s.url);
    await s.close();
    expect(res.status).toBe(200);
    expect(s.served()).toBe(2);
    // The second request came a second later (timers never fire early; a loaded machine only adds).
    expect(s.gap(1)).toBeGreaterThanOrEqual(990);
  });

  it('caps a Retry-After above maxDelayMs, and waits the cap', async () => {
    const s = await scripted([{ status: 429, headers: { 'retry-after': '3600' } }, { status: 503, headers: { 'retry-after': '3600' } }]);
    const delays: number[] = [];
    const client = new HttpClient({ sourceId: 's', backoffMs: 1, maxDelayMs: 300, onRetry: ({ delayMs }) => delays.push(delayMs) });
    const res = await client.get(s.url);
    await s.close();
    expect(res.status).toBe(200);
    expect(delays).toEqual([300, 300]);
    expect(s.gap(1)).toBeGreaterThanOrEqual(290);
    expect(s.gap(2)).toBeGreaterThanOrEqual(290);
  }, 10_000);

  it('gives up on a request that does not answer after timeoutMs, not later', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/slow`;
    const client = new HttpClient({ sourceId: 's', maxAttempts: 1, timeoutMs: 1000 });
    const started = performance.now();
    const error = await client.get(url).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    expect((error as Error).message).toBe(`Source s: GET ${url} failed after 1 attempt (timed out after 1000 ms)`);
    expect(elapsed).toBeGreaterThanOrEqual(990);
    // Generous for a loaded machine, and still well below twice the setting.
    expect(elapsed).toBeLessThan(1900);
  });
});
