import { featureQuads, featuresOfWrite, matchingQuads } from '../../../src/pipeline/matching/match-features.js';
import type { MatchFeatures } from '../../../src/publication/matching/contract.js';
import { encodeChanges } from '../../../src/store/encoded-graphs.js';

const G = 'http://hub.test/graph/a/1';
const features: MatchFeatures[] = [
  { iri: 'http://hub.test/id/plaats/a/1', type: 'plaats', sources: ['a'], labels: [{ value: 'Zaal "De Vooruit"\\n\nlijn\ttab \u0001 é 😀', language: 'nl' }], identifiers: ['urn:x:1'] },
  { iri: 'http://hub.test/id/agent/a/2', type: 'agent', sources: ['a'], labels: [], identifiers: [], birth: '1849' },
];
const matching = featureQuads(G, features);

describe('Match features in the matching graph', () => {
  it('read back from quads and from the encoded text alike, whatever characters the labels hold', () => {
    const write = { graph: `${G}/matching`, quads: matching };
    expect(featuresOfWrite(write)).toEqual({ recordGraph: G, features });
    const encoded = encodeChanges({ put: [write] }).put![0]!;
    expect(featuresOfWrite(encoded)).toEqual({ recordGraph: G, features });
  });

  it('are none for a record graph or its provenance, and an empty list for a matching graph without them (the record left matching)', () => {
    expect(featuresOfWrite({ graph: G, quads: matching })).toBeUndefined();
    expect(featuresOfWrite({ graph: `${G}/provenance`, quads: matching })).toBeUndefined();
    expect(featuresOfWrite({ graph: `${G}/matching`, quads: [] })).toEqual({ recordGraph: G, features: [] });
    expect(featuresOfWrite({ graph: `${G}/matching`, quads: matchingQuads(G) })).toEqual({ recordGraph: G, features: [] });
  });
});
