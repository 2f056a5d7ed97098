import { literal, namedNode, quad } from '../../../src/core/rdf.js';
import { ChangeBatch } from '../../../src/pipeline/change-batch.js';

const write = (graph: string, value = 'v') => ({ graph, quads: [quad(namedNode('urn:s'), namedNode('urn:p'), literal(value))] });

describe('ChangeBatch', () => {
  it('keeps the last state of each graph, and calls fresh only what was last put fresh', () => {
    const batch = new ChangeBatch();
    batch.put([write('urn:a'), write('urn:b'), write('urn:c'), write('urn:d')], true);
    batch.put([write('urn:b', 'again')]); // put again, not fresh: the store may hold it
    batch.drop(['urn:c']);
    batch.put([write('urn:e')]);
    const changes = batch.take();
    expect(changes.put!.map((p) => p.graph)).toEqual(['urn:a', 'urn:d', 'urn:b', 'urn:e']);
    expect(changes.put!.find((p) => p.graph === 'urn:b')!.quads[0]!.object.value).toBe('again');
    expect(changes.drop).toEqual(['urn:c']);
    expect(changes.fresh).toEqual(['urn:a', 'urn:d']);
    expect(batch.size).toBe(0);
    batch.put([write('urn:f')]);
    expect(batch.take()).toEqual({ put: [write('urn:f')], drop: [] });
  });
});
