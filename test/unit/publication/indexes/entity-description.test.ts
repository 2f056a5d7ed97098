import { describedIn, distinctTriples, hubIriType } from '../../../../src/publication/indexes/entity-description.js';
import { blankNode, literal, namedNode, quad } from '../../../../src/core/rdf.js';

const H = 'http://hub.test/id/mensgemaaktobject/dmg/1';
const SRC = 'https://stad.gent/id/mensgemaaktobject/dmg/1';
const P = (n: string) => namedNode(`http://p.test/${n}`);

describe('describedIn', () => {
  it('takes the IRI, its hash IRIs and the blank nodes they lead to, recursively, and nothing they only point at', () => {
    const b1 = blankNode('b1');
    const b2 = blankNode('b2');
    const quads = [
      quad(namedNode(H), P('title'), literal('Stoel')),
      quad(namedNode(H), P('dim'), b1),
      quad(b1, P('unit'), b2),
      quad(b2, P('label'), literal('cm')),
      quad(namedNode(`${H}#productie`), P('by'), namedNode('http://hub.test/id/agent/dmg/7')),
      quad(namedNode('http://hub.test/id/agent/dmg/7'), P('label'), literal('Jan')),
      quad(blankNode('orphan'), P('label'), literal('elsewhere')),
    ];
    expect(describedIn(quads, H)).toHaveLength(5);
    expect(describedIn(quads, 'http://hub.test/id/agent/dmg/7').map((q) => q.object.value)).toEqual(['Jan']);
  });

  it('follows owl:sameAs to a source IRI the record describes (records written before the hub IRI was the subject)', () => {
    const quads = [
      quad(namedNode(H), namedNode('http://www.w3.org/2002/07/owl#sameAs'), namedNode(SRC)),
      quad(namedNode(SRC), P('title'), literal('Stoel')),
      quad(namedNode(SRC), P('part'), blankNode('x')),
      quad(blankNode('x'), P('label'), literal('zitting')),
    ];
    expect(describedIn(quads, H)).toHaveLength(4);
  });

  it('keeps blank nodes of different graphs apart when merging, and each triple once', () => {
    const a = { graph: 'g1', quads: [quad(namedNode(H), P('t'), literal('x')), quad(blankNode('b'), P('v'), literal('1'))] };
    const b = { graph: 'g2', quads: [quad(namedNode(H), P('t'), literal('x')), quad(blankNode('b'), P('v'), literal('1'))] };
    expect(distinctTriples([a, b])).toHaveLength(3);
  });
});

describe('hubIriType', () => {
  it('reads the type segment of hub IRIs only', () => {
    expect(hubIriType('http://hub.test/', H)).toBe('mensgemaaktobject');
    expect(hubIriType('http://hub.test/', `${H}#productie`)).toBeUndefined();
    expect(hubIriType('http://hub.test/', SRC)).toBeUndefined();
    expect(hubIriType('http://hub.test/', 'http://hub.test/graph/dmg/1')).toBeUndefined();
  });
});
