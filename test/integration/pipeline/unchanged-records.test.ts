/**
 * Unchanged records are not published again (pipeline/steps/unchanged.ts): a --full re-harvest
 * of a source whose records did not change writes none of their graphs, so the LDES stream gets
 * no new member and no provenance a new prov:generatedAtTime; a changed record gets exactly one.
 * Runs on an in-process store and, when it answers, on Virtuoso (the SPARQL store's query path).
 */
import { join } from 'node:path';
import { parseConfig } from '../../../src/config/load.js';
import type { Connector, ConnectorMessage, RawRecord } from '../../../src/connectors/contract.js';
import { provenanceGraphIri, recordGraphIri } from '../../../src/core/identifiers.js';
import { projectPath } from '../../../src/core/paths.js';
import { literal, namedNode, parseRdf, quad } from '../../../src/core/rdf.js';
import { PROV } from '../../../src/core/vocab.js';
import { publishedRecordIds } from '../../../src/pipeline/deletes-by-difference.js';
import { runSource, type SourceRuntime } from '../../../src/pipeline/run-source.js';
import { StateStore } from '../../../src/pipeline/state-store.js';
import { VersionLog } from '../../../src/publication/ldes/version-log.js';
import { SparqlStore } from '../../../src/store/sparql-store.js';
import type { ChangeSet, Store } from '../../../src/store/store.js';
import { ShaclValidator } from '../../../src/validation/shacl-validator.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { VIRTUOSO_URL, virtuosoEnabled, virtuosoStore } from '../../helpers/test-stores.js';

const EX = 'http://example.org/';
const SHAPES = `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <${EX}> .
ex:S a sh:NodeShape ; sh:targetClass ex:Object ; sh:property [ sh:path ex:title ; sh:minCount 1 ] .`;

const record = (id: string, title: string, modified = '2026-11-01T10:00:00Z'): ConnectorMessage => ({
  type: 'record',
  record: { sourceId: 'src', recordId: id, mediaType: 'application/json', body: JSON.stringify({ id, title }), modified },
});
const complete: ConnectorMessage = { type: 'listing', complete: true };
const connectorOf = (messages: ConnectorMessage[]): Connector => ({
  type: 'fake',
  check: async () => ({ ok: true, message: 'ok' }),
  async *read(): AsyncIterable<ConnectorMessage> {
    yield* messages;
  },
});

/** Maps {id, title} to an object with a nested production node (a hash IRI: no blank nodes, so the same record maps to the same graph). */
const mapperOf = (version: string) => ({
  id: 'test-mapping',
  version,
  async map(r: RawRecord) {
    const { id, title } = JSON.parse(r.body) as { id: string; title: string };
    const s = namedNode(`${EX}object/${id}`);
    const production = namedNode(`${EX}object/${id}#productie`);
    return {
      quads: [
        quad(s, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${EX}Object`)),
        quad(s, namedNode(`${EX}title`), literal(title)),
        quad(s, namedNode(`${EX}producedBy`), production),
        quad(production, namedNode(`${EX}place`), literal(`Atelier ${id}`)),
      ],
    };
  },
});

/** Counts the graphs every commit puts. */
const recording = <S extends Store>(store: S): S & { puts: string[] } => {
  const puts: string[] = [];
  const commit = store.commit.bind(store);
  return Object.assign(store, {
    puts,
    commit: async (changes: ChangeSet) => {
      puts.push(...(changes.put ?? []).map((w) => w.graph));
      await commit(changes);
    },
  });
};

const stores: [string, () => Store, () => string][] = [['in-process', () => new MemoryStore(), () => 'http://hub.test/']];
if (virtuosoEnabled) stores.push(['Virtuoso', () => new SparqlStore({ queryUrl: VIRTUOSO_URL }), () => virtuosoStore.baseIri()]);

describe.each(stores)('On the %s store, a re-harvest', (_name, makeStore, makeBase) => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let store: Store & { puts: string[] };
  let base: string;
  let hub: { baseIri: string; dataDir: string };
  let runtimeOf: (messages: ConnectorMessage[], mappingVersion?: string) => SourceRuntime;

  beforeEach(async () => {
    dir = await tempDir('hub-unchanged-');
    base = makeBase();
    const config = parseConfig(
      `hub: { baseIri: '${base}', dataDir: ${JSON.stringify(join(dir.path, 'data'))} }
sources:
  - id: src
    entityType: mensgemaaktobject
    connector: { type: ldes, url: 'http://127.0.0.1:9/never-used' }
    mapping: ${JSON.stringify(projectPath('mappings/ghent-ldes.yml'))}
    shapes: [${JSON.stringify(projectPath('shapes/oslo-ce-object-2021.ttl'))}]
`,
      join(dir.path, 'hub.yaml'),
    );
    hub = config.hub;
    store = recording(makeStore());
    await store.open();
    runtimeOf = (messages, mappingVersion = '1') => ({
      source: config.sources[0]!,
      connector: connectorOf(messages),
      connectorConfig: {},
      mapper: mapperOf(mappingVersion),
      validator: new ShaclValidator(parseRdf(SHAPES), { id: 'test-shapes', version: '1' }),
    });
  });
  afterEach(async () => {
    if (base !== 'http://hub.test/') await virtuosoStore.cleanup(base);
    await store.close();
    await dir.cleanup();
  });

  const ids = ['a', 'b', 'c', 'd', 'e'];
  const states = () => new StateStore(hub.dataDir);
  const run = (messages: ConnectorMessage[], mappingVersion?: string) => runSource(hub, runtimeOf(messages, mappingVersion), store, states(), { full: true, batchSize: 2 });
  const members = async () => {
    const log = new VersionLog(store, base, hub.dataDir, 0);
    await log.sync(true);
    return (await log.of('heritage-objects')).length;
  };
  const times = async () => {
    // A record's publication time is its publication node's (docs/data-model.md, Provenance): one row per record.
    const rows = await store.select(
      `SELECT ?g ?t WHERE { GRAPH ?p { ?g <${PROV('wasGeneratedBy')}> ?by } GRAPH ?by { ?by <${PROV('endedAtTime')}> ?t } FILTER(STRSTARTS(STR(?g), ${JSON.stringify(base)})) }`,
    );
    return rows.map((r) => r.t!.value).sort();
  };

  it('of an unchanged source writes no record graph: no new LDES member, no new prov:generatedAtTime', async () => {
    const first = await run([...ids.map((id) => record(id, id.toUpperCase())), complete]);
    expect(first).toMatchObject({ status: 'completed', seen: 5, published: 5, unchanged: 0 });
    expect(await members()).toBe(5);
    const before = await times();
    store.puts.length = 0;

    const again = await run([...ids.map((id) => record(id, id.toUpperCase())), complete]);
    expect(again).toMatchObject({ status: 'completed', seen: 5, published: 5, unchanged: 5, deleted: 0, listing: { complete: true, deleted: 0 } });
    // Only the run's report graph is written.
    expect(store.puts.filter((g) => g.startsWith(`${base}graph/src/`))).toEqual([]);
    expect(await times()).toEqual(before);
    expect(await members()).toBe(5);
    // Unchanged records were mentioned: deletes by difference keeps them all.
    const published: string[] = [];
    for await (const page of publishedRecordIds(store, base, 'src')) published.push(...page);
    expect(published).toEqual(ids);
  });

  it('of a source with one changed record adds exactly one version', async () => {
    await run([...ids.map((id) => record(id, id.toUpperCase())), complete]);
    // The version log keeps what the store held when it synced (as the LDES server does between runs).
    expect(await members()).toBe(5);
    const before = await times();
    store.puts.length = 0;
    const again = await run([...ids.map((id) => record(id, id === 'c' ? 'Gewijzigd' : id.toUpperCase())), complete]);
    expect(again).toMatchObject({ status: 'completed', seen: 5, published: 5, unchanged: 4 });
    expect(store.puts.filter((g) => g.startsWith(`${base}graph/src/`)).sort()).toEqual([recordGraphIri(base, 'src', 'c'), provenanceGraphIri(base, 'src', 'c'), `${recordGraphIri(base, 'src', 'c')}/matching`].sort());
    const after = await times();
    expect(after).toHaveLength(5);
    expect(after.filter((t) => !before.includes(t))).toHaveLength(1);
    expect(await members()).toBe(6);
  });

  it('publishes every record again when the mapping changed, even if the triples did not', async () => {
    await run([...ids.map((id) => record(id, id.toUpperCase())), complete]);
    expect(await members()).toBe(5);
    const again = await run([...ids.map((id) => record(id, id.toUpperCase())), complete], '2');
    expect(again).toMatchObject({ published: 5, unchanged: 0 });
    expect(await members()).toBe(10);
  });

  it('writes a record changed in one batch and changed back in the next both times (each compared with the store after the batch before it)', async () => {
    await run([...ids.map((id) => record(id, id.toUpperCase())), complete]);
    // batchSize 2: a, a' in the first commit, then b, then a back to A in a later one.
    const again = await run([record('a', 'Anders'), record('b', 'B'), record('c', 'C'), record('d', 'D'), record('a', 'A'), record('e', 'E'), complete]);
    expect(again).toMatchObject({ status: 'completed', seen: 6 });
    const title = (await store.graph(recordGraphIri(base, 'src', 'a'))).find((q) => q.predicate.value === `${EX}title`)?.object.value;
    expect(title).toBe('A');
  });

  it('does not let an older version read again (a replayed history) replace the newer one, nor add a version', async () => {
    // The stream holds two versions of c: a first run reads both and publishes the newer.
    const history = [...ids.map((id) => record(id, id.toUpperCase())), record('c', 'Nieuw', '2026-11-02T10:00:00Z'), complete];
    await run(history);
    expect(await members()).toBe(5);
    const before = await times();
    store.puts.length = 0;
    const again = await run(history);
    expect(again).toMatchObject({ status: 'completed', seen: 6, published: 6, unchanged: 6 });
    expect(store.puts.filter((g) => g.startsWith(`${base}graph/src/`))).toEqual([]);
    expect(await times()).toEqual(before);
    expect(await members()).toBe(5);
    const title = (await store.graph(recordGraphIri(base, 'src', 'c'))).find((q) => q.predicate.value === `${EX}title`)?.object.value;
    expect(title).toBe('Nieuw');
  });
});
