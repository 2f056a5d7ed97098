/**
 * Finds published entities through their provenance graphs (docs/data-model.md): one SPARQL
 * query per page, filtered and sorted by entity IRI, so a cursor (the last IRI of a page) pages
 * through any number of entities without a cap and without skipping or repeating one.
 */
import { entityIri, provenanceGraphIri, recordGraphIri } from '../../core/identifiers.js';
import { quad, type Quad } from '../../core/rdf.js';
import { recordProvenance } from './record-provenance.js';
import { CP, CRM, DCT, HUB, PROV, RDF, RDFS, SCHEMA, SKOS, XSD } from '../../core/vocab.js';
import type { StoreReader } from '../../store/store.js';

export interface EntityFilters {
  entityTypes: readonly string[];
  /** Words that must all occur (case-insensitive) in a title, name, label or description. */
  q?: string;
  /** rdf:type IRI of a resource in the record. */
  type?: string;
  organisation?: string;
  /** A place IRI, or text in the place's name or address. */
  location?: string;
  /** ISO date (or dateTime): the record has a date on or after it / on or before it. */
  from?: string;
  to?: string;
  /** Published (or republished) by the hub on or after this instant. */
  modifiedSince?: string;
  /** Source id. */
  source?: string;
}

export interface EntityRow {
  entity: string;
  recordGraph: string;
  published: string;
  entityType: string;
  source: string;
}

export const TEXT_PREDICATES = [DCT('title'), DCT('description'), RDFS('label'), SKOS('prefLabel'), SKOS('altLabel'), SCHEMA('name'), SCHEMA('description'), CRM('P102_has_title'), CRM('P3_has_note'), CRM('P1_is_identified_by')];
/** Nested title/description nodes (crm:P102_has_title [ rdfs:label … ]) carry their text here. */
export const VALUE_PREDICATES = [RDFS('label'), SCHEMA('value'), 'http://www.w3.org/1999/02/22-rdf-syntax-ns#value', SKOS('prefLabel'), CRM('P190_has_symbolic_content')];
const LOCATION_PREDICATES = [
  PROV('atLocation'),
  SCHEMA('location'),
  CP('Activiteit.locatie'),
  CP('locatie'),
  CRM('P7_took_place_at'),
  CRM('P53_has_former_or_current_location'),
  CRM('P55_has_current_location'),
  'http://www.w3.org/ns/locn#address',
  'http://www.w3.org/ns/locn#location',
];
const PLACE_TEXT = [...VALUE_PREDICATES, SCHEMA('name'), 'http://www.w3.org/ns/locn#fullAddress', 'http://www.w3.org/ns/locn#postName', 'http://www.w3.org/ns/locn#locatorName', 'http://www.w3.org/ns/locn#thoroughfare'];

const iri = (value: string) => `<${value.replace(/[<>"{}|^`\\\s]/g, (c) => encodeURIComponent(c))}>`;
const str = (value: string) => JSON.stringify(value);
export const alt = (predicates: string[]) => predicates.map(iri).join('|');
/**
 * ?text: a literal-or-node value of a text property of ?x, or one hop further through a value
 * property (nested title nodes). Two UNION branches rather than the path `(T)/(V)?`: Virtuoso
 * cannot run a zero-or-one path whose two ends are unbound ("transitive derived table").
 */
export const TEXT_VALUES = `{ ?x ${alt(TEXT_PREDICATES)} ?text } UNION { ?x ${alt(TEXT_PREDICATES)} ?textNode . ?textNode ${alt(VALUE_PREDICATES)} ?text }`;
const DATE_TYPES = [XSD('date'), XSD('dateTime'), XSD('gYear'), XSD('dateTimeStamp')];

/** Hops from a place to the texts that name it (place → address → street name is three). */
const PLACE_DEPTH = 4;

/**
 * ?placeText: ?place itself or a value up to PLACE_DEPTH hops away through location and
 * place-text properties, as UNION branches: Virtuoso cannot run the path `(…)*` (it wants a
 * bound start for a transitive path, and this one has alternatives).
 */
function placeTexts(): string {
  const step = `${alt(LOCATION_PREDICATES)}|${alt(PLACE_TEXT)}`;
  const branches = [`{ BIND(?place AS ?placeText) }`];
  for (let hops = 1; hops <= PLACE_DEPTH; hops++) {
    const nodes = ['?place', ...Array.from({ length: hops - 1 }, (_, i) => `?placeHop${i + 1}`), '?placeText'];
    branches.push(`{ ${nodes.slice(0, -1).map((n, i) => `${n} ${step} ${nodes[i + 1]} .`).join(' ')} }`);
  }
  return branches.join(' UNION ');
}

/** The words of `q`, each to be found (lower-cased) in a lower-cased text of the record. */
export function queryWords(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}

/** FILTER EXISTS clauses for the filters on record content (q, type, location, from, to), over the record graph ?g. */
export function contentFilters(filters: EntityFilters): string[] {
  const inRecord: string[] = [];
  if (filters.q !== undefined) {
    const words = queryWords(filters.q);
    for (const word of words) inRecord.push(`FILTER EXISTS { GRAPH ?g { ${TEXT_VALUES} FILTER(isLiteral(?text) && CONTAINS(LCASE(STR(?text)), ${str(word)})) } }`);
  }
  if (filters.type !== undefined) inRecord.push(`FILTER EXISTS { GRAPH ?g { ?typed <${RDF('type')}> ${iri(filters.type)} } }`);
  if (filters.location !== undefined) {
    const loc = filters.location;
    const match = /^https?:\/\//.test(loc) ? `FILTER(?place = ${iri(loc)})` : `${placeTexts()} FILTER(isLiteral(?placeText) && CONTAINS(LCASE(STR(?placeText)), ${str(loc.toLowerCase())}))`;
    inRecord.push(`FILTER EXISTS { GRAPH ?g { ?located (${alt(LOCATION_PREDICATES)}) ?place . ${match} } }`);
  }
  if (filters.from !== undefined || filters.to !== undefined) {
    const bounds: string[] = [];
    if (filters.from !== undefined) bounds.push(`SUBSTR(STR(?date), 1, ${filters.from.length}) >= ${str(filters.from)}`);
    if (filters.to !== undefined) bounds.push(`SUBSTR(STR(?date), 1, ${filters.to.length}) <= ${str(filters.to)}`);
    inRecord.push(
      `FILTER EXISTS { GRAPH ?g { ?dated ?datePredicate ?date . FILTER(?datePredicate != <${DCT('modified')}> && ?datePredicate != <${DCT('created')}> && isLiteral(?date) && DATATYPE(?date) IN (${DATE_TYPES.map(iri).join(', ')}) && ${bounds.join(' && ')}) } }`,
    );
  }
  return inRecord;
}

/** Which of these record graphs pass the filters on record content (one query, the graphs bound by VALUES). */
export async function recordsMatching(store: StoreReader, filters: EntityFilters, graphs: string[], timeoutMs?: number): Promise<Set<string>> {
  const rows = await store.select(`SELECT ?g WHERE {\n  VALUES ?g { ${graphs.map(iri).join(' ')} }\n  ${contentFilters(filters).join('\n  ')}\n}`, { timeoutMs });
  return new Set(rows.map((r) => r.g!.value));
}

/** The SPARQL query for one page of entities after `after` (an entity IRI), `limit` rows. */
export function listQuery(filters: EntityFilters, base: string, after: string | undefined, limit: number): string {
  const where: string[] = [];
  if (filters.organisation !== undefined) where.push(`?publication <${HUB('organisation')}> ?org . FILTER(LCASE(STR(?org)) = ${str(filters.organisation.toLowerCase())})`);
  if (filters.source !== undefined) where.push(`?publication <${HUB('source')}> <${base}source/${encodeURIComponent(filters.source)}> .`);
  if (filters.modifiedSince !== undefined) where.push(`FILTER(?published >= ${str(filters.modifiedSince)}^^<${XSD('dateTime')}>)`);
  // Only this hub's records (its base IRI): a remote store may hold other hubs' graphs.
  return `SELECT ?entity ?g ?published ?entityType ?source WHERE {
  GRAPH ?pg { ?g <${PROV('wasGeneratedBy')}> ?publication ; <${HUB('entity')}> ?entity . }
  GRAPH ?publication {
    ?publication a <${HUB('Publication')}> ; <${HUB('entityType')}> ?entityType ; <${HUB('source')}> ?source ; <${PROV('endedAtTime')}> ?published .
    ${where.join('\n    ')}
  }
  FILTER(STRSTARTS(STR(?g), ${str(base)}))
  FILTER(?entityType IN (${filters.entityTypes.map(str).join(', ') || '""'}))
  ${after !== undefined ? `FILTER(STR(?entity) > ${str(after)})` : ''}
  ${contentFilters(filters).join('\n  ')}
} ORDER BY STR(?entity) LIMIT ${limit}`;
}

export async function listEntities(store: StoreReader, filters: EntityFilters, base: string, after: string | undefined, limit: number, timeoutMs?: number): Promise<EntityRow[]> {
  const rows = await store.select(listQuery(filters, base, after, limit), { timeoutMs });
  return rows.map((r) => ({ entity: r.entity!.value, recordGraph: r.g!.value, published: r.published!.value, entityType: r.entityType!.value, source: r.source!.value }));
}

/**
 * The triples of several record graphs in one query (a list page on a remote store, which has no
 * cache: one read per member would send the page's members to the store all at once).
 */
export async function recordGraphs(store: StoreReader, graphs: string[]): Promise<Map<string, Quad[]>> {
  const out = new Map<string, Quad[]>(graphs.map((g) => [g, []]));
  if (graphs.length === 0) return out;
  const rows = await store.select(`SELECT ?g ?s ?p ?o WHERE { VALUES ?g { ${graphs.map(iri).join(' ')} } GRAPH ?g { ?s ?p ?o } }`);
  for (const r of rows) out.get(r.g!.value)?.push(quad(r.s as never, r.p as never, r.o as never, r.g as never));
  return out;
}

export type EntityState =
  | { state: 'published'; entity: string; entityType: string; recordGraph: string; provenanceGraph: string; provenance: Quad[]; data: Quad[] }
  | { state: 'deleted'; entity: string; entityType: string; provenanceGraph: string; provenance: Quad[] }
  | { state: 'unknown' };

/**
 * One record's entity, read straight from its two named graphs (no query: this is the hot path
 * of dereferencing and single-resource GETs).
 */
export async function entityState(store: StoreReader, base: string, sourceId: string, recordId: string): Promise<EntityState> {
  const provenanceGraph = provenanceGraphIri(base, sourceId, recordId);
  const provenance = await recordProvenance(store, provenanceGraph);
  const entity = provenance.find((q) => q.predicate.value === HUB('entity'))?.object.value;
  const entityType = provenance.find((q) => q.predicate.value === HUB('entityType'))?.object.value;
  if (!entity || !entityType) return { state: 'unknown' };
  if (provenance.some((q) => q.predicate.value === RDF('type') && q.object.value === HUB('Tombstone'))) return { state: 'deleted', entity, entityType, provenanceGraph, provenance };
  const recordGraph = recordGraphIri(base, sourceId, recordId);
  return { state: 'published', entity, entityType, recordGraph, provenanceGraph, provenance, data: await store.graph(recordGraph) };
}

/** The API id of an entity: `{sourceId}:{recordId}` (decoded from the IRI's last two segments). */
export function apiId(entity: string): string {
  const parts = entity.split('/');
  return `${parts[parts.length - 2]}:${decodeURIComponent(parts[parts.length - 1]!)}`;
}

export { entityIri };
