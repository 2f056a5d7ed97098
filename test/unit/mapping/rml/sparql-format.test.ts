import { Readable } from 'node:stream';
import { SparqlFormat, type SparqlResults, type Solution } from '../../../../src/mapping/rml/formats/sparql-format.js';

const NT = `<http://x.org/0> <http://xmlns.com/foaf/0.1/name> "Monica" .
<http://x.org/0> <http://xmlns.com/foaf/0.1/age> "33" .
<http://x.org/1> <http://xmlns.com/foaf/0.1/name> "Ross" .
<http://x.org/1> <http://xmlns.com/foaf/0.1/age> "37"^^<http://www.w3.org/2001/XMLSchema#integer> .
`;
const QUERY = 'PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT ?p ?name ?age WHERE { ?p foaf:name ?name ; foaf:age ?age } ORDER BY ?p';

async function solutions(results: SparqlResults): Promise<{ format: SparqlFormat; rows: Solution[] }> {
  const format = new SparqlFormat(QUERY, results, 'friends.nt');
  const rows: Solution[] = [];
  for await (const batch of format.streamRecords(Readable.from([NT]))) rows.push(...batch);
  return { format, rows };
}

describe('A SPARQL results source', () => {
  it('gives one record per solution, a reference naming a variable', async () => {
    const { format, rows } = await solutions('csv');
    expect(rows).toHaveLength(2);
    expect(rows.map(format.reference('p'))).toEqual([['http://x.org/0'], ['http://x.org/1']]);
    expect(rows.map(format.reference('?name'))).toEqual([['Monica'], ['Ross']]);
    expect(rows.map(format.reference('missing'))).toEqual([[], []]);
  }, 30000);

  it('reads number-looking CSV results as numbers, but keeps JSON results typed as they are', async () => {
    const csv = await solutions('csv');
    expect(csv.rows.map(csv.format.reference('age'))).toEqual([[33], [37]]);
    const json = await solutions('json');
    expect(json.rows.map(json.format.reference('age'))).toEqual([['33'], [37]]);
  }, 30000);

  it('refuses a reference that is not a variable name', () => {
    expect(() => new SparqlFormat(QUERY, 'csv', 'a.nt').reference('$.name')).toThrow(/not a SPARQL variable/);
  });
});
