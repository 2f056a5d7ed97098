/**
 * The reconciliation client against the fixture service (fixtures/reconciliation/server.ts),
 * started here on loopback: never a real service. Batching, what each query carries, 429 with
 * Retry-After, and answers that break the protocol, named by service and query.
 */
import { startReconciliationFixture, type ReconciliationFixture, type ReconciliationFixtureOptions } from '../../../../fixtures/reconciliation/server.js';
import { ReconciliationClient, type ReconciliationQuery } from '../../../../src/connectors/reconciliation/client.js';
import { SourceContractError, SourceUnavailableError } from '../../../../src/core/errors.js';
import { describeErrors, validate } from '../../../helpers/reconciliation-schemas.js';

let fixture: ReconciliationFixture | undefined;

async function start(options: ReconciliationFixtureOptions = {}) {
  fixture = await startReconciliationFixture({ delayMs: 5, ...options });
  return fixture;
}

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const retries: { delayMs: number; reason: string }[] = [];
const client = (f: ReconciliationFixture, batchSize = 10, maxAttempts = 4) =>
  new ReconciliationClient(f.url, { batchSize, http: { maxAttempts, backoffMs: 5, maxDelayMs: 5000, timeoutMs: 10000, onRetry: (r) => retries.push(r) } });

beforeEach(() => {
  retries.length = 0;
});

const ensor: ReconciliationQuery = { query: 'Ensor, James', type: 'Q5', limit: 3, properties: [{ pid: 'P569', v: '1860-04-13' }] };

describe('A ReconciliationClient', () => {
  it('reads the manifest, and the fixture answers as the 0.2 schemas say', async () => {
    const f = await start();
    const manifest = await client(f).manifest();
    expect(manifest).toMatchObject({ versions: ['0.2'], identifierSpace: 'http://www.wikidata.org/entity/' });
    expect(describeErrors(validate('manifest', manifest))).toBe('');
    const answer = await fetch(f.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ queries: JSON.stringify({ q0: ensor }) }) });
    expect(describeErrors(validate('reconciliation-result-batch', await answer.json()))).toBe('');
  });

  it('sends queries in batches of batchSize, POSTed as queries=, and gives the answers back in query order', async () => {
    const f = await start();
    const names = ['Maurice Sys', 'etsen', 'Pieter Brueghel II', 'Bruegel, Pieter I', 'olieverfschilderij'];
    const queries: ReconciliationQuery[] = Array.from({ length: 23 }, (_, i) => ({ query: names[i % names.length], limit: 2 }));
    queries[12] = ensor;
    const answers = await client(f, 10).reconcile(queries);

    expect(f.batches.map((b) => Object.keys(b).length)).toEqual([10, 10, 3]);
    expect(Object.keys(f.batches[2])).toEqual(['q20', 'q21', 'q22']);
    expect(f.faults.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
    // Type, limit and properties reach the service as given.
    expect(f.batches[1].q12).toEqual(ensor);
    expect(answers).toHaveLength(23);
    expect(answers[12][0]).toMatchObject({ id: 'http://www.wikidata.org/entity/Q158840', name: 'James Ensor', match: true });
    expect(answers[0][0].name).toBe('Maurice Sys');
    expect(answers[1][0].id).toBe('http://vocab.getty.edu/aat/300041365');
    expect(answers[2][0].id).toBe('http://www.wikidata.org/entity/Q255828');
    expect(answers.every((a) => a.length <= 3)).toBe(true);
  });

  it('waits as Retry-After says when the service answers 429, then gets its answer', async () => {
    const f = await start({ throttle: { every: 2, retryAfterSeconds: 1 } });
    const answers = await client(f, 1).reconcile([{ query: 'James Ensor' }, { query: 'etsen' }]);
    expect(f.throttled).toBe(1);
    expect(retries).toEqual([expect.objectContaining({ delayMs: 1000, reason: 'HTTP 429' })]);
    expect(answers.map((a) => a[0].id)).toEqual(['http://www.wikidata.org/entity/Q158840', 'http://vocab.getty.edu/aat/300041365']);
  });

  it('gives up after its attempts when the service keeps answering 429, naming the service', async () => {
    const f = await start();
    f.inject({ kind: 'status', status: 429, retryAfter: '0' }, { times: 10 });
    const error = await client(f, 10, 3).reconcile([ensor]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toContain(`reconciliation ${new URL(f.url).host}`);
    expect((error as Error).message).toContain('after 3 attempts (HTTP 429)');
    expect(f.throttled).toBe(3);
  });

  it('refuses a malformed answer, naming the service, the query and what is wrong', async () => {
    const f = await start();
    f.inject({ kind: 'malformed' });
    const error = await client(f).reconcile([ensor, { query: 'etsen' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceContractError);
    const message = (error as Error).message;
    expect(message).toContain(`Reconciliation service ${f.url}`);
    expect(message).toContain('query q0 ("Ensor, James", type Q5)');
    expect(message).toMatch(/result\.0\.name: Required/);
    expect(message).toMatch(/result\.0\.score: Expected number, received string/);
    // A malformed answer is not retried: asking again would get the same.
    expect(f.faults.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('refuses an answer that is not JSON, naming the batch', async () => {
    const f = await start();
    f.inject({ kind: 'truncate' });
    const error = await client(f).reconcile([ensor, { query: 'etsen' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceContractError);
    expect((error as Error).message).toContain(`Reconciliation service ${f.url}: the batch q0–q1 was answered with text that is not JSON`);
  });

  it('does not retry a refused batch (HTTP 400) and says what the service said', async () => {
    const f = await start({ maxQueries: 5 });
    const error = await client(f, 10).reconcile(Array.from({ length: 6 }, () => ({ query: 'James Ensor' }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceContractError);
    expect((error as Error).message).toMatch(/answered HTTP 400: .*at most 5 queries per batch/);
    expect(f.faults.requests).toHaveLength(1);
  });
});
