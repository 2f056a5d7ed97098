/**
 * Two publishing processes on one store (a remote store with publish workers in two processes),
 * played by two match steps on one store: each commit that changes the index writes a new
 * generation, and a step that finds another generation than its own loads the index again, so a
 * record one process published is matched by a batch the other publishes next.
 */
import { SourceSchema } from '../../../src/config/schema.js';
import { entityIri, recordGraphIri } from '../../../src/core/identifiers.js';
import { literal, namedNode, quad } from '../../../src/core/rdf.js';
import { publishWrites } from '../../../src/pipeline/record-publisher.js';
import { MatchStep } from '../../../src/pipeline/steps/match.js';
import { publishChanges } from '../../../src/pipeline/steps/publish.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { IDENTIFIER, NAME, testMatcher, testMatching } from '../../helpers/test-matching.js';

const BASE = 'http://hub.test/';

function writes(sourceId: string, id: string, name: string, ids: string[] = []) {
  const ctx = {
    baseIri: BASE,
    source: SourceSchema.parse({ id: sourceId, mapping: 'm.yml', shapes: ['s.ttl'], entityType: 'plaats', connector: { type: 'files' } }),
    runId: 'run-1',
    mapping: { id: 'm.yml', version: 'v1' },
    shapes: { id: 's.ttl', version: 'v1' },
    matcher: testMatcher,
  };
  const s = namedNode(entityIri(BASE, 'plaats', sourceId, id));
  return publishWrites({ sourceId, recordId: id, mediaType: 'application/json', body: '{}' }, [quad(s, namedNode(NAME), literal(name)), ...ids.map((i) => quad(s, namedNode(IDENTIFIER), namedNode(i)))], true, ctx, '2026-12-07T10:00:00Z');
}

describe('Match steps of two publishing processes on one store', () => {
  it('load the index again when the other one changed it', async () => {
    const store = new MemoryStore();
    const first = new MatchStep(testMatching(), store, BASE);
    const second = new MatchStep(testMatching(), store, BASE);
    // The second loads its index (the store is empty), then the first publishes a1.
    await publishChanges(store, { put: writes('b', 'b2', 'Handelsbeurs') }, false, second);
    await publishChanges(store, { put: writes('a', 'a1', 'Vooruit', ['urn:venue:vooruit']) }, false, first);
    // The second's next batch is matched against a1, which it never saw itself.
    await publishChanges(store, { put: writes('b', 'b1', 'Vooruit - Theaterzaal', ['urn:venue:vooruit']) }, false, second);
    const subjects = [...new Set((await store.graph(recordGraphIri(BASE, 'b', 'b1'))).map((q) => q.subject.value))];
    expect(subjects).toEqual([entityIri(BASE, 'plaats', 'a', 'a1')]);
    expect((await second.clusters()).map((c) => c.members)).toEqual([[entityIri(BASE, 'plaats', 'a', 'a1'), entityIri(BASE, 'plaats', 'b', 'b1')]]);
  });
});
