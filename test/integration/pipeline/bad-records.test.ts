/**
 * One bad record stays one record's problem: a mapper that throws (or overflows its stack) for
 * one record, a validator that fails on one, characters XML cannot carry in a literal. The
 * harvest completes, the others publish, and the report names the record and what happened.
 */
import { join } from 'node:path';
import { parseConfig } from '../../../src/config/load.js';
import type { Connector, ConnectorMessage, RawRecord } from '../../../src/connectors/contract.js';
import { recordGraphIri } from '../../../src/core/identifiers.js';
import { projectPath } from '../../../src/core/paths.js';
import { literal, namedNode, parseRdf, quad, type Quad } from '../../../src/core/rdf.js';
import type { RecordMapper } from '../../../src/mapping/mapper.js';
import { runReportQuads } from '../../../src/reports/run-report.js';
import { runSource, type SourceRuntime } from '../../../src/pipeline/run-source.js';
import { StateStore } from '../../../src/pipeline/state-store.js';
import type { RecordValidator } from '../../../src/validation/validator.js';
import { ShaclValidator } from '../../../src/validation/shacl-validator.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BASE = 'http://hub.test/';
const EX = 'http://example.org/';
const SHAPES = `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <${EX}> .
ex:S a sh:NodeShape ; sh:targetClass ex:Object ; sh:property [ sh:path ex:title ; sh:minCount 1 ] .`;

const record = (id: string, title = `Title ${id}`): ConnectorMessage => ({
  type: 'record',
  record: { sourceId: 'src', recordId: id, mediaType: 'application/json', body: JSON.stringify({ id, title }) },
});

function connectorOf(messages: ConnectorMessage[]): Connector {
  return {
    type: 'fake',
    check: async () => ({ ok: true, message: 'ok' }),
    async *read() {
      yield* messages;
      yield { type: 'checkpoint', state: { done: true } };
    },
  };
}

const triples = (r: RawRecord): Quad[] => {
  const { id, title } = JSON.parse(r.body) as { id: string; title: string };
  const s = namedNode(`${EX}object/${id}`);
  return [quad(s, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${EX}Object`)), quad(s, namedNode(`${EX}title`), literal(title, 'nl'))];
};

/** Maps records as `triples` does, except those it was told to break. */
function mapperBreaking(breaks: Record<string, () => never>): RecordMapper {
  return {
    id: 'test-mapping',
    version: '1',
    async map(r) {
      breaks[r.recordId]?.();
      return { quads: triples(r) };
    },
  };
}

const overflow = (): never => {
  const deeper = (n: number): number => deeper(n + 1) + 1;
  deeper(0);
  throw new Error('unreachable');
};

let dir: Awaited<ReturnType<typeof tempDir>>;
let states: StateStore;
let hub: { baseIri: string; dataDir: string };
let source: SourceRuntime['source'];
beforeEach(async () => {
  dir = await tempDir('hub-bad-records-');
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
  hub = config.hub;
  source = config.sources[0]!;
  states = new StateStore(config.hub.dataDir);
});
afterEach(() => dir.cleanup());

const shacl = () => new ShaclValidator(parseRdf(SHAPES), { id: 'test-shapes', version: '1' });
const runtime = (connector: Connector, mapper: RecordMapper, validator: RecordValidator = shacl()): SourceRuntime => ({ source, connector, connectorConfig: {}, mapper, validator });
const titlesOf = async (store: MemoryStore, id: string) =>
  (await store.graph(recordGraphIri(BASE, 'src', id))).filter((q) => q.predicate.value === `${EX}title`).map((q) => q.object.value);

describe('A harvest with one bad record among good ones', () => {
  it('completes when the mapper throws for one record: that record is an error, the others publish', async () => {
    const store = new MemoryStore();
    const mapper = mapperBreaking({ b: () => { throw new Error('mapper broke on b'); } });
    const run = await runSource(hub, runtime(connectorOf([record('a'), record('b'), record('c')]), mapper), store, states);
    expect(run).toMatchObject({ status: 'completed', seen: 3, published: 2, errors: 1 });
    expect(run.problems).toEqual([expect.objectContaining({ recordId: 'b', stage: 'mapping', message: 'mapper broke on b', rejected: true })]);
    expect(await titlesOf(store, 'a')).toEqual(['Title a']);
    expect(await titlesOf(store, 'b')).toEqual([]);
    expect(await titlesOf(store, 'c')).toEqual(['Title c']);
  });

  it('completes when mapping one record overflows the call stack, and says why', async () => {
    const store = new MemoryStore();
    const run = await runSource(hub, runtime(connectorOf([record('a'), record('deep'), record('c')]), mapperBreaking({ deep: overflow })), store, states);
    expect(run).toMatchObject({ status: 'completed', published: 2, errors: 1 });
    expect(run.problems[0]).toMatchObject({ recordId: 'deep', stage: 'mapping' });
    expect(run.problems[0].message).toMatch(/call stack.*nested too deeply.*maxRecordDepth/);
  });

  it('completes when validation fails on one record', async () => {
    const store = new MemoryStore();
    const inner = shacl();
    const validator: RecordValidator = {
      id: inner.id,
      version: inner.version,
      validate: async (quads) => {
        if (quads.some((q) => q.object.value === 'Title b')) throw new Error('validator broke');
        return inner.validate(quads);
      },
    };
    const run = await runSource(hub, runtime(connectorOf([record('a'), record('b'), record('c')]), mapperBreaking({}), validator), store, states);
    expect(run).toMatchObject({ status: 'completed', published: 2, errors: 1 });
    expect(run.problems).toEqual([expect.objectContaining({ recordId: 'b', stage: 'validation', message: 'validator broke', rejected: true })]);
    // The run's report graph names it too.
    expect(runReportQuads(BASE, run).some((q) => q.object.value === 'validator broke')).toBe(true);
  });

  it('removes NUL, ESC and other characters XML cannot carry from literals, and reports them per record and predicate', async () => {
    const store = new MemoryStore();
    const dirty = 'Nu\u0000l \u001bEscape\u000b, \ud800lone \uffff and a pair 😀\ttab';
    const run = await runSource(hub, runtime(connectorOf([record('a'), record('dirty', dirty)]), mapperBreaking({})), store, states);
    expect(run).toMatchObject({ status: 'completed', published: 2, errors: 0, warnings: 1 });
    expect(await titlesOf(store, 'dirty')).toEqual(['Nul Escape, lone  and a pair 😀\ttab']);
    expect(run.problems).toEqual([
      expect.objectContaining({
        recordId: 'dirty',
        stage: 'mapping',
        rejected: false,
        message: `characters XML cannot carry (removed from literals, percent-encoded in IRIs): U+0000, U+001B, U+000B, U+D800, U+FFFF in <${EX}title>`,
      }),
    ]);
    // The language tag survives the cleaning.
    const [title] = (await store.graph(recordGraphIri(BASE, 'src', 'dirty'))).filter((q) => q.predicate.value === `${EX}title`);
    expect(title.object).toMatchObject({ language: 'nl' });
  });

  it('reports characters a connector removed from the payload before parsing it, as a warning on that record', async () => {
    const store = new MemoryStore();
    const fromOai: ConnectorMessage = { type: 'record', record: { ...(record('oai') as { record: RawRecord }).record, removedCharacters: 'U+001B ×2' } };
    const run = await runSource(hub, runtime(connectorOf([record('a'), fromOai]), mapperBreaking({})), store, states);
    expect(run).toMatchObject({ status: 'completed', published: 2, warnings: 1 });
    expect(run.problems).toEqual([expect.objectContaining({ recordId: 'oai', rejected: false, message: 'characters XML cannot carry (removed from literals, percent-encoded in IRIs): U+001B ×2 from the source payload' })]);
  });

  it('percent-encodes such characters in IRIs (a source id used as owl:sameAs), and mints graph IRIs for ids with lone surrogates', async () => {
    const store = new MemoryStore();
    const sameAs: RecordMapper = {
      id: 'test-mapping',
      version: '1',
      async map(r) {
        const [s] = triples(r);
        return { quads: [...triples(r), quad(s.subject, namedNode('http://www.w3.org/2002/07/owl#sameAs'), namedNode(`http://museum.example/id/${r.recordId}`))] };
      },
    };
    const broken = 'obj\u001b\ud800';
    const messages: ConnectorMessage[] = [record('a'), record(broken), { type: 'delete', sourceId: 'src', recordId: 'gone\udc00' }];
    const run = await runSource(hub, runtime(connectorOf(messages), sameAs), store, states);
    expect(run).toMatchObject({ status: 'completed', published: 2, deleted: 1, warnings: 1 });
    const iris = (await store.graph(recordGraphIri(BASE, 'src', broken))).filter((q) => q.predicate.value.endsWith('#sameAs')).map((q) => q.object.value);
    // The hub's own sameAs (entity IRI to the record's subject) carries the encoded subject too.
    expect(iris.sort()).toEqual(['http://example.org/object/obj%1B%EF%BF%BD', 'http://museum.example/id/obj%1B%EF%BF%BD']);
    expect(run.problems[0].message).toBe(
      `characters XML cannot carry (removed from literals, percent-encoded in IRIs): U+001B, U+D800 in the subject; U+001B, U+D800 in <${EX}title>; U+001B, U+D800 in <http://www.w3.org/2002/07/owl#sameAs>`,
    );
  });
});
