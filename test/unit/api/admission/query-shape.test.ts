import sparqljs from 'sparqljs';
import { queryShape } from '../../../../src/api/admission/query-shape.js';

const shape = (query: string) => queryShape(new sparqljs.Parser().parse(query));

describe('queryShape', () => {
  it('counts triple patterns everywhere: groups, OPTIONAL, UNION, subqueries, CONSTRUCT templates', () => {
    expect(shape('SELECT * WHERE { ?s ?p ?o . ?o ?q ?r OPTIONAL { ?r ?x ?y } { ?a ?b ?c } UNION { ?d ?e ?f } }').triplePatterns).toBe(5);
    expect(shape('SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }').triplePatterns).toBe(1);
    expect(shape('CONSTRUCT { ?s ?p ?o . ?s a ?t } WHERE { ?s ?p ?o }').triplePatterns).toBe(3);
  });

  it('measures how deep patterns and expressions nest', () => {
    const flat = shape('SELECT * WHERE { ?s ?p ?o }').depth;
    expect(shape('SELECT * WHERE { { { { ?s ?p ?o } } } }').depth).toBeGreaterThan(flat + 2);
    // An operator chain nests without a single bracket.
    expect(shape(`SELECT * WHERE { ?s ?p ?o FILTER(?o = ${Array.from({ length: 200 }, (_, i) => i).join(' + ')}) }`).depth).toBeGreaterThan(100);
  });

  it('finds SERVICE endpoints at any depth, variables as ?name', () => {
    const found = shape('SELECT * WHERE { SERVICE <http://a/sparql> { ?s ?p ?o } OPTIONAL { { SERVICE ?ep { ?x ?y ?z } } } }').services;
    expect(found.sort()).toEqual(['?ep', 'http://a/sparql']);
  });

  it('walks a tree 100,000 levels deep without recursion (a recursive walk overflows the stack)', () => {
    let where: unknown = { type: 'bgp', triples: [{ subject: { termType: 'Variable', value: 's' }, predicate: { termType: 'Variable', value: 'p' }, object: { termType: 'Variable', value: 'o' } }] };
    for (let i = 0; i < 100_000; i++) where = { type: 'group', patterns: [where] };
    const result = queryShape({ type: 'query', queryType: 'SELECT', variables: [], where: [where], prefixes: {} } as never);
    expect(result.depth).toBe(100_002);
    expect(result.triplePatterns).toBe(1);
  });
});
