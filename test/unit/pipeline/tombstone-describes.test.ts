import { namedNode, parseRdf, quad } from '../../../src/core/rdf.js';
import { HUB, PROV } from '../../../src/core/vocab.js';
import { SourceSchema } from '../../../src/config/schema.js';
import { deleteWrites, publishWrites, type PublishContext } from '../../../src/pipeline/record-publisher.js';
import { encodeBatch, publishChanges } from '../../../src/pipeline/steps/publish.js';
import { MemoryStore } from '../../helpers/memory-store.js';

const BASE = 'http://hub.test/';
const source = SourceSchema.parse({ id: 'ghent-dmg', mapping: 'x', shapes: ['x'], connector: { type: 'ldes' }, entityType: 'mensgemaaktobject', ownIriPrefixes: ['https://stad.gent/id/'] });
const ctx: PublishContext = { baseIri: BASE, source, runId: 'r1', mapping: { id: 'm', version: '1' }, shapes: { id: 's', version: '1' } };
const S = (id: string) => `https://stad.gent/id/mensgemaaktobject/dmg/${id}`;
const member = (id: string) =>
  parseRdf(
    `<${S(id)}> a <http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object> ; <http://www.cidoc-crm.org/cidoc-crm/P108i_was_produced_by> [ <http://www.cidoc-crm.org/cidoc-crm/P14_carried_out_by> <https://stad.gent/id/agent/9${id}> ] .
     <https://stad.gent/id/agent/9${id}> <http://www.w3.org/2000/01/rdf-schema#label> "maker" .`,
    { format: 'text/turtle' },
  );
const record = (id: string) => ({ sourceId: 'ghent-dmg', recordId: id, mediaType: 'text/turtle', body: '' });
const describes = (quads: { predicate: { value: string }; object: { value: string } }[]) =>
  quads
    .filter((q) => q.predicate.value === HUB('describes'))
    .map((q) => q.object.value)
    .sort();
const provenance = (id: string) => `${BASE}graph/ghent-dmg/${id}/provenance`;

describe('Tombstones at the publish step', () => {
  it('keep the hub:describes of the version they replace, for quads and for encoded batches', async () => {
    const store = new MemoryStore();
    await publishChanges(store, { put: [...publishWrites(record('1'), member('1'), true, ctx, '2026-12-01T10:00:00Z'), ...publishWrites(record('2'), member('2'), true, ctx, '2026-12-01T10:00:00Z')] });
    // What a record graph describes is derived from it (docs/data-model.md, Provenance): its subjects under {base}id/, no hash IRIs.
    const before1 = [...new Set((await store.graph(`${BASE}graph/ghent-dmg/1`)).map((q) => q.subject.value))].filter((s) => s.startsWith(`${BASE}id/`) && !s.includes('#')).sort();
    expect(before1).toEqual([`${BASE}id/agent/ghent-dmg/91`, `${BASE}id/mensgemaaktobject/ghent-dmg/1`]);

    // The embedded run commits quads; a distributed run's publish job commits the encoded text.
    await publishChanges(store, deleteWrites('1', ctx, '2026-12-02T10:00:00Z'));
    const d2 = deleteWrites('2', ctx, '2026-12-02T10:00:00Z');
    await publishChanges(store, encodeBatch({ put: d2.put, drop: d2.drop }), true);

    const tomb1 = await store.graph(provenance('1'));
    expect(tomb1.some((q) => q.predicate.value === PROV('wasInvalidatedBy'))).toBe(true);
    expect(describes(tomb1)).toEqual(before1);
    expect(describes(await store.graph(provenance('2')))).toEqual([`${BASE}id/agent/ghent-dmg/92`, `${BASE}id/mensgemaaktobject/ghent-dmg/2`]);
    expect(await store.graph(`${BASE}graph/ghent-dmg/1`)).toEqual([]);

    // Deleted again (a second delete of the same id): the list stays, taken from the tombstone.
    await publishChanges(store, deleteWrites('1', ctx, '2026-12-03T10:00:00Z'));
    expect(describes(await store.graph(provenance('1')))).toEqual(before1);
  });

  it('leaves a tombstone of a record never published without hub:describes, and batches without tombstones unread', async () => {
    const store = new MemoryStore();
    let selects = 0;
    const select = store.select.bind(store);
    // Only the reads of what tombstones describe (the unchanged-records check reads the batch's provenance too).
    store.select = async (...args) => {
      if (String(args[0]).includes('describes')) selects++;
      return select(...args);
    };
    await publishChanges(store, { put: publishWrites(record('3'), member('3'), true, ctx, '2026-12-01T10:00:00Z') });
    expect(selects).toBe(0);
    await publishChanges(store, deleteWrites('never', ctx, '2026-12-01T10:00:00Z'));
    expect(selects).toBe(1);
    expect(describes(await store.graph(provenance('never')))).toEqual([]);
  });

  it('does not repeat IRIs a delete already names', async () => {
    const store = new MemoryStore();
    await publishChanges(store, { put: publishWrites(record('4'), member('4'), true, ctx, '2026-12-01T10:00:00Z') });
    const known = `${BASE}id/mensgemaaktobject/ghent-dmg/4`;
    const d = deleteWrites('4', ctx, '2026-12-02T10:00:00Z', [known]);
    await publishChanges(store, encodeBatch({ put: d.put, drop: d.drop }), true);
    const tomb = await store.graph(provenance('4'));
    expect(tomb.filter((q) => q.predicate.value === HUB('describes') && q.object.equals(namedNode(known)))).toHaveLength(1);
    expect(describes(tomb)).toEqual([`${BASE}id/agent/ghent-dmg/94`, known]);
    expect(tomb.every((q) => q.subject.equals(quad(namedNode(`${BASE}graph/ghent-dmg/4`), namedNode('urn:x'), namedNode('urn:y')).subject))).toBe(true);
  });
});
