/**
 * The description of any IRI the hub mints under {base}id/ (a record's main entity or an entity
 * a record mentions: an agent, place, concept, organisation): every triple whose subject is the
 * IRI or one of its hash IRIs (`IRI#…`), and, recursively, the blank nodes they lead to, from
 * every record graph that describes it, each triple once. Which records describe an IRI is read
 * from the provenance graphs (`hub:entity`, `hub:describes`) and, for records published before
 * provenance listed `hub:describes`, from the record graphs that hold the IRI as a subject.
 * An IRI that records described once but none describes now is deleted (410); one no record ever
 * described is unknown (404).
 */
import { OWL, HUB, PROV } from '../../core/vocab.js';
import { recordProvenance } from './record-provenance.js';
import { namedNode, quad, type Quad, type Term } from '../../core/rdf.js';
import type { StoreReader } from '../../store/store.js';
import { LINKS_GRAPH_PATH } from '../matching/contract.js';
import { AUTHORITY_LINKS_GRAPH_PATH } from '../matching/suggestions-graph.js';

export type Description =
  | {
      state: 'published';
      iri: string;
      /** The type segment of the IRI ({base}id/{type}/…). */
      entityType: string;
      data: Quad[];
      /** Record graphs that describe the IRI, the one whose main entity it is first. */
      recordGraphs: string[];
      /** Their provenance graphs, in the same order. */
      provenanceGraphs: string[];
      /** The provenance of the first record graph. */
      provenance: Quad[];
    }
  | { state: 'deleted'; iri: string; entityType: string; provenanceGraphs: string[]; provenance: Quad[] }
  | { state: 'unknown' };

const iriRef = (value: string) => `<${value.replace(/[<>"{}|^`\\\s]/g, (c) => encodeURIComponent(c))}>`;

/** The type segment of a hub IRI, or undefined when the IRI is not under {base}id/. */
export function hubIriType(base: string, iri: string): string | undefined {
  if (!iri.startsWith(`${base}id/`) || iri.includes('#')) return undefined;
  const type = iri.slice(base.length + 3).split('/')[0];
  return type ? type : undefined;
}

/** A key telling terms apart in one description (blank nodes are scoped by their record graph). */
const key = (t: Term, graph: string) => (t.termType === 'BlankNode' ? `_:${graph} ${t.value}` : `${t.termType} ${t.value} ${t.termType === 'Literal' ? `${t.language} ${t.datatype.value}` : ''}`);

/**
 * The triples of one record graph that describe `iri`: the IRI, its hash IRIs, the IRIs it is
 * owl:sameAs when the graph describes them (a record written before the hub IRI became the main
 * subject), and the blank nodes reachable from those, recursively.
 */
export function describedIn(quads: Quad[], iri: string): Quad[] {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    const k = q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value;
    const list = bySubject.get(k);
    if (list) list.push(q);
    else bySubject.set(k, [q]);
  }
  const roots = [...bySubject.keys()].filter((s) => s === iri || s.startsWith(`${iri}#`));
  for (const q of bySubject.get(iri) ?? []) if (q.predicate.value === OWL('sameAs') && q.object.termType === 'NamedNode' && bySubject.has(q.object.value)) roots.push(q.object.value);
  const seen = new Set<string>();
  const out: Quad[] = [];
  const pending = [...roots];
  while (pending.length > 0) {
    const s = pending.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    for (const q of bySubject.get(s) ?? []) {
      out.push(q);
      if (q.object.termType === 'BlankNode') pending.push(`_:${q.object.value}`);
      else if (q.object.termType === 'NamedNode' && q.object.value.startsWith(`${iri}#`)) pending.push(q.object.value);
    }
  }
  return out;
}

/** Quads from several graphs, each triple once (blank nodes stay apart per graph). */
export function distinctTriples(perGraph: { graph: string; quads: Quad[] }[]): Quad[] {
  const seen = new Set<string>();
  const out: Quad[] = [];
  for (const { graph, quads } of perGraph) {
    for (const q of quads) {
      const k = `${key(q.subject, graph)}\n${q.predicate.value}\n${key(q.object, graph)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(q);
    }
  }
  return out;
}

/** The record graphs whose provenance names `iri` (main entity or described), live or tombstoned. */
async function namedIn(store: StoreReader, base: string, iri: string): Promise<{ live: string[]; main: string | undefined; tombstones: string[] }> {
  const rows = await store.select(`SELECT ?g ?rel ?kind WHERE {
  GRAPH ?pg { ?g ?rel ${iriRef(iri)} ; ?kind ?by . }
  FILTER(?rel IN (<${HUB('entity')}>, <${HUB('describes')}>))
  FILTER(?kind IN (<${PROV('wasGeneratedBy')}>, <${PROV('wasInvalidatedBy')}>))
  FILTER(STRSTARTS(STR(?g), ${JSON.stringify(`${base}graph/`)}))
}`);
  const live = new Set<string>();
  const tombstones = new Set<string>();
  let main: string | undefined;
  for (const r of rows) {
    const g = r.g!.value;
    if (r.kind!.value === PROV('wasInvalidatedBy')) tombstones.add(g);
    else {
      live.add(g);
      if (r.rel!.value === HUB('entity')) main = g;
    }
  }
  return { live: [...live], main, tombstones: [...tombstones] };
}

/**
 * The triples with `iri` as subject, per record graph (not provenance, report or the merged
 * entities graph). One indexed lookup: most IRIs a record mentions (an agent, a concept) are
 * described by these alone, so their records need not be read whole however many there are.
 */
async function ownTriples(store: StoreReader, base: string, iri: string): Promise<Map<string, Quad[]>> {
  const subject = namedNode(iri);
  const rows = await store.select(`SELECT ?g ?p ?o WHERE { GRAPH ?g { ${iriRef(iri)} ?p ?o } FILTER(STRSTARTS(STR(?g), ${JSON.stringify(`${base}graph/`)})) }`);
  const out = new Map<string, Quad[]>();
  for (const r of rows) {
    const g = r.g!.value;
    if (g === `${base}graph/entities` || g.endsWith('/provenance') || g.endsWith('/matching') || g.startsWith(`${base}graph/reports/`)) continue;
    const list = out.get(g) ?? [];
    list.push(quad(subject, r.p as Quad['predicate'], r.o as Quad['object']));
    out.set(g, list);
  }
  return out;
}

/** Whether a record's triples about `iri` lead further (blank nodes, hash IRIs, a source IRI it is owl:sameAs). */
const leadsFurther = (own: Quad[], iri: string) =>
  own.some((q) => q.object.termType === 'BlankNode' || (q.object.termType === 'NamedNode' && (q.object.value.startsWith(`${iri}#`) || q.predicate.value === OWL('sameAs'))));

export async function describe(store: StoreReader, base: string, iri: string): Promise<Description> {
  const entityType = hubIriType(base, iri);
  if (entityType === undefined) return { state: 'unknown' };
  const [named, own] = await Promise.all([namedIn(store, base, iri), ownTriples(store, base, iri)]);
  // Curator-accepted authority links (suggestions-graph.ts) add to what records say; they are no record graph.
  const linksGraph = `${base}${AUTHORITY_LINKS_GRAPH_PATH}`;
  const accepted = own.get(linksGraph) ?? [];
  own.delete(linksGraph);
  const live = [...new Set([...(named.main ? [named.main] : []), ...named.live, ...[...own.keys()].sort()])];
  const perGraph = await Promise.all(
    live.map(async (graph) => {
      const direct = own.get(graph);
      // The whole record only when the IRI's own triples lead on (or the provenance names it but it is no subject: hash IRIs alone).
      return { graph, quads: direct && !leadsFurther(direct, iri) ? direct : describedIn(await store.graph(graph), iri) };
    }),
  );
  const describing = perGraph.filter((g) => g.quads.length > 0);
  if (describing.length > 0) {
    const recordGraphs = describing.map((g) => g.graph);
    const provenanceGraphs = recordGraphs.map((g) => `${g}/provenance`);
    const data = distinctTriples(accepted.length ? [...describing, { graph: linksGraph, quads: accepted }] : describing);
    return { state: 'published', iri, entityType, data, recordGraphs, provenanceGraphs, provenance: await recordProvenance(store, provenanceGraphs[0]!) };
  }
  if (named.tombstones.length > 0) {
    const provenanceGraphs = named.tombstones.sort().map((g) => `${g}/provenance`);
    return { state: 'deleted', iri, entityType, provenanceGraphs, provenance: await recordProvenance(store, provenanceGraphs[0]!) };
  }
  return { state: 'unknown' };
}

/**
 * The hub IRIs that stand for a source's own IRI (`H owl:sameAs <source IRI>`, or the record's
 * `hub:sourceEntity`), the main entity of a live record first, then in IRI order.
 */
export async function hubIrisFor(store: StoreReader, base: string, sourceIri: string): Promise<string[]> {
  const prefix = JSON.stringify(`${base}id/`);
  const rows = await store.select(`SELECT DISTINCT ?h ?main WHERE {
  { GRAPH ?g { ?g <${HUB('sourceEntity')}> ${iriRef(sourceIri)} } GRAPH ?pg { ?g <${HUB('entity')}> ?h ; <${PROV('wasGeneratedBy')}> ?by } BIND(1 AS ?main) }
  UNION
  { GRAPH ?g { ?h <${OWL('sameAs')}> ${iriRef(sourceIri)} } BIND(0 AS ?main) }
  FILTER(isIRI(?h) && STRSTARTS(STR(?h), ${prefix}) && !CONTAINS(STR(?h), "#"))
} ORDER BY DESC(?main) STR(?h) LIMIT 100`);
  return [...new Set(rows.map((r) => r.h!.value))];
}

/**
 * The canonical IRI of a hub IRI that entity matching put in a cluster under another IRI
 * (docs/data-model.md, "Entity matching"): the links graph's `<canonical> owl:sameAs <iri>`.
 */
export async function canonicalIriOf(store: StoreReader, base: string, iri: string): Promise<string | undefined> {
  const rows = await store.select(`SELECT ?c WHERE { GRAPH <${base}${LINKS_GRAPH_PATH}> { ?c <${OWL('sameAs')}> ${iriRef(iri)} } FILTER(isIRI(?c) && ?c != ${iriRef(iri)}) } ORDER BY STR(?c) LIMIT 1`);
  return rows[0]?.c?.value;
}
