/** SPARQL 1.1 Service Description of the endpoint, serialised on request. */
import N3 from 'n3';
import jsonld from 'jsonld';
import { entitiesGraphIri, normaliseBase } from '../../core/identifiers.js';

/**
 * The default graph is the entities graph (each triple of every record graph once), no longer the
 * union of all graphs (sd:UnionDefaultGraph); the named graphs are listed by kind, with their IRI
 * patterns, since there is one per record (docs/data-model.md).
 */
export async function serviceDescription(baseIri: string, mediaType: string): Promise<string> {
  const base = normaliseBase(baseIri);
  const endpoint = `${base}sparql`;
  const entities = entitiesGraphIri(base);
  const kind = (name: string, pattern: string, comment: string) =>
    `[ a sd:NamedGraph ; rdfs:label "${name}" ; void:uriRegexPattern "${pattern}" ; rdfs:comment "${comment}" ]`;
  const turtle = `@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
[] a sd:Service ;
  sd:endpoint <${endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
    <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
    <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>, <http://www.w3.org/ns/formats/JSON-LD>,
    <http://www.w3.org/ns/formats/RDF_XML> ;
  sd:feature sd:BasicFederatedQuery ;
  sd:defaultDataset [ a sd:Dataset ;
    sd:defaultGraph [ a sd:Graph ; void:sparqlEndpoint <${endpoint}> ;
      rdfs:comment "The entities graph <${entities}>: every triple of every record graph, each once. Provenance and run reports are not in it: query them with GRAPH ?g or FROM NAMED." ] ;
    sd:namedGraph [ a sd:NamedGraph ; sd:name <${entities}> ; rdfs:label "entities" ; rdfs:comment "The default graph, also by name." ] ;
    sd:namedGraph ${kind('record', `^${base}graph/[^/]+/[^/]+$`, 'One per published record: its triples as published ({base}graph/{sourceId}/{recordId}).')} ;
    sd:namedGraph ${kind('provenance', `^${base}graph/[^/]+/[^/]+/provenance$`, 'One per record: PROV-O about its record graph (a tombstone once deleted); what a run published it with is on its publication node, in a graph named by the node, e.g. GRAPH ?pg { ?g prov:wasGeneratedBy ?p } GRAPH ?p { ?p prov:endedAtTime ?t }.')} ;
    sd:namedGraph ${kind('report', `^${base}graph/reports/[^/]+/[^/]+$`, 'One per harvest run: its report and SHACL validation results ({base}graph/reports/{sourceId}/{runId}).')} ] .
`;
  if (mediaType === 'text/turtle') return turtle;
  const quads = new N3.Parser().parse(turtle);
  if (mediaType === 'application/n-triples') return new N3.Writer({ format: 'N-Triples' }).quadsToString(quads);
  const nquads = new N3.Writer({ format: 'N-Quads' }).quadsToString(quads);
  return JSON.stringify(await jsonld.fromRDF(nquads, { format: 'application/n-quads' }));
}
