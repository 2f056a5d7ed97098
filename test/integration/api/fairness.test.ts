/**
 * Fairness per client on the CPU-heavy routes (issue 21): two concurrent runaway queries used to
 * stall every SPARQL client for the whole time limit, and eight concurrent 10 MB /validate
 * uploads raised entity GET latency from 9 ms to 2.18 s. Real HTTP server on loopback, Node's
 * fetch. The runaway client sends an API key, which makes it a client of its own beside the
 * anonymous one (both come from 127.0.0.1).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { entityIri } from '../../../src/core/identifiers.js';
import { literal, namedNode, quad } from '../../../src/core/rdf.js';
import { BASE, openTestHub, publish, t, type TestHub } from './api-helpers.js';
import { listen, timed, type Listening } from './http-server.js';

const EX = 'http://example.org/';
const KEY = 'fairness-test-key-0001';
const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }';
const SMALL = `SELECT ?label WHERE { <${EX}item/7> <${EX}label> ?label }`;
const CHAIR = entityIri(BASE, 'mensgemaaktobject', 'dmg', 'chair');

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.ceil((p / 100) * values.length) - 1]!;

/**
 * The p99 a request may take under attack: 200 ms (the goal), or twice what it takes on this
 * machine right now without the attack plus 100 ms when the machine is so loaded by other work
 * that even that is slow. Before the fix these requests waited seconds (the time limit, a parse).
 */
async function allowedP99(request: () => Promise<number>): Promise<number> {
  const quiet: number[] = [];
  for (let i = 0; i < 50; i++) quiet.push(await request());
  return Math.max(200, 2 * percentile(quiet, 99) + 100);
}

let th: TestHub;
let server: Listening;
beforeAll(async () => {
  th = await openTestHub({
    hub: { sparql: { timeoutMs: 3000, queryWorkers: 2 }, api: { keys: [{ key: KEY }] }, admission: { sparql: { concurrency: 1, queue: 1 } } },
    sources: [{ id: 'dmg', entityType: 'mensgemaaktobject' }],
  });
  await th.hub.store.commit({
    put: Array.from({ length: 30 }, (_, g) => ({
      graph: `${EX}graph/${g}`,
      entity: true,
      quads: Array.from({ length: 10 }, (_, i) => quad(namedNode(`${EX}item/${g * 10 + i}`), namedNode(`${EX}label`), literal(`item ${g * 10 + i}`))),
    })),
  });
  await publish(th.hub, 'dmg', [{ recordId: 'chair', quads: [t(CHAIR, 'http://purl.org/dc/terms/title', literal('Stoel', 'nl'))] }]);
  server = await listen(th.app);
});
afterAll(async () => {
  await server.close();
  await th.close();
});

const sparql = (query: string, headers: Record<string, string> = {}) => timed(`${server.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json', ...headers } });

describe('Fairness per client', () => {
  it("keeps another client's small queries under 200 ms (p99) while one client runs 4 runaway queries", async () => {
    const allowed = await allowedP99(async () => (await sparql(SMALL)).ms);
    const runaways = Array.from({ length: 4 }, () => sparql(RUNAWAY, { 'x-api-key': KEY }));
    let done = false;
    void Promise.all(runaways).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const latencies: number[] = [];
    while (!done || latencies.length < 100) {
      const r = await sparql(SMALL);
      expect(r.status).toBe(200);
      expect(r.body).toContain('item 7');
      latencies.push(r.ms);
    }
    // Each runaway query ended by its time limit (or was refused past its client's share), none ran on.
    for (const r of await Promise.all(runaways)) expect([504, 429]).toContain(r.status);
    expect(percentile(latencies, 99)).toBeLessThan(allowed);
  }, 60000);

  it('answers 429 with Retry-After in seconds past a client\'s concurrency and queue', async () => {
    const first = sparql(RUNAWAY);
    const second = sparql(RUNAWAY);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const third = await sparql(RUNAWAY);
    expect(third.status).toBe(429);
    const detail = (JSON.parse(third.body) as { detail: string }).detail;
    expect(detail).toMatch(/1 running and 1 waiting is the limit for SPARQL queries \(hub\.admission\.sparql\); retry after [1-3] s/);
    const response = await fetch(`${server.url}/sparql?query=${encodeURIComponent(SMALL)}`);
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    // Seconds, at most the time limit (3 s) away: the client's running query has ended by then.
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3);
    await response.text();
    expect((await first).status).toBe(504);
    expect((await second).status).toBe(504);
    // Its share is free again.
    expect((await sparql(SMALL)).status).toBe(200);
  }, 30000);

  it('keeps entity GETs fast while eight 10 MB uploads are validated', async () => {
    const entity = async () => {
      const r = await timed(`${server.url}${CHAIR.slice(BASE.length - 1)}`, { headers: { accept: 'text/turtle' } });
      expect(r.status).toBe(200);
      return r.ms;
    };
    const allowed = await allowedP99(entity);
    const line = (i: number) => `<${EX}thing/${i}> <${EX}p> "a value that is not in any shape's target, number ${i}" .\n`;
    let body = '';
    for (let i = 0; body.length < 10_000_000; i++) body += line(i);
    // The uploads come from other processes (curl), as the probe's did: sending 80 MB from this
    // process's own fetch would stall the event loop the GETs are timed on (about 1 s), not the hub's.
    const dir = mkdtempSync(`${tmpdir()}/fair-`);
    const file = `${dir}/upload.ttl`;
    writeFileSync(file, body);
    const uploads = Array.from({ length: 8 }, () => new Promise<{ status: number; ms: number }>((resolve, reject) => {
      const t = performance.now();
      execFile('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-H', 'content-type: text/turtle', '--data-binary', `@${file}`, `${server.url}/validate?profile=oslo-ce-object-2021&format=json`], (e, out) => (e ? reject(e) : resolve({ status: Number(out), ms: performance.now() - t })));
    }));
    let done = false;
    void Promise.all(uploads).then(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      latencies.push(await entity());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const answered = await Promise.all(uploads);
    const statuses = answered.map((r) => r.status);
    rmSync(dir, { recursive: true });
    // One client: one validation at a time and two waiting (hub.admission.validate), the others 429.
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(latencies.length).toBeGreaterThan(5);
    // p95 within the quiet bound measured just before, on the same machine at the same load: the
    // curl processes and the validation workers share the two cores with this process.
    expect(percentile(latencies, 95)).toBeLessThan(allowed);
    // No GET waited for a validation (the probe's 2.18 s stall): the slowest is still shorter than
    // the quickest validation that answered, however loaded the machine (no fixed milliseconds).
    const quickestValidation = Math.min(...answered.filter((r) => r.status === 200).map((r) => r.ms));
    expect(Math.max(...latencies)).toBeLessThan(quickestValidation);
  }, 120000);
});
