/**
 * Lists the hub IRIs the published records describe, for the collections of things records
 * mention (agents, organisations, places, concepts: collections.ts `classes`): every IRI under
 * {base}id/ (no hash IRI) that a live record graph types with one of the collection's classes or
 * whose type segment is one of its entity types. One SPARQL query per page, sorted by IRI, so
 * the cursor (the last IRI of a page) pages through any number of them. The filters read as on
 * the record collections: `q` and `type` about the IRI itself (its labels, its own rdf:type),
 * source, organisation and modifiedSince about a record that describes it, location/from/to
 * about that record's content.
 *
 * The query scans the store's rdf:type triples for each page: fine for a hub of some hundred
 * thousand records, a candidate for an index fed by the commits (like list-index.ts) beyond.
 */
import { HUB, PROV, RDF, XSD } from '../../core/vocab.js';
import type { StoreReader } from '../../store/store.js';
import { alt, contentFilters, queryWords, TEXT_PREDICATES, VALUE_PREDICATES, type EntityFilters, type EntityRow } from './entity-index.js';

const iri = (value: string) => `<${value.replace(/[<>"{}|^`\\\s]/g, (c) => encodeURIComponent(c))}>`;
const str = (value: string) => JSON.stringify(value);

export interface DescribedFilters extends EntityFilters {
  classes: readonly string[];
}

/** The SPARQL query for one page of described hub IRIs after `after`, `limit` rows. */
export function describedQuery(filters: DescribedFilters, base: string, after: string | undefined, limit: number): string {
  const typeSegments = filters.entityTypes.map((t) => `STRSTARTS(STR(?entity), ${str(`${base}id/${t}/`)})`);
  const membership = [...(filters.classes.length > 0 ? [`?class IN (${filters.classes.map(iri).join(', ')})`] : []), ...typeSegments].join(' || ') || 'false';
  const provenance: string[] = [];
  if (filters.source !== undefined) provenance.push(`?publication <${HUB('source')}> <${base}source/${encodeURIComponent(filters.source)}> .`);
  if (filters.organisation !== undefined) provenance.push(`?publication <${HUB('organisation')}> ?org . FILTER(LCASE(STR(?org)) = ${str(filters.organisation.toLowerCase())})`);
  if (filters.modifiedSince !== undefined) provenance.push(`FILTER(?published >= ${str(filters.modifiedSince)}^^<${XSD('dateTime')}>)`);
  const own: string[] = [];
  if (filters.type !== undefined) own.push(`FILTER EXISTS { GRAPH ?g { ?entity <${RDF('type')}> ${iri(filters.type)} } }`);
  for (const word of filters.q !== undefined ? queryWords(filters.q) : []) {
    own.push(
      `FILTER EXISTS { GRAPH ?g { { ?entity ${alt(TEXT_PREDICATES)} ?text } UNION { ?entity ${alt(TEXT_PREDICATES)} ?textNode . ?textNode ${alt(VALUE_PREDICATES)} ?text } FILTER(isLiteral(?text) && CONTAINS(LCASE(STR(?text)), ${str(word)})) } }`,
    );
  }
  const record = contentFilters({ ...filters, q: undefined, type: undefined });
  return `SELECT ?entity (SAMPLE(?g) AS ?graph) (MAX(?published) AS ?lastPublished) (SAMPLE(?source) AS ?src) WHERE {
  GRAPH ?g { ?entity <${RDF('type')}> ?class }
  FILTER(isIRI(?entity) && STRSTARTS(STR(?entity), ${str(`${base}id/`)}) && !CONTAINS(STR(?entity), "#"))
  FILTER(${membership})
  ${after !== undefined ? `FILTER(STR(?entity) > ${str(after)})` : ''}
  GRAPH ?pg { ?g <${PROV('wasGeneratedBy')}> ?publication }
  GRAPH ?publication { ?publication a <${HUB('Publication')}> ; <${HUB('source')}> ?source ; <${PROV('endedAtTime')}> ?published . ${provenance.join(' ')} }
  ${own.join('\n  ')}
  ${record.join('\n  ')}
} GROUP BY ?entity ORDER BY STR(?entity) LIMIT ${limit}`;
}

export async function listDescribed(store: StoreReader, filters: DescribedFilters, base: string, after: string | undefined, limit: number, timeoutMs?: number): Promise<EntityRow[]> {
  const rows = await store.select(describedQuery(filters, base, after, limit), { timeoutMs });
  return rows.map((r) => {
    const entity = r.entity!.value;
    return { entity, recordGraph: r.graph!.value, published: r.lastPublished!.value, entityType: entity.slice(base.length + 3).split('/')[0]!, source: r.src!.value };
  });
}
