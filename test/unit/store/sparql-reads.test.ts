/**
 * The remote store's reads under load: a bounded number of requests in flight, and reads the
 * store turned away while busy (503, a dropped connection) sent again; updates never are.
 */
import { StoreError } from '../../../src/core/errors.js';
import { SparqlStore } from '../../../src/store/sparql-store.js';

const ASK_TRUE = JSON.stringify({ head: {}, boolean: true });
const SELECT_ONE = JSON.stringify({ head: { vars: ['n'] }, results: { bindings: [{ n: { type: 'literal', value: '1' } }] } });
const json = (body: string, status = 200) => new Response(body, { status, headers: { 'content-type': 'application/sparql-results+json', server: 'test' } });
const dropped = () => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
const refused = () => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });

/** A fetch answering from a script of outcomes per call (the last repeats), counting what it saw. */
function scripted(outcomes: (() => Response | Error)[], delayMs = 0) {
  const seen = { calls: 0, bodies: [] as string[], inFlight: 0, maxInFlight: 0 };
  const fetch = (async (_url: string, init: RequestInit) => {
    const outcome = outcomes[Math.min(seen.calls++, outcomes.length - 1)]!;
    seen.bodies.push(String(init.body));
    seen.inFlight++;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    await new Promise((r) => setTimeout(r, delayMs));
    seen.inFlight--;
    const result = outcome();
    if (result instanceof Error) throw result;
    return result;
  }) as unknown as typeof globalThis.fetch;
  return { fetch, seen };
}

const store = (fetch: typeof globalThis.fetch, options: { maxConcurrent?: number; readAttempts?: number } = {}) =>
  new SparqlStore({ queryUrl: 'http://store.test/sparql', dialect: 'standard', readBackoffMs: 1, fetch, ...options });

describe('A SparqlStore’s reads', () => {
  it('keep at most maxConcurrent requests in flight, however many are asked for at once', async () => {
    const { fetch, seen } = scripted([() => json(SELECT_ONE)], 5);
    const s = store(fetch, { maxConcurrent: 3 });
    const answers = await Promise.all(Array.from({ length: 40 }, () => s.select('SELECT ?n WHERE {}')));
    expect(answers).toHaveLength(40);
    expect(seen.calls).toBe(40);
    expect(seen.maxInFlight).toBe(3);
    expect(s.maxInFlight).toBe(3);
  });

  it('are sent again when the store answers 503 or drops the connection, until they pass', async () => {
    const { fetch, seen } = scripted([() => json('busy', 503), dropped, () => json(ASK_TRUE)]);
    expect(await store(fetch).ask('ASK {}')).toBe(true);
    expect(seen.calls).toBe(3);
  });

  it('give up after readAttempts tries, with the store’s answer', async () => {
    const { fetch, seen } = scripted([() => json('Service Unavailable', 503)]);
    await expect(store(fetch, { readAttempts: 3 }).ask('ASK {}')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('HTTP 503') });
    expect(seen.calls).toBe(3);
  });

  it('are not sent again when the store refuses the connection or rejects the query', async () => {
    const down = scripted([refused]);
    await expect(store(down.fetch).ask('ASK {}')).rejects.toBeInstanceOf(StoreError);
    expect(down.seen.calls).toBe(1);
    const bad = scripted([() => json('Virtuoso 37000 Error SP030: SPARQL compiler', 400)]);
    await expect(store(bad.fetch).ask('ASK {')).rejects.toMatchObject({ code: 'QUERY_ERROR' });
    expect(bad.seen.calls).toBe(1);
  });

  it('leave updates alone: a 503 to an update is not sent again', async () => {
    const { fetch, seen } = scripted([() => json('busy', 503)]);
    await expect(store(fetch).commit({ drop: ['http://ex.org/g'] })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(seen.bodies.filter((b) => b.startsWith('update=')).length).toBe(1);
  });
});
