import { graphNames } from '../../../src/store/query-dataset.js';

describe('graphNames (which graphs a query names, for the Virtuoso default-graph pragma)', () => {
  it('finds none in a query without GRAPH', () => {
    expect(graphNames('SELECT * WHERE { ?s ?p ?o }')).toEqual({ constants: [], variable: false });
  });

  it('finds constant graph names wherever they are, each once', () => {
    const q = 'SELECT * WHERE { GRAPH <urn:a> { ?s ?p ?o } OPTIONAL { GRAPH <urn:b> { ?s ?q ?r } } FILTER EXISTS { GRAPH <urn:a> { ?s a ?t } } }';
    expect(graphNames(q)).toEqual({ constants: ['urn:a', 'urn:b'], variable: false });
  });

  it('tells a GRAPH ?g apart, also inside a subquery', () => {
    expect(graphNames('SELECT * WHERE { { SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } } GRAPH <urn:c> { ?s ?p ?o } }')).toEqual({ constants: ['urn:c'], variable: true });
  });

  it('gives undefined for a query it cannot read', () => {
    expect(graphNames('SELECT * WHERE { GRAPH <urn:a> { ?s ?p')).toBeUndefined();
  });
});
