/**
 * What the push reads from the store: a source's published records (their provenance graphs,
 * tombstones left out), their record graphs, and the IRIs each entity is known by (its cluster's
 * members and owl:sameAs targets, docs/data-model.md "Entity matching"), where a UiTdatabank id
 * of the same event or place shows up when UiTdatabank is harvested too.
 */
import { sourceIri } from '../../core/identifiers.js';
import type { Quad } from '../../core/rdf.js';
import { HUB, OWL, PROV } from '../../core/vocab.js';
import type { StoreReader } from '../../store/store.js';
import { recordGraphs } from '../indexes/entity-index.js';

const TIMEOUT_MS = 60_000;
/** Ids per query; pages go by keyset (Virtuoso refuses OFFSET past 10000). */
const PAGE = 5000;
/** Record graphs / IRIs bound per query. */
const CHUNK = 100;

export interface PublishedRecord {
  recordId: string;
  graph: string;
  /** The main entity (canonical when clustered). */
  entity: string;
}

const iri = (value: string) => `<${value.replace(/[<>"{}|^`\\\s]/g, (c) => encodeURIComponent(c))}>`;

/** The source's published records, in record id order (only `recordIds` when given). */
export async function publishedRecords(store: StoreReader, baseIri: string, sourceId: string, recordIds?: readonly string[]): Promise<PublishedRecord[]> {
  const pattern = `GRAPH ?pg { ?g <${PROV('wasGeneratedBy')}> ?publication ; <${HUB('recordId')}> ?id ; <${HUB('entity')}> ?entity } GRAPH ?publication { ?publication <${HUB('source')}> ${iri(sourceIri(baseIri, sourceId))} }`;
  const rows: PublishedRecord[] = [];
  const add = (found: Awaited<ReturnType<StoreReader['select']>>) => {
    for (const r of found) rows.push({ recordId: r.id!.value, graph: r.g!.value, entity: r.entity!.value });
  };
  if (recordIds) {
    // A batch: its ids bound by VALUES, a chunk per query, rather than paging through the whole source.
    const ids = [...new Set(recordIds)];
    for (let i = 0; i < ids.length; i += CHUNK) {
      add(await store.select(`SELECT ?g ?id ?entity WHERE { VALUES ?id { ${ids.slice(i, i + CHUNK).map((id) => JSON.stringify(id)).join(' ')} } ${pattern} }`, { timeoutMs: TIMEOUT_MS }));
    }
  } else {
    let after: string | undefined;
    for (;;) {
      const page = await store.select(
        `SELECT ?g ?id ?entity WHERE { ${pattern}${after === undefined ? '' : ` FILTER(STR(?id) > ${JSON.stringify(after)})`} } ORDER BY STR(?id) LIMIT ${PAGE}`,
        { timeoutMs: TIMEOUT_MS },
      );
      add(page);
      if (page.length < PAGE) break;
      after = page.at(-1)!.id!.value;
    }
  }
  // One row per record (a provenance graph names one entity); keep the first should a store repeat it.
  const seen = new Set<string>();
  return rows
    .sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0))
    .filter((r) => (seen.has(r.recordId) ? false : (seen.add(r.recordId), true)));
}

/** The quads of these record graphs, a chunk of graphs per query. */
export async function readRecordGraphs(store: StoreReader, graphs: readonly string[]): Promise<Map<string, Quad[]>> {
  const out = new Map<string, Quad[]>();
  for (let i = 0; i < graphs.length; i += CHUNK) {
    for (const [g, quads] of await recordGraphs(store, graphs.slice(i, i + CHUNK))) out.set(g, quads);
  }
  return out;
}

/**
 * Every IRI each of `iris` is known by: owl:sameAs either way, in any graph (the links graph, the
 * record graphs of the cluster's other members), the IRI itself included; sorted.
 */
export async function knownIris(store: StoreReader, iris: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, Set<string>>(iris.map((i) => [i, new Set([i])]));
  const list = [...new Set(iris)];
  for (let i = 0; i < list.length; i += CHUNK) {
    const values = list.slice(i, i + CHUNK).map(iri).join(' ');
    const rows = await store.select(`SELECT DISTINCT ?s ?m WHERE { VALUES ?s { ${values} } { ?s <${OWL('sameAs')}> ?m } UNION { ?m <${OWL('sameAs')}> ?s } FILTER(isIRI(?m)) }`, {
      timeoutMs: TIMEOUT_MS,
    });
    for (const r of rows) out.get(r.s!.value)?.add(r.m!.value);
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}

/** UiTdatabank document IRIs: `https://io.uitdatabank.be/{events|places|organizers}/{uuid}` (and the test environment's). */
const UIT_IRI = /^https?:\/\/io(?:-test|-acc)?\.uitdatabank\.be\/(event|place|organizer)s?\/([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12})\/?$/;

/** The UiTdatabank id of that kind among `iris` (the smallest, should a cluster hold two). */
export function uitdatabankId(iris: readonly string[], kind: 'event' | 'place' | 'organizer'): string | undefined {
  return iris
    .map((i) => UIT_IRI.exec(i))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === kind)
    .map((m) => m[2]!.toLowerCase())
    .sort()[0];
}

const CP_NS = 'https://data.vlaanderen.be/ns/cultuurparticipatie#';

/**
 * The UiTdatabank organizer ids the hub knows for an organisation (UiTdatabank organizers
 * harvested: cp:Organisator owl:sameAs its io.uitdatabank.be IRI): those with the same website
 * first (trailing slash and case ignored), then those with the same name; sorted within each.
 */
export async function knownOrganizerIds(store: StoreReader, organisation: { name: string; url: string }): Promise<string[]> {
  const url = organisation.url.trim().replace(/\/+$/, '').toLowerCase();
  const name = organisation.name.trim().toLowerCase();
  const rows = await store.select(
    `SELECT DISTINCT ?same ?byUrl WHERE {
      ?o a <${CP_NS}Organisator> ; <${OWL('sameAs')}> ?same .
      { ?o <http://xmlns.com/foaf/0.1/homepage> ?h FILTER(LCASE(REPLACE(STR(?h), "/+$", "")) = ${JSON.stringify(url)}) BIND(true AS ?byUrl) }
      UNION { ?o <${CP_NS}Realisator.naam> ?n FILTER(LCASE(STR(?n)) = ${JSON.stringify(name)}) BIND(false AS ?byUrl) }
    }`,
    { timeoutMs: TIMEOUT_MS },
  );
  const ids = (byUrl: boolean) => [...new Set(rows.filter((r) => (r.byUrl?.value === 'true') === byUrl).map((r) => uitdatabankId([r.same!.value], 'organizer')).filter((id): id is string => id !== undefined))].sort();
  return [...new Set([...ids(true), ...ids(false)])];
}
