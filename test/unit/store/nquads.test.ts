import oxigraph from 'oxigraph';
import { blankNode, literal, namedNode, quad, toNQuads } from '../../../src/core/rdf.js';
import { graphsToNQuads } from '../../../src/store/oxigraph/nquads.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const G = 'http://hub.test/graph/1';
const s = namedNode('http://hub.test/s');
const p = namedNode('http://hub.test/p');

describe('graphsToNQuads', () => {
  it('writes the same quads as a generic N-Quads writer, in the given graph', () => {
    const quads = [
      quad(s, p, literal('quote " backslash \\ newline\nreturn\r tab\t')),
      quad(s, p, literal('Lam Gods', 'nl-be')),
      quad(s, p, literal('42', namedNode(`${XSD}integer`))),
      quad(s, p, literal('plain', namedNode(`${XSD}string`))),
      quad(s, p, literal('Één café, 美術館, 🎨')),
      quad(s, p, namedNode('http://hub.test/o#frag')),
    ];
    const text = graphsToNQuads([{ graph: G, quads }], 1);
    const ours = new oxigraph.Store();
    ours.load(text, { format: 'application/n-quads' });
    const reference = new oxigraph.Store();
    reference.load(toNQuads(quads.map((q) => quad(q.subject, q.predicate, q.object, namedNode(G)))), { format: 'application/n-quads' });
    expect(ours.size).toBe(quads.length);
    expect(ours.dump({ format: 'application/n-quads' })).toBe(reference.dump({ format: 'application/n-quads' }));
  });

  it('keeps blank nodes apart across graphs and commits', () => {
    const b = blankNode('b.0');
    const text = graphsToNQuads([{ graph: G, quads: [quad(b, p, literal('x'))] }, { graph: `${G}b`, quads: [quad(b, p, literal('x'))] }], 7);
    expect(text).toContain('_:s7g0_b_0 ');
    expect(text).toContain('_:s7g1_b_0 ');
  });

  it('refuses IRIs and language tags a strict parser would refuse, naming the graph', () => {
    expect(() => graphsToNQuads([{ graph: G, quads: [quad(namedNode('http://hub.test/a b'), p, literal('x'))] }], 1)).toThrow(`graph ${G}: "http://hub.test/a b" is not an absolute IRI`);
    expect(() => graphsToNQuads([{ graph: G, quads: [quad(s, p, namedNode('relative/iri'))] }], 1)).toThrow('is not an absolute IRI');
    expect(() => graphsToNQuads([{ graph: G, quads: [quad(s, p, literal('x', 'not a tag'))] }], 1)).toThrow('is not a language tag');
  });
});
