/**
 * Fault: the remote store goes away for a while. Workers publish straight to a SPARQL store
 * (Virtuoso on 127.0.0.1:8890, reached through a TCP proxy the test can cut); while it is cut,
 * publish jobs fail and retry with backoff and `hub serve` reports degraded health; once it is
 * back the run completes with every record published once. Skips without Virtuoso.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { startLdesFixture, type LdesFixture } from '../../fixtures/ldes/server.js';
import { HubQueueSet } from '../../src/queue/hub-queues.js';
import { enqueueHarvest } from '../../src/queue/producers.js';
import { SparqlStore } from '../../src/store/sparql-store.js';
import { tempDir } from '../helpers/temp-dir.js';
import { configYaml, reachable, testConfig, uniquePrefix, waitFor } from '../integration/queue/helpers.js';
import { countRecordGraphs, startServe, startWorker, stop, writeConfig, type HubProcess } from './processes.js';
import { builtNeed, describeWith, redisNeed } from '../helpers/services.js';

const VIRTUOSO = 8890;
const describeFault = describeWith([await redisNeed(), { ok: await reachable(VIRTUOSO), what: `Virtuoso on 127.0.0.1:${VIRTUOSO} (scripts/ci/start-virtuoso.sh)` }, builtNeed()]);

const OBJECTS = 60;

/** A TCP proxy to Virtuoso that can be cut (connections refused) and restored on the same port. */
class Cuttable {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(VIRTUOSO, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describeFault('The remote store down during a run', () => {
  let ldes: LdesFixture;
  let dir: { path: string; cleanup: () => Promise<void> };
  let set: HubQueueSet | undefined;
  const proxy = new Cuttable();
  const procs: HubProcess[] = [];
  const base = `http://hub.test/${uniquePrefix()}/`;

  afterAll(async () => {
    for (const p of procs) await stop(p, 'SIGKILL');
    for (const q of Object.values(set?.queues ?? {})) await q.obliterate({ force: true }).catch(() => undefined);
    await set?.close();
    await proxy.down().catch(() => undefined);
    // Leave Virtuoso as we found it.
    const store = new SparqlStore({ queryUrl: `http://127.0.0.1:${VIRTUOSO}/sparql` });
    const graphs = await store.select(`SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${base}")) }`).catch(() => []);
    if (graphs.length) await store.commit({ drop: graphs.map((b) => b.g!.value) }).catch(() => undefined);
    await ldes?.close();
    await dir?.cleanup();
  });

  it('retries publishing until the store is back, reports degraded health meanwhile, loses nothing', async () => {
    await proxy.up();
    dir = await tempDir();
    ldes = await startLdesFixture({ objects: OBJECTS, pageSize: 10 });
    // The default shapes (OSLO CE Object 2021 as published) flag every record many times, so the
    // run report is a graph of tens of thousands of triples, too large for one SPARQL update.
    const yaml = configYaml({
      ldesUrl: ldes.url,
      dataDir: `${dir.path}/data`,
      redisUrl: 'redis://127.0.0.1:6379',
      prefix: uniquePrefix(),
      lockMs: 4000,
      backoffMs: 500,
      attempts: 10,
      baseIri: base,
      store: `  store: { type: sparql, queryUrl: "http://127.0.0.1:${proxy.port}/sparql" }\n`,
    });
    const file = await writeConfig(dir.path, yaml);
    const serve = await startServe(file);
    procs.push(serve);
    procs.push(await startWorker(file));
    set = new HubQueueSet(testConfig(yaml), 'worker');
    const { runId } = await enqueueHarvest(set, 'dmg', { trigger: 'cli' });
    await waitFor('a published batch', async () => (await set!.state.position('dmg')).seq >= 2, 40000, 100);
    await proxy.down();
    const degraded = await waitFor('degraded health', async () => {
      const res = await fetch(`${serve.url}health`);
      return res.status === 503 ? ((await res.json()) as { status: string }) : undefined;
    }, 15000);
    expect(degraded.status).toBe('degraded');
    const stalledAt = (await set.state.position('dmg')).seq;
    await new Promise((r) => setTimeout(r, 4000));
    // Nothing is acknowledged while the store is away.
    expect((await set.state.position('dmg')).seq).toBeLessThanOrEqual(stalledAt + 1);
    await proxy.up();
    const runs = await waitFor('the run to finish', async () => {
      const r = await set!.state.runs('dmg');
      return r[0]?.runId === runId ? r : undefined;
    }, 60000).catch(async (e) => {
      const { listJobs } = await import('../../src/queue/jobs-admin.js');
      console.log(JSON.stringify({ pos: await set!.state.position('dmg'), failed: await listJobs(set!, {}), delayed: await listJobs(set!, { state: 'delayed' }), active: await listJobs(set!, { state: 'active' }), waiting: await listJobs(set!, { state: 'waiting' }) }).slice(0, 3000));
      console.log(procs.map((p) => p.output().split('\n').filter((l) => l.includes('"level":50')).slice(-3).join('\n').slice(0, 1500)).join('\n----\n'));
      throw e;
    });
    expect(runs[0]!.status).toBe('completed');
    expect(runs[0]!.seen).toBe(OBJECTS);
    expect(await countRecordGraphs(serve.url, base)).toBe(OBJECTS);
    expect((await fetch(`${serve.url}health`)).status).toBe(200);
    // The run report is in the store, every result of it.
    const reportQuery = `SELECT (COUNT(?r) AS ?n) WHERE { GRAPH <${base}graph/reports/dmg/${runId}> { ?report <http://www.w3.org/ns/shacl#result> ?r } }`;
    const answer = await fetch(`${serve.url}sparql?query=${encodeURIComponent(reportQuery)}`, { headers: { accept: 'application/sparql-results+json' } });
    const results = Number(((await answer.json()) as { results: { bindings: { n: { value: string } }[] } }).results.bindings[0]!.n.value);
    expect(results).toBeGreaterThan(OBJECTS);
    // The failures were retried, not dropped: some publish job needed more than one attempt.
    const retried = (await set.queues.publish.getJobs(['completed'], 0, 500)).filter((j) => j.attemptsMade > 0);
    expect(retried.length).toBeGreaterThan(0);
  }, 110000);
});
