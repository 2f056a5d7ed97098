/** SPARQL 1.1 Service Description of the endpoint, serialised on request. */
import N3 from 'n3';
import jsonld from 'jsonld';
import { normaliseBase } from '../../core/identifiers.js';

export async function serviceDescription(baseIri: string, mediaType: string): Promise<string> {
  const endpoint = `${normaliseBase(baseIri)}sparql`;
  const turtle = `@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
[] a sd:Service ;
  sd:endpoint <${endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
    <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
    <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>, <http://www.w3.org/ns/formats/JSON-LD>,
    <http://www.w3.org/ns/formats/RDF_XML> ;
  sd:feature sd:UnionDefaultGraph, sd:BasicFederatedQuery ;
  sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ; void:sparqlEndpoint <${endpoint}> ] ] .
`;
  if (mediaType === 'text/turtle') return turtle;
  const quads = new N3.Parser().parse(turtle);
  if (mediaType === 'application/n-triples') return new N3.Writer({ format: 'N-Triples' }).quadsToString(quads);
  const nquads = new N3.Writer({ format: 'N-Quads' }).quadsToString(quads);
  return JSON.stringify(await jsonld.fromRDF(nquads, { format: 'application/n-quads' }));
}
