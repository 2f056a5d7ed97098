import { COUNT_RECORD_GRAPHS, startLdesHub, type LdesHub } from '../../helpers/ldes-hub.js';
import { entityIri, provenanceGraphIri, recordGraphIri } from '../../../src/core/identifiers.js';

const BASE = 'http://hub.test/';
const count = async (h: LdesHub) => Number((await h.hub.store.select(COUNT_RECORD_GRAPHS))[0]!.n!.value);

describe('The pipeline on an LDES source', () => {
  let h: LdesHub;
  afterEach(async () => h?.close());

  it('harvests, maps, validates and publishes one graph per record with provenance', async () => {
    h = await startLdesHub();
    const run = await h.hub.harvest('ghent-dmg');
    expect(run).toMatchObject({ status: 'completed', seen: 12, published: 12, rejected: 0, errors: 0, pages: 3 });
    expect(await count(h)).toBe(12);
    const graph = await h.hub.store.graph(recordGraphIri(BASE, 'ghent-dmg', '530000003'));
    const hubIri = entityIri(BASE, 'mensgemaaktobject', 'ghent-dmg', '530000003');
    // The version IRI is materialised to the object, and the hub IRI links to Ghent's own IRI.
    expect(graph.some((q) => q.subject.value === hubIri && q.object.value === 'https://stad.gent/id/mensgemaaktobject/dmg/530000003')).toBe(true);
    expect(graph.some((q) => q.subject.value.includes('2023-02-13T'))).toBe(false);
    // The data hangs on the hub IRI (docs/data-model.md, Entity model); Ghent's IRI is only the owl:sameAs object.
    const types = graph.filter((q) => q.subject.value === hubIri && q.predicate.value.endsWith('#type')).map((q) => q.object.value);
    expect(types).toEqual(expect.arrayContaining(['http://www.cidoc-crm.org/cidoc-crm/E22_Man-Made_Object', 'http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object']));
    expect(graph.filter((q) => q.subject.value.startsWith('https://stad.gent/id/'))).toEqual([]);
    expect(graph.filter((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')).toEqual([]);
    const prov = await h.hub.store.graph(provenanceGraphIri(BASE, 'ghent-dmg', '530000003'));
    const props = new Set(prov.map((q) => q.predicate.value));
    for (const p of ['http://www.w3.org/ns/prov#wasGeneratedBy', 'http://www.w3.org/ns/prov#generatedAtTime', 'https://w3id.org/culture-lod-hub/ns#mappingVersion', 'https://w3id.org/culture-lod-hub/ns#shapesVersion'])
      expect(props).toContain(p);
    // The provenance lists the hub IRIs the graph describes: exactly its subjects under {base}id/ that are not hash IRIs.
    const described = prov.filter((q) => q.predicate.value === 'https://w3id.org/culture-lod-hub/ns#describes').map((q) => q.object.value).sort();
    expect(described).toContain(hubIri);
    expect(described).toEqual([...new Set(graph.map((q) => q.subject.value).filter((s) => s.startsWith(`${BASE}id/`) && !s.includes('#')))].sort());
  });

  it('fetches only changes on the next run, and drops the graph of a deleted member', async () => {
    h = await startLdesHub();
    await h.hub.harvest('ghent-dmg');
    const before = h.fixture.requests.length;
    h.fixture.addVersion('530000004', { title: 'Nieuwe titel' });
    h.fixture.deleteObject('530000007');
    const run = await h.hub.harvest('ghent-dmg');
    expect(run).toMatchObject({ status: 'completed', seen: 1, published: 1, deleted: 1 });
    // Only the open page is read again: the two closed (immutable) pages are not.
    expect(h.fixture.requests.slice(before).length).toBe(1);
    expect(await h.hub.store.graph(recordGraphIri(BASE, 'ghent-dmg', '530000007'))).toEqual([]);
    const tombstone = await h.hub.store.graph(provenanceGraphIri(BASE, 'ghent-dmg', '530000007'));
    expect(tombstone.some((q) => q.object.value === 'https://w3id.org/culture-lod-hub/ns#Tombstone')).toBe(true);
    // The tombstone says when and from which source, for the LDES and OAI-PMH publication feeds.
    const about = Object.fromEntries(tombstone.map((q) => [q.predicate.value, q.object.value]));
    expect(about['https://w3id.org/culture-lod-hub/ns#source']).toBe(`${BASE}source/ghent-dmg`);
    expect(about['http://www.w3.org/ns/prov#invalidatedAtTime']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(about['http://www.w3.org/ns/prov#wasInvalidatedBy']).toBe(`${BASE}run/ghent-dmg/${run.runId}`);
    // It keeps what the deleted version described, so those IRIs are known to be gone.
    expect(tombstone.filter((q) => q.predicate.value === 'https://w3id.org/culture-lod-hub/ns#describes').map((q) => q.object.value)).toContain(
      entityIri(BASE, 'mensgemaaktobject', 'ghent-dmg', '530000007'),
    );
    const titles = await h.hub.store.select(
      `SELECT ?t WHERE { <${entityIri(BASE, 'mensgemaaktobject', 'ghent-dmg', '530000004')}> <http://www.cidoc-crm.org/cidoc-crm/P102_has_title> ?t }`,
      { defaultGraph: 'entities' },
    );
    expect(titles.map((b) => b.t!.value)).toEqual(['Nieuwe titel']);
    expect(await count(h)).toBe(11);
  });

  it('mints the same IRIs on every run: a full re-harvest replaces record graphs, never duplicates them', async () => {
    h = await startLdesHub();
    const RECORD_QUADS = `PREFIX hub: <https://w3id.org/culture-lod-hub/ns#>
      SELECT ?g ?s ?p ?o WHERE { ?g a hub:RecordGraph . GRAPH ?g { ?s ?p ?o } }`;
    // Nested nodes are hash IRIs named by their content: every term, those included, must be the same.
    const snapshot = async () => (await h.hub.store.select(RECORD_QUADS)).map((b) => [b.g, b.s, b.p, b.o].map((t) => `${t!.termType} ${t!.value}`).join(' ')).sort();
    const HASHES = `PREFIX hub: <https://w3id.org/culture-lod-hub/ns#> SELECT ?g ?h WHERE { ?g a hub:RecordGraph ; hub:contentHash ?h } ORDER BY ?g`;
    const hashes = async () => (await h.hub.store.select(HASHES)).map((b) => `${b.g!.value} ${b.h!.value}`);
    await h.hub.harvest('ghent-dmg');
    const first = await snapshot();
    const firstHashes = await hashes();
    expect(firstHashes).toHaveLength(12);
    expect(first.some((q) => q.startsWith(`NamedNode ${recordGraphIri(BASE, 'ghent-dmg', '530000003')} NamedNode ${entityIri(BASE, 'mensgemaaktobject', 'ghent-dmg', '530000003')} `))).toBe(true);
    const again = await h.hub.harvest('ghent-dmg', { full: true });
    expect(again).toMatchObject({ status: 'completed', seen: 12, published: 12 });
    expect(await snapshot()).toEqual(first);
    expect(first.some((q) => q.includes('BlankNode'))).toBe(false);
    // An unchanged record has the same content hash, so the feeds can skip it.
    expect(await hashes()).toEqual(firstHashes);
    expect(await count(h)).toBe(12);
  });

  it('publishes the latest version when one harvest reads several versions of an object', async () => {
    h = await startLdesHub();
    h.fixture.addVersion('530000002', { title: 'Tweede versie' });
    h.fixture.addVersion('530000002', { title: 'Derde versie' });
    const run = await h.hub.harvest('ghent-dmg');
    expect(run).toMatchObject({ status: 'completed', seen: 14 });
    expect(await count(h)).toBe(12);
    const titles = await h.hub.store.select(
      `SELECT ?t WHERE { <${entityIri(BASE, 'mensgemaaktobject', 'ghent-dmg', '530000002')}> <http://www.cidoc-crm.org/cidoc-crm/P102_has_title> ?t }`,
      { defaultGraph: 'entities' },
    );
    expect(titles.map((b) => b.t!.value)).toEqual(['Derde versie']);
  });

  it('rides out a source that answers 500 and then recovers', async () => {
    h = await startLdesHub();
    h.fixture.failNext(2, { status: 500 });
    const run = await h.hub.harvest('ghent-dmg');
    expect(run).toMatchObject({ status: 'completed', published: 12, retries: 2 });
  });

  it('reports a malformed member by record id and still publishes the others', async () => {
    h = await startLdesHub();
    h.fixture.addMalformedMember('530099999');
    const run = await h.hub.harvest('ghent-dmg');
    expect(run.status).toBe('completed');
    expect(run.published).toBe(12);
    expect(run.errors).toBe(1);
    const report = JSON.parse(await (await import('node:fs/promises')).readFile(`${h.dataDir}/reports/ghent-dmg/${run.runId}.json`, 'utf8'));
    expect(report.problems).toEqual([expect.objectContaining({ recordId: expect.stringContaining('530099999'), stage: 'harvest' })]);
  });

  it('holds back a record that violates its shapes and keeps the report; the last good version stays', async () => {
    h = await startLdesHub();
    await h.hub.harvest('ghent-dmg');
    h.fixture.addVersion('530000005', { withoutTitle: true });
    h.fixture.addVersion('530000099', { withoutTitle: true });
    const run = await h.hub.harvest('ghent-dmg');
    expect(run).toMatchObject({ seen: 2, published: 0, rejected: 2 });
    // 530000099 never conformed: not published. 530000005 keeps its earlier, good version.
    expect(await h.hub.store.graph(recordGraphIri(BASE, 'ghent-dmg', '530000099'))).toEqual([]);
    expect((await h.hub.store.graph(recordGraphIri(BASE, 'ghent-dmg', '530000005'))).length).toBeGreaterThan(0);
    const results = await h.hub.store.select(`PREFIX sh: <http://www.w3.org/ns/shacl#> PREFIX hub: <https://w3id.org/culture-lod-hub/ns#>
      SELECT ?record ?rule WHERE { ?r a sh:ValidationResult ; hub:recordId ?record ; sh:sourceConstraintComponent sh:MinCountConstraintComponent . OPTIONAL { ?r hub:mappingRule ?rule } }`);
    expect(results.map((b) => b.record!.value).sort()).toEqual(['530000005', '530000099']);
  });

  it('logs each record kept out with its source id, run id and record id', async () => {
    const logged: { message: string; fields?: Record<string, unknown> }[] = [];
    h = await startLdesHub({ log: { info: (message, fields) => logged.push({ message, fields }), error: (message, fields) => logged.push({ message, fields }) } });
    h.fixture.addVersion('530000099', { withoutTitle: true });
    h.fixture.addMalformedMember('530099999');
    const run = await h.hub.harvest('ghent-dmg');
    expect(run).toMatchObject({ rejected: 1, errors: 1 });
    expect(logged.filter((l) => l.message.startsWith('record '))).toEqual([
      { message: 'record rejected', fields: { sourceId: 'ghent-dmg', runId: run.runId, recordId: '530000099', stage: 'validation' } },
      { message: 'record error', fields: { sourceId: 'ghent-dmg', runId: run.runId, recordId: expect.stringContaining('530099999'), stage: 'harvest' } },
    ]);
    expect(logged.find((l) => l.message === 'harvest finished')?.fields).toMatchObject({ sourceId: 'ghent-dmg', runId: run.runId });
  });

  it('fails a run cleanly when the source stays down, then resumes from the last checkpoint with nothing lost or duplicated', async () => {
    h = await startLdesHub();
    // Page 1 answers; page 2 fails on every attempt (4), so the run stops after page 1.
    h.fixture.failNext(4, { status: 503, retryAfter: '0' }, { after: 1 });
    const failed = await h.hub.harvest('ghent-dmg');
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatch(/ghent-dmg.*generatedAtTime.*failed after 4 attempts \(HTTP 503\)/);
    expect(failed.published).toBe(5);
    expect(await count(h)).toBe(5);
    const before = h.fixture.requests.length;
    const resumed = await h.hub.harvest('ghent-dmg');
    expect(resumed).toMatchObject({ status: 'completed', published: 7 });
    // The resumed run starts at page 2: page 1 is not read again.
    expect(h.fixture.requests.slice(before).every((r) => r.includes('generatedAtTime='))).toBe(true);
    expect(await count(h)).toBe(12);
  });
});
