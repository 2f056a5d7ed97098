/**
 * How runSource hands its work to the store: a source's first harvest marks the graphs the store
 * cannot hold yet as fresh (ChangeSet.fresh), so a store may skip clearing them; and a page's
 * checkpoint is saved behind its commit, once that is durable, while the next page is harvested.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfig } from '../../../src/config/load.js';
import type { Connector, ConnectorMessage } from '../../../src/connectors/contract.js';
import { recordGraphIri, provenanceGraphIri } from '../../../src/core/identifiers.js';
import { projectPath } from '../../../src/core/paths.js';
import { literal, namedNode, parseRdf, quad } from '../../../src/core/rdf.js';
import type { RawRecord } from '../../../src/connectors/contract.js';
import { runSource, type SourceRuntime } from '../../../src/pipeline/run-source.js';
import { StateStore } from '../../../src/pipeline/state-store.js';
import type { ChangeSet } from '../../../src/store/store.js';
import { ShaclValidator } from '../../../src/validation/shacl-validator.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BASE = 'http://hub.test/';
const EX = 'http://example.org/';
const SHAPES = `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <${EX}> .
ex:S a sh:NodeShape ; sh:targetClass ex:Object ; sh:property [ sh:path ex:title ; sh:minCount 1 ] .`;

const record = (id: string, title: string): ConnectorMessage => ({
  type: 'record',
  record: { sourceId: 'src', recordId: id, mediaType: 'application/json', body: JSON.stringify({ id, title }) },
});
const checkpoint = (page: number): ConnectorMessage => ({ type: 'checkpoint', state: { page } });

/** Yields the messages of each page; `beforePage(n)` runs as page n starts. */
function connectorOf(pages: ConnectorMessage[][], beforePage?: (page: number) => Promise<void> | void): Connector {
  return {
    type: 'fake',
    check: async () => ({ ok: true, message: 'ok' }),
    async *read(): AsyncIterable<ConnectorMessage> {
      for (const [i, page] of pages.entries()) {
        await beforePage?.(i + 1);
        yield* page;
      }
    },
  };
}

const mapper = {
  id: 'test-mapping',
  version: '1',
  async map(r: RawRecord) {
    const { id, title } = JSON.parse(r.body) as { id: string; title: string };
    const s = namedNode(`${EX}object/${id}`);
    return { quads: [quad(s, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${EX}Object`)), quad(s, namedNode(`${EX}title`), literal(title))] };
  },
};

/**
 * A store that takes the hint as a remote store does: it does not clear fresh graphs before
 * writing them, so a graph wrongly called fresh would keep its old triples. It records every
 * change set and can hold or fail a commit.
 */
class HintTakingStore extends MemoryStore {
  readonly commits: ChangeSet[] = [];
  hold?: Promise<void>;
  failCommit?: number;

  override async commit(changes: ChangeSet): Promise<void> {
    const n = this.commits.push(changes);
    await this.hold;
    if (n === this.failCommit) throw new Error(`commit ${n} failed`);
    const fresh = new Set(changes.fresh ?? []);
    const kept = (changes.put ?? []).filter((p) => fresh.has(p.graph));
    await super.commit({ put: (changes.put ?? []).filter((p) => !fresh.has(p.graph)), drop: changes.drop });
    // Fresh graphs are added to, not replaced.
    for (const p of kept) await super.commit({ put: [{ graph: p.graph, quads: [...(await this.graph(p.graph)), ...p.quads] }] });
  }
}

async function setUp() {
  const dir = await tempDir('hub-run-commits-');
  const config = parseConfig(
    `hub: { baseIri: '${BASE}', dataDir: ${JSON.stringify(join(dir.path, 'data'))} }
sources:
  - id: src
    connector: { type: ldes, url: 'http://127.0.0.1:9/never-used' }
    mapping: ${JSON.stringify(projectPath('mappings/ghent-ldes.yml'))}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${JSON.stringify(projectPath('shapes/oslo-ce-object-2021.ttl'))}]
`,
    join(dir.path, 'hub.yaml'),
  );
  const states = new StateStore(config.hub.dataDir);
  const runtime = (connector: Connector): SourceRuntime => ({
    source: config.sources[0]!,
    connector,
    connectorConfig: {},
    mapper,
    validator: new ShaclValidator(parseRdf(SHAPES), { id: 'test-shapes', version: '1' }),
  });
  return { dir, hub: config.hub, states, runtime };
}

let env: Awaited<ReturnType<typeof setUp>>;
let hub: typeof env.hub;
let states: StateStore;
let runtime: typeof env.runtime;
let store: HintTakingStore;
beforeEach(async () => {
  env = await setUp();
  ({ hub, states, runtime } = env);
  store = new HintTakingStore();
});
afterEach(() => env.dir.cleanup());

const graphOf = (id: string) => recordGraphIri(BASE, 'src', id);
const provenanceOf = (id: string) => provenanceGraphIri(BASE, 'src', id);
const freshIn = (commits: ChangeSet[]) => commits.flatMap((c) => c.fresh ?? []).sort();

describe('runSource on a source first harvested', () => {
  it('calls each record graph fresh the first time it is put, and nothing fresh that the store may hold', async () => {
    const first = connectorOf([
      [record('a', 'A one'), record('b', 'B'), record('d', 'D'), checkpoint(1)],
      // a again, updated while harvested; d deleted, then c deleted before it was ever put, then put.
      [record('a', 'A two'), { type: 'delete', sourceId: 'src', recordId: 'd' }, { type: 'delete', sourceId: 'src', recordId: 'c' }, record('c', 'C'), checkpoint(2)],
    ]);
    const run = await runSource(hub, runtime(first), store, states, { batchSize: 1 });
    expect(run).toMatchObject({ status: 'completed', published: 5, deleted: 2 });
    // A record's graphs: its data, provenance and matching graph (docs/data-model.md); never the publication node records share.
    expect(freshIn(store.commits)).toEqual(['a', 'b', 'd'].flatMap((id) => [graphOf(id), provenanceOf(id), `${graphOf(id)}/matching`]).sort());
    // What the store holds is what was published last, with nothing left over from before.
    const titles = async (id: string) => (await store.graph(graphOf(id))).filter((q) => q.predicate.value === `${EX}title`).map((q) => q.object.value);
    expect(await titles('a')).toEqual(['A two']);
    expect(await titles('c')).toEqual(['C']);
    expect(await store.graph(graphOf('d'))).toEqual([]);
    // One publication (and so one time) per record (docs/data-model.md, Provenance).
    const published = await store.select(
      `SELECT ?g (COUNT(?t) AS ?n) WHERE { GRAPH ?provenance { ?g <http://www.w3.org/ns/prov#wasGeneratedBy> ?by } GRAPH ?by { ?by <http://www.w3.org/ns/prov#endedAtTime> ?t } } GROUP BY ?g`,
    );
    expect(published.map((b) => Number(b.n!.value))).toEqual([1, 1, 1]);
    expect((await states.read('src')).stored).toBe(true);

    // The next run is not a first harvest.
    store.commits.length = 0;
    await runSource(hub, runtime(connectorOf([[record('b', 'B two'), checkpoint(3)]])), store, states);
    expect(store.commits.length).toBeGreaterThan(0);
    expect(freshIn(store.commits)).toEqual([]);
  });

  it('is not a first harvest when the store already holds the source (its state lost), or cannot say', async () => {
    await runSource(hub, runtime(connectorOf([[record('a', 'A'), checkpoint(1)]])), store, states);
    await rm(join(hub.dataDir, 'state'), { recursive: true });
    store.commits.length = 0;
    await runSource(hub, runtime(connectorOf([[record('a', 'A again'), checkpoint(1)]])), store, states);
    expect(freshIn(store.commits)).toEqual([]);
    expect((await store.graph(graphOf('a'))).map((q) => q.object.value)).toContain('A again');
    expect((await store.graph(graphOf('a'))).map((q) => q.object.value)).not.toContain('A');

    const blind = new HintTakingStore();
    blind.ask = () => Promise.reject(new Error('store down'));
    await rm(join(hub.dataDir, 'state'), { recursive: true });
    await runSource(hub, runtime(connectorOf([[record('e', 'E'), checkpoint(1)]])), blind, states);
    expect(freshIn(blind.commits)).toEqual([]);
  });

  it('is not a first harvest again after a first run killed part-way', async () => {
    // The first commit never answers, as if the process died with it on its way: nothing saved but the mark.
    store.hold = new Promise<void>(() => undefined);
    const pages = [[record('a', 'A'), checkpoint(1)]];
    void runSource(hub, runtime(connectorOf(pages)), store, states);
    await new Promise<void>((resolve) => {
      const poll = () => (store.commits.length > 0 ? resolve() : setTimeout(poll, 5));
      poll();
    });
    expect(await states.read('src')).toEqual({ runs: [], stored: true });
    store.hold = undefined;
    store.commits.length = 0;
    await runSource(hub, runtime(connectorOf(pages)), store, states);
    expect(store.commits.length).toBeGreaterThan(0);
    expect(freshIn(store.commits)).toEqual([]);
  });
});

describe('runSource checkpoints', () => {
  const saved = async (dataDir: string) => ((JSON.parse(await readFile(join(dataDir, 'state', 'src.json'), 'utf8')) as { connector?: { page: number } }).connector ?? {}).page;

  it('harvests the next page while a commit is on its way, and saves its checkpoint only once it is durable', async () => {
    let release!: () => void;
    const observed: { page: number; commits: number; saved?: number }[] = [];
    await runSource(hub, runtime(connectorOf([[record('x', 'X'), checkpoint(1)]])), store, states);
    store.commits.length = 0;
    const connector = connectorOf(
      [
        [record('a', 'A'), checkpoint(2)],
        [record('b', 'B'), checkpoint(3)],
        [record('c', 'C'), checkpoint(4)],
      ],
      async (page) => {
        if (page === 2) {
          // Page 1's commit is held: page 2 is read all the same, and page 1's checkpoint waits.
          observed.push({ page, commits: store.commits.length, saved: await saved(hub.dataDir) });
          release();
        }
      },
    );
    store.hold = new Promise<void>((resolve) => (release = resolve));
    const run = await runSource(hub, runtime(connector), store, states);
    expect(run.status).toBe('completed');
    expect(observed).toEqual([{ page: 2, commits: 1, saved: 1 }]);
    expect(await saved(hub.dataDir)).toBe(4);
  });

  it('stops at the next page when a checkpoint cannot be saved, naming why', async () => {
    let failed!: () => void;
    const saveFailed = new Promise<void>((resolve) => (failed = resolve));
    class FailingStates extends StateStore {
      override async saveCheckpoint(sourceId: string, connectorState: unknown): Promise<void> {
        if ((connectorState as { page: number }).page !== 2) return super.saveCheckpoint(sourceId, connectorState);
        failed();
        throw new Error('disk full');
      }
    }
    const pagesRead: number[] = [];
    const pages = [1, 2, 3, 4, 5].map((n) => [record(`r${n}`, `R${n}`), checkpoint(n)]);
    // Page 3 comes once the save of page 2's checkpoint has failed (a source slower than the disk).
    const connector = connectorOf(pages, async (n) => {
      pagesRead.push(n);
      if (n === 3) await saveFailed.then(() => new Promise((resolve) => setImmediate(resolve)));
    });
    const run = await runSource(hub, runtime(connector), store, new FailingStates(hub.dataDir));
    expect(run).toMatchObject({ status: 'failed', failure: expect.stringMatching(/disk full/) });
    expect(pagesRead).toEqual([1, 2, 3]);
    expect(await saved(hub.dataDir)).toBe(1);
  });

  it('keeps the last checkpoint whose commit was durable when a later commit fails', async () => {
    store.failCommit = 2;
    const connector = connectorOf([
      [record('a', 'A'), checkpoint(1)],
      [record('b', 'B'), checkpoint(2)],
      [record('c', 'C'), checkpoint(3)],
    ]);
    const run = await runSource(hub, runtime(connector), store, states);
    expect(run).toMatchObject({ status: 'failed', failure: expect.stringMatching(/commit 2 failed/) });
    expect(await saved(hub.dataDir)).toBe(1);
  });
});
