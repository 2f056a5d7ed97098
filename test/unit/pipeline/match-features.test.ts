import { namedNode, quad } from '../../../src/core/rdf.js';
import { PROV } from '../../../src/core/vocab.js';
import { featureQuads, featuresOfWrite } from '../../../src/pipeline/matching/match-features.js';
import type { MatchFeatures } from '../../../src/publication/matching/contract.js';
import { encodeChanges } from '../../../src/store/encoded-graphs.js';

const G = 'http://hub.test/graph/a/1';
const features: MatchFeatures[] = [
  { iri: 'http://hub.test/id/plaats/a/1', type: 'plaats', sources: ['a'], labels: [{ value: 'Zaal "De Vooruit"\\n\nlijn\ttab \u0001 é 😀', language: 'nl' }], identifiers: ['urn:x:1'] },
  { iri: 'http://hub.test/id/agent/a/2', type: 'agent', sources: ['a'], labels: [], identifiers: [], birth: '1849' },
];
// A record's provenance says which publication generated it (docs/data-model.md, Provenance); a tombstone which deletion invalidated it.
const provenance = [quad(namedNode(G), namedNode(PROV('wasGeneratedBy')), namedNode('http://hub.test/run/a/1/published/0')), ...featureQuads(G, features)];

describe('Match features in the provenance graph', () => {
  it('read back from quads and from the encoded text alike, whatever characters the labels hold', () => {
    const write = { graph: `${G}/provenance`, quads: provenance };
    expect(featuresOfWrite(write)).toEqual({ recordGraph: G, features });
    const encoded = encodeChanges({ put: [write] }).put![0]!;
    expect(featuresOfWrite(encoded)).toEqual({ recordGraph: G, features });
  });

  it('are none for a record graph or a tombstone, and an empty list for a provenance without them', () => {
    expect(featuresOfWrite({ graph: G, quads: provenance })).toBeUndefined();
    expect(featuresOfWrite({ graph: `${G}/provenance`, quads: [quad(namedNode(G), namedNode(PROV('wasInvalidatedBy')), namedNode('http://hub.test/run/a/1/deleted'))] })).toBeUndefined();
    expect(featuresOfWrite({ graph: `${G}/provenance`, quads: provenance.slice(0, 1) })).toEqual({ recordGraph: G, features: [] });
  });
});
