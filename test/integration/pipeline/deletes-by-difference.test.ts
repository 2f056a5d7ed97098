/**
 * Deletes by difference in the embedded run: once a connector has listed the source's complete
 * current set, runSource deletes the source's published records the run did not mention, before
 * the checkpoint that follows; records that could not be read, mapped or validated this time were
 * mentioned, so their last good version stays. An incomplete listing deletes nothing and says why.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfig } from '../../../src/config/load.js';
import type { Connector, ConnectorMessage, RawRecord } from '../../../src/connectors/contract.js';
import { entityIri, provenanceGraphIri, recordGraphIri } from '../../../src/core/identifiers.js';
import { projectPath } from '../../../src/core/paths.js';
import { literal, namedNode, parseRdf, quad } from '../../../src/core/rdf.js';
import { HUB, PROV } from '../../../src/core/vocab.js';
import { publishedRecordIds } from '../../../src/pipeline/deletes-by-difference.js';
import { runReportQuads } from '../../../src/reports/run-report.js';
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

const record = (id: string, title?: string): ConnectorMessage => ({
  type: 'record',
  record: { sourceId: 'src', recordId: id, mediaType: 'application/json', body: JSON.stringify({ id, title }) },
});
const checkpoint = (page: number): ConnectorMessage => ({ type: 'checkpoint', state: { page } });
const complete: ConnectorMessage = { type: 'listing', complete: true };

function connectorOf(messages: ConnectorMessage[]): Connector {
  return {
    type: 'fake',
    check: async () => ({ ok: true, message: 'ok' }),
    async *read(): AsyncIterable<ConnectorMessage> {
      yield* messages;
    },
  };
}

/** Maps {id, title}; a title "FAIL" breaks the mapping, no title breaks the shape. */
const mapper = {
  id: 'test-mapping',
  version: '1',
  async map(r: RawRecord) {
    const { id, title } = JSON.parse(r.body) as { id: string; title?: string };
    if (title === 'FAIL') throw new Error(`cannot map ${id}`);
    const s = namedNode(`${EX}object/${encodeURIComponent(id)}`);
    const quads = [quad(s, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${EX}Object`))];
    if (title) quads.push(quad(s, namedNode(`${EX}title`), literal(title)));
    return { quads };
  },
};

/** Records every change set; can fail the commit that drops a given graph. */
class RecordingStore extends MemoryStore {
  readonly commits: ChangeSet[] = [];
  failDropOf?: string;

  override async commit(changes: ChangeSet): Promise<void> {
    this.commits.push(changes);
    if (this.failDropOf && changes.drop?.includes(this.failDropOf)) throw new Error('commit failed');
    await super.commit(changes);
  }
}

let dir: { path: string; cleanup: () => Promise<void> };
let store: RecordingStore;
let states: StateStore;
let hub: { baseIri: string; dataDir: string };
let runtimeOf: (connector: Connector, sourceIndex?: number) => SourceRuntime;

beforeEach(async () => {
  dir = await tempDir('hub-deletes-by-difference-');
  const config = parseConfig(
    `hub: { baseIri: '${BASE}', dataDir: ${JSON.stringify(join(dir.path, 'data'))} }
sources:
  - id: src
    connector: { type: ldes, url: 'http://127.0.0.1:9/never-used' }
    mapping: ${JSON.stringify(projectPath('mappings/ghent-ldes.yml'))}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${JSON.stringify(projectPath('shapes/oslo-ce-object-2021.ttl'))}]
    onViolation: reject
  - id: other
    connector: { type: ldes, url: 'http://127.0.0.1:9/never-used' }
    mapping: ${JSON.stringify(projectPath('mappings/ghent-ldes.yml'))}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${JSON.stringify(projectPath('shapes/oslo-ce-object-2021.ttl'))}]
`,
    join(dir.path, 'hub.yaml'),
  );
  hub = config.hub;
  states = new StateStore(config.hub.dataDir);
  store = new RecordingStore();
  runtimeOf = (connector, sourceIndex = 0) => ({
    source: config.sources[sourceIndex]!,
    connector,
    connectorConfig: {},
    mapper,
    validator: new ShaclValidator(parseRdf(SHAPES), { id: 'test-shapes', version: '1' }),
  });
});
afterEach(() => dir.cleanup());

const run = (messages: ConnectorMessage[], sourceIndex = 0) => runSource(hub, runtimeOf(connectorOf(messages), sourceIndex), store, states, { batchSize: 2 });
const published = async (sourceId = 'src') => {
  const ids: string[] = [];
  for await (const page of publishedRecordIds(store, BASE, sourceId)) ids.push(...page);
  return ids;
};
const titleOf = async (id: string) => (await store.graph(recordGraphIri(BASE, 'src', id))).find((q) => q.predicate.value === `${EX}title`)?.object.value;

describe('runSource after a complete listing', () => {
  it('deletes the published records the run did not mention, and keeps those it could not read, map or validate', async () => {
    await run(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => record(id, id.toUpperCase())).concat(checkpoint(1), complete));
    await run([record('x', 'X'), complete], 1);
    expect(await published()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);

    const summary = await run([
      record('a', 'A2'),
      // b unchanged (present), c unreadable at the source (error), d fails to map, e fails its shape; f and g are gone.
      { type: 'present', sourceId: 'src', recordIds: ['b'] },
      { type: 'error', sourceId: 'src', recordId: 'c', message: 'unreadable' },
      record('d', 'FAIL'),
      record('e'),
      checkpoint(2),
      complete,
      checkpoint(3),
    ]);
    expect(summary).toMatchObject({ status: 'completed', deleted: 2, rejected: 1, errors: 2, listing: { complete: true, deleted: 2 } });
    expect(await published()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await titleOf('a')).toBe('A2');
    // The last good versions stay published.
    expect(await titleOf('d')).toBe('D');
    expect(await titleOf('e')).toBe('E');
    // Gone records get a tombstone, like any delete.
    const tombstone = await store.graph(provenanceGraphIri(BASE, 'src', 'f'));
    expect(tombstone.some((q) => q.predicate.value === PROV('wasInvalidatedBy'))).toBe(true);
    // It keeps the hub IRIs the deleted version described, so they answer 410 rather than 404.
    expect(tombstone.filter((q) => q.predicate.value === HUB('describes')).map((q) => q.object.value)).toContain(entityIri(BASE, 'record', 'src', 'f'));
    expect(await store.graph(recordGraphIri(BASE, 'src', 'g'))).toEqual([]);
    // Another source's records are not this listing's business.
    expect(await published('other')).toEqual(['x']);
    // The run report says what the listing did.
    const report = runReportQuads(BASE, summary);
    expect(report.find((q) => q.predicate.value === HUB('deletedByDifference'))?.object.value).toBe('2');
  });

  it('commits those deletes before the checkpoint that follows the listing is saved', async () => {
    await run([record('a', 'A'), record('b', 'B'), checkpoint(1), complete]);
    store.failDropOf = recordGraphIri(BASE, 'src', 'b');
    const summary = await run([record('a', 'A'), checkpoint(2), complete, checkpoint(3)]);
    expect(summary.status).toBe('failed');
    const saved = JSON.parse(await readFile(join(hub.dataDir, 'state', 'src.json'), 'utf8')) as { connector: { page: number } };
    expect(saved.connector.page).toBe(2);
    store.failDropOf = undefined;
    await run([record('a', 'A'), checkpoint(2), complete, checkpoint(3)]);
    expect(await published()).toEqual(['a']);
  });

  it('deletes nothing by difference after an incomplete listing, and says why', async () => {
    await run([record('a', 'A'), record('b', 'B'), complete]);
    const summary = await run([record('a', 'A'), { type: 'listing', complete: false, reason: 'b.csv could not be read' }]);
    expect(summary).toMatchObject({ status: 'completed', deleted: 0, listing: { complete: false, reason: 'b.csv could not be read' } });
    expect(await published()).toEqual(['a', 'b']);
    const report = runReportQuads(BASE, summary);
    expect(report.find((q) => q.predicate.value === HUB('listing'))?.object.value).toBe('incomplete');
    expect(report.find((q) => q.predicate.value === HUB('listingNote'))?.object.value).toBe('b.csv could not be read');
  });

  it('deletes nothing by difference in a run that lists no complete set', async () => {
    await run([record('a', 'A'), record('b', 'B'), complete]);
    const summary = await run([record('a', 'A2')]);
    expect(summary.listing).toBeUndefined();
    expect(await published()).toEqual(['a', 'b']);
  });
});

describe('publishedRecordIds', () => {
  it('pages through ids of any shape in code point order', async () => {
    const ids = ['plain', 'with space', 'quote"and\\backslash', 'slash/and?query', 'ünïcode', 'zz', '0', 'émile', 'a:b', '😀'];
    await run([...ids.map((id) => record(id, 'T')), complete]);
    const pages: string[][] = [];
    for await (const page of publishedRecordIds(store, BASE, 'src', 3)) pages.push(page);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 1]);
    expect(pages.flat()).toEqual([...ids].sort());
  });
});
