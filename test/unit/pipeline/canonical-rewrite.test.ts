import { literal, namedNode, nQuadLines, parseRdf, quad, toNQuads } from '../../../src/core/rdf.js';
import { HUB, OWL } from '../../../src/core/vocab.js';
import { mainEntityOf, rewriteNQuads, rewriteProvenanceNQuads, rewriteProvenanceQuads, rewriteQuads } from '../../../src/pipeline/matching/canonical-rewrite.js';

const BASE = 'http://hub.test/';
const ID = `${BASE}id/`;
const A = `${ID}plaats/a/1`;
const B = `${ID}plaats/b/1`;
const EVENT = `${ID}activiteit/b/9`;
const G = `${BASE}graph/b/1`;
const NAME = 'https://schema.org/name';
const SAME = OWL('sameAs');

const t = (s: string, p: string, o: string, lit = false) => quad(namedNode(s), namedNode(p), lit ? literal(o) : namedNode(o), namedNode(G));
/** Record b/1: place B (a hash IRI for its address), its source IRI, and an event pointing at it. */
const recordB = [t(B, NAME, 'Vooruit', true), t(B, 'https://schema.org/address', `${B}#adres`), t(`${B}#adres`, 'https://schema.org/postalCode', '9000', true), t(B, SAME, 'https://b.example/place/1'), t(EVENT, 'https://schema.org/location', B)];
const text = (quads = recordB) => toNQuads(quads);
const lines = (nquads: string) => nquads.split('\n').filter(Boolean).sort();
const clusterOf = (map: Record<string, string>) => (iri: string) => map[iri] ?? iri;

describe('The canonical rewrite of a record graph', () => {
  it('leaves a graph naming no cluster member as it is (the same string, the same array)', () => {
    const ctx = { idPrefix: ID, canonical: clusterOf({}) };
    const nq = text();
    expect(rewriteNQuads(nq, G, ctx)).toBe(nq);
    expect(rewriteQuads(recordB, ctx)).toBe(recordB);
  });

  it('writes members on the canonical IRI, hash IRIs too, as subject and object, and states canonical owl:sameAs member', () => {
    const ctx = { idPrefix: ID, canonical: clusterOf({ [B]: A }) };
    const out = rewriteNQuads(text(), G, ctx);
    expect(lines(out)).toEqual(
      lines(
        text([t(A, NAME, 'Vooruit', true), t(A, 'https://schema.org/address', `${A}#adres`), t(`${A}#adres`, 'https://schema.org/postalCode', '9000', true), t(A, SAME, 'https://b.example/place/1'), t(EVENT, 'https://schema.org/location', A), t(A, SAME, B)]),
      ),
    );
    // Text and quads give the same graph.
    expect(lines(toNQuads(rewriteQuads(recordB, ctx).map((q) => quad(q.subject, q.predicate, q.object, namedNode(G)))))).toEqual(lines(out));
    // The encoded text parses.
    expect(parseRdf(out, { format: 'application/n-quads' })).toHaveLength(6);
  });

  it('is undone from the stored graph when the cluster splits: the member gets its own IRI back', () => {
    const stored = rewriteNQuads(text(), G, { idPrefix: ID, canonical: clusterOf({ [B]: A }) });
    const natives = new Set([B, EVENT]);
    const back = rewriteNQuads(stored, G, { idPrefix: ID, canonical: clusterOf({}), natives });
    expect(lines(back)).toEqual(lines(text()));
    const storedQuads = parseRdf(stored, { format: 'application/n-quads' });
    expect(lines(toNQuads(rewriteQuads(storedQuads, { idPrefix: ID, canonical: clusterOf({}), natives })))).toEqual(lines(text()));
  });

  it('moves a member to a new canonical IRI from the stored graph (the cluster grew a smaller member)', () => {
    const Z = `${ID}plaats/0/1`;
    const stored = rewriteNQuads(text(), G, { idPrefix: ID, canonical: clusterOf({ [B]: A }) });
    const moved = rewriteNQuads(stored, G, { idPrefix: ID, canonical: clusterOf({ [A]: Z, [B]: Z }), natives: new Set([B, EVENT]) });
    expect(lines(moved)).toEqual(lines(rewriteNQuads(text(), G, { idPrefix: ID, canonical: clusterOf({ [A]: Z, [B]: Z }) })));
    expect(moved).toContain(`<${Z}> <${SAME}> <${B}>`);
    expect(moved).not.toContain(`<${A}>`);
    // Rewriting again with the same clusters changes nothing.
    expect(rewriteNQuads(moved, G, { idPrefix: ID, canonical: clusterOf({ [A]: Z, [B]: Z }), natives: new Set([B, EVENT]) })).toBe(moved);
  });

  it("puts the provenance's hub:entity on the canonical IRI of the record's main entity, and back from a stored one given the record's own", () => {
    const P = `${G}/provenance`;
    const prov = [quad(namedNode(G), namedNode(HUB('entity')), namedNode(B), namedNode(P)), quad(namedNode(G), namedNode(HUB('recordId')), literal('b1'), namedNode(P))];
    const out = rewriteProvenanceNQuads(nQuadLines(prov).join(''), clusterOf({ [B]: A }));
    expect(out).toContain(`<${G}> <${HUB('entity')}> <${A}> <${P}> .`);
    expect(out).toContain(`<${G}> <${HUB('recordId')}> "b1" <${P}> .`);
    // From a stored provenance (hub:entity already moved) back to the record's own IRI, as minted from the record graph and its type.
    const stored = parseRdf(out, { format: 'application/n-quads' });
    expect(mainEntityOf(BASE, G, 'plaats')).toBe(B);
    expect(rewriteProvenanceQuads(stored, clusterOf({}), mainEntityOf(BASE, G, 'plaats')).find((q) => q.predicate.value === HUB('entity'))!.object.value).toBe(B);
  });
});
