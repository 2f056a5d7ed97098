import { blankNode, literal, namedNode } from '../../../src/core/rdf.js';
import { constructBySelect } from '../../../src/store/sparql/construct-by-select.js';

const ex = (local: string) => namedNode(`http://ex.org/${local}`);

describe('constructBySelect', () => {
  it('leaves queries other than CONSTRUCT, and ones sparqljs cannot read, to the store', () => {
    expect(constructBySelect('SELECT * WHERE { ?s ?p ?o }')).toBeUndefined();
    expect(constructBySelect('ASK {}')).toBeUndefined();
    expect(constructBySelect('define sql:big-data-const 0 CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }')).toBeUndefined();
  });

  it('selects the template’s variables with the same WHERE and modifiers', () => {
    const plan = constructBySelect('PREFIX ex: <http://ex.org/> CONSTRUCT { ex:a ex:p ?x ; ex:q ?y } WHERE { OPTIONAL { ?s ex:k ?x } BIND(COALESCE(?x, "d") AS ?y) } LIMIT 5')!;
    expect(plan.select).toMatch(/^PREFIX ex: <http:\/\/ex\.org\/>\s+SELECT \?x \?y WHERE/);
    expect(plan.select).toContain('OPTIONAL');
    expect(plan.select).toMatch(/LIMIT 5$/);
  });

  it('fills the template per solution: triples with an unbound variable or a literal subject are left out, duplicates once', () => {
    const plan = constructBySelect('PREFIX ex: <http://ex.org/> CONSTRUCT { ex:a a ex:C ; ex:p ?x . ?x ex:q "v"@nl } WHERE { ?s ?p ?x }')!;
    const quads = plan.instantiate([{ x: ex('b') }, {}, { x: literal('lit') }, { x: ex('b') }]);
    expect(quads.map((q) => [q.subject.value, q.predicate.value, q.object.value])).toEqual([
      ['http://ex.org/a', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://ex.org/C'],
      ['http://ex.org/a', 'http://ex.org/p', 'http://ex.org/b'],
      ['http://ex.org/b', 'http://ex.org/q', 'v'],
      ['http://ex.org/a', 'http://ex.org/p', 'lit'],
    ]);
    expect((quads[2]!.object as ReturnType<typeof literal>).language).toBe('nl');
  });

  it('makes template blank nodes fresh per solution and keeps the store’s blank nodes as they are', () => {
    const plan = constructBySelect('PREFIX ex: <http://ex.org/> CONSTRUCT { _:n ex:p ?x } WHERE { ?s ex:p ?x }')!;
    const quads = plan.instantiate([{ x: ex('1') }, { x: ex('2') }, { x: blankNode('b0') }]);
    expect(new Set(quads.map((q) => q.subject.value)).size).toBe(3);
    expect(quads.every((q) => q.subject.termType === 'BlankNode')).toBe(true);
    expect(quads[2]!.object).toEqual(blankNode('b0'));
  });
});
