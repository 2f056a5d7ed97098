import { blankNode, literal, namedNode, parseRdf, quad } from '../../../../src/core/rdf.js';
import { quadToNQuads } from '../../../../src/mapping/rml/nquads.js';

describe('quadToNQuads', () => {
  const s = namedNode('http://ex.org/s');
  const p = namedNode('http://ex.org/p');
  it.each([
    [literal('plain'), '"plain"'],
    [literal('a "q"\nb\\c'), '"a \\"q\\"\\nb\\\\c"'],
    [literal('hoi', 'nl'), '"hoi"@nl'],
    [literal('3', namedNode('http://www.w3.org/2001/XMLSchema#integer')), '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'],
    [blankNode('b1'), '_:b1'],
  ])('writes %s so that N3 reads it back', (o, text) => {
    const line = quadToNQuads(quad(s, p, o, namedNode('http://ex.org/g')));
    expect(line).toBe(`<http://ex.org/s> <http://ex.org/p> ${text} <http://ex.org/g> .\n`);
    const [back] = parseRdf(line, { format: 'N-Quads' });
    expect(back.object.equals(o) || o.termType === 'BlankNode').toBe(true);
  });
});
