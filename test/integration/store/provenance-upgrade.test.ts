/**
 * A store written in the old provenance form (docs/data-model.md, Provenance: every fact on every
 * record) is upgraded once when it is opened for writing: one commit, logged, after which the
 * readers answer as before and nothing is upgraded again.
 */
import { createHash } from 'node:crypto';
import { entityIri, provenanceGraphIri, recordGraphIri, sourceIri } from '../../../src/core/identifiers.js';
import { literal, namedNode, nQuadLines, quad, type Quad } from '../../../src/core/rdf.js';
import { DCT, HUB, PROV, RDF, XSD } from '../../../src/core/vocab.js';
import { publishedRecordIds } from '../../../src/pipeline/deletes-by-difference.js';
import { tombstonedRecordIds } from '../../../src/pipeline/push/tombstoned.js';
import { entityState } from '../../../src/publication/indexes/entity-index.js';
import { OxigraphStore } from '../../../src/store/oxigraph-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BASE = 'http://hub.test/';
const RUN = `${BASE}run/vkc/r1`;
const dt = (v: string) => literal(v, namedNode(XSD('dateTime')));

/** One record's old-form provenance, as record-publisher.ts wrote it before. */
function oldProvenance(id: string, organisation: string): Quad[] {
  const g = namedNode(recordGraphIri(BASE, 'vkc', id));
  const t = (p: string, o: Quad['object']) => quad(g, namedNode(p), o);
  return [
    t(RDF('type'), namedNode(HUB('RecordGraph'))),
    t(RDF('type'), namedNode(PROV('Entity'))),
    t(HUB('source'), namedNode(sourceIri(BASE, 'vkc'))),
    t(HUB('recordId'), literal(id)),
    t(HUB('entity'), namedNode(entityIri(BASE, 'mensgemaaktobject', 'vkc', id))),
    t(HUB('entityType'), literal('mensgemaaktobject')),
    t(PROV('wasGeneratedBy'), namedNode(RUN)),
    t(PROV('generatedAtTime'), dt('2026-11-01T10:00:00Z')),
    t(HUB('mapping'), literal('mappings/lido-object.yml')),
    t(HUB('mappingVersion'), literal('m1')),
    t(HUB('shapes'), literal('shapes/x.ttl')),
    t(HUB('shapesVersion'), literal('s1')),
    t(HUB('conforms'), literal('true', namedNode(XSD('boolean')))),
    t(HUB('contentHash'), literal('old')),
    t(HUB('describes'), namedNode(entityIri(BASE, 'mensgemaaktobject', 'vkc', id))),
    t(HUB('organisation'), literal(organisation)),
    t(PROV('wasDerivedFrom'), namedNode(`https://vkc.example/record/${id}`)),
    t(DCT('modified'), dt('2026-10-01T00:00:00Z')),
  ];
}

const title = (id: string) => [quad(namedNode(entityIri(BASE, 'mensgemaaktobject', 'vkc', id)), namedNode(DCT('title')), literal(`Object ${id}`))];

describe('A store written in the old provenance form', () => {
  it('is upgraded once at open, in one commit, and its readers answer as before', async () => {
    const dir = await tempDir('hub-prov-upgrade-');
    try {
      const old = new OxigraphStore({ dataDir: dir.path, baseIri: BASE });
      await old.open();
      const gone = namedNode(recordGraphIri(BASE, 'vkc', 'c'));
      await old.commit({
        put: [
          { graph: recordGraphIri(BASE, 'vkc', 'a'), quads: title('a'), entity: true },
          { graph: provenanceGraphIri(BASE, 'vkc', 'a'), quads: oldProvenance('a', 'MSK Gent') },
          { graph: recordGraphIri(BASE, 'vkc', 'b'), quads: title('b'), entity: true },
          { graph: provenanceGraphIri(BASE, 'vkc', 'b'), quads: oldProvenance('b', 'Musea Brugge') },
          {
            graph: provenanceGraphIri(BASE, 'vkc', 'c'),
            quads: [
              quad(gone, namedNode(HUB('describes')), namedNode(entityIri(BASE, 'mensgemaaktobject', 'vkc', 'c'))),
              quad(gone, namedNode(RDF('type')), namedNode(HUB('Tombstone'))),
              quad(gone, namedNode(HUB('source')), namedNode(sourceIri(BASE, 'vkc'))),
              quad(gone, namedNode(HUB('recordId')), literal('c')),
              quad(gone, namedNode(HUB('entity')), namedNode(entityIri(BASE, 'mensgemaaktobject', 'vkc', 'c'))),
              quad(gone, namedNode(HUB('entityType')), literal('mensgemaaktobject')),
              quad(gone, namedNode(PROV('invalidatedAtTime')), dt('2026-11-02T00:00:00Z')),
              quad(gone, namedNode(PROV('wasInvalidatedBy')), namedNode(RUN)),
            ],
          },
        ],
      });
      await old.close();

      const log: string[] = [];
      const store = new OxigraphStore({ dataDir: dir.path, baseIri: BASE, log: (m) => log.push(m) });
      await store.open();
      try {
        expect(log.filter((m) => m.includes('upgraded 3 provenance graphs'))).toHaveLength(1);
        const prov = await store.graph(provenanceGraphIri(BASE, 'vkc', 'a'));
        expect(prov.map((q) => q.predicate.value).sort()).toEqual([PROV('wasGeneratedBy'), HUB('contentHash'), HUB('entity'), HUB('recordId')].sort());
        // The two organisations of one source stay apart: one publication node each, the run's facts on it.
        const nodes = await Promise.all(['a', 'b'].map(async (id) => (await store.graph(provenanceGraphIri(BASE, 'vkc', id))).find((q) => q.predicate.value === PROV('wasGeneratedBy'))!.object.value));
        expect(new Set(nodes).size).toBe(2);
        const node = await store.graph(nodes[0]!);
        const fact = (p: string) => node.find((q) => q.predicate.value === p)?.object.value;
        expect([fact(DCT('isPartOf')), fact(HUB('organisation')), fact(HUB('mappingVersion')), fact(PROV('endedAtTime'))]).toEqual([RUN, 'MSK Gent', 'm1', '2026-11-01T10:00:00Z']);
        // The source record's link and date joined the record graph, and its hash was taken again over it.
        const record = await store.graph(recordGraphIri(BASE, 'vkc', 'a'));
        expect(record.filter((q) => q.subject.value === recordGraphIri(BASE, 'vkc', 'a')).map((q) => q.predicate.value).sort()).toEqual([DCT('modified'), PROV('wasDerivedFrom')].sort());
        const lines = [...new Set(nQuadLines(record.map((q) => quad(q.subject, q.predicate, q.object))))].sort();
        expect(prov.find((q) => q.predicate.value === HUB('contentHash'))!.object.value).toBe(createHash('sha256').update(lines.join('')).digest('hex'));
        // The tombstone keeps what its record described (410), its run's deletion node names the source.
        const tomb = await store.graph(provenanceGraphIri(BASE, 'vkc', 'c'));
        expect(tomb.find((q) => q.predicate.value === PROV('wasInvalidatedBy'))!.object.value).toBe(`${RUN}/deleted`);
        expect(tomb.filter((q) => q.predicate.value === HUB('describes'))).toHaveLength(1);
        // Readers on the new form.
        const ids: string[] = [];
        for await (const page of publishedRecordIds(store, BASE, 'vkc')) ids.push(...page);
        expect(ids).toEqual(['a', 'b']);
        expect([...(await tombstonedRecordIds(store, BASE, 'vkc'))]).toEqual(['c']);
        expect(await entityState(store, BASE, 'vkc', 'a')).toMatchObject({ state: 'published', entityType: 'mensgemaaktobject' });
        expect(await entityState(store, BASE, 'vkc', 'c')).toMatchObject({ state: 'deleted', entityType: 'mensgemaaktobject' });
      } finally {
        await store.close();
      }
      // Opened again: nothing is old any more.
      const again: string[] = [];
      const third = new OxigraphStore({ dataDir: dir.path, baseIri: BASE, log: (m) => again.push(m) });
      await third.open();
      await third.close();
      expect(again.filter((m) => m.includes('upgraded'))).toEqual([]);
    } finally {
      await dir.cleanup();
    }
  });
});
