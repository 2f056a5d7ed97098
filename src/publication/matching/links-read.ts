/**
 * Reading the links graph `{base}graph/links` (contract.ts) for curators: the review queue (pairs
 * waiting for a decision, best score first), the links of one entity, and clusters (the canonical
 * IRI's `owl:sameAs` lines). Each side comes with its labels (entities graph) and the record
 * graphs that describe it. Portable SPARQL 1.1 (Oxigraph and Virtuoso): literals are compared
 * with STR(), no engine extensions.
 */
import { entitiesGraphIri, normaliseBase } from '../../core/identifiers.js';
import { DCT, HUB, OWL, RDFS, SCHEMA, SKOS } from '../../core/vocab.js';
import { recordGraphFilter } from '../../store/entities-graph.js';
import type { StoreReader } from '../../store/store.js';
import { LINKS_GRAPH_PATH, type MatchEvidence, type MatchVerdict } from './contract.js';
import { codePointCompare, decisionsGraphIri } from './decisions.js';

export const linksGraphIri = (base: string): string => `${normaliseBase(base)}${LINKS_GRAPH_PATH}`;

const TIMEOUT_MS = 20_000;
const LABEL_PREDICATES = [RDFS('label'), SKOS('prefLabel'), SCHEMA('name'), DCT('title')];
const iri = (value: string) => `<${value}>`;

export interface EntitySide {
  iri: string;
  /** The label to show (Dutch first, then English, then any). */
  label?: string;
  labels: { value: string; language?: string }[];
  /** The record graphs describing it, with their source id. */
  records: { graph: string; source: string }[];
}

export interface LinkView {
  id: string;
  a: EntitySide;
  b: EntitySide;
  type: string;
  score: number;
  verdict: MatchVerdict;
  evidence: MatchEvidence[];
  summary?: string;
}

export interface ReviewPage {
  total: number;
  offset: number;
  limit: number;
  items: LinkView[];
}

export interface ClusterView {
  iri: string;
  members: EntitySide[];
}

function parseEvidence(text: string | undefined): MatchEvidence[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed)
      ? parsed.filter((e): e is MatchEvidence => !!e && typeof e === 'object' && typeof e.rule === 'string').map((e) => ({ rule: e.rule, weight: Number(e.weight) || 0, detail: String(e.detail ?? '') }))
      : [];
  } catch {
    return [];
  }
}

const LINK_PATTERN = (base: string) => `GRAPH ${iri(linksGraphIri(base))} {
    ?link a ${iri(HUB('Link'))} ; ${iri(HUB('linkSubject'))} ?a ; ${iri(HUB('linkObject'))} ?b ; ${iri(HUB('verdict'))} ?verdict .
    OPTIONAL { ?link ${iri(HUB('score'))} ?score }
    OPTIONAL { ?link ${iri(HUB('entityType'))} ?type }
    OPTIONAL { ?link ${iri(HUB('evidence'))} ?evidence }
    OPTIONAL { ?link ${iri(RDFS('comment'))} ?comment }
  }`;

// A pair with a merge or never-merge decision has left the queue, whatever the links graph still says.
const UNDECIDED = (base: string) => `FILTER NOT EXISTS { GRAPH ${iri(decisionsGraphIri(base))} { ?d ${iri(HUB('linkSubject'))} ?a ; ${iri(HUB('linkObject'))} ?b } }`;

type Row = Record<string, { value: string } | undefined>;

async function linkViews(store: StoreReader, base: string, rows: Row[]): Promise<LinkView[]> {
  const sides = await describeEntities(store, base, rows.flatMap((r) => [r.a!.value, r.b!.value]));
  return rows.map((r) => ({
    id: r.link!.value.slice(r.link!.value.lastIndexOf('/') + 1),
    a: sides.get(r.a!.value)!,
    b: sides.get(r.b!.value)!,
    type: r.type?.value ?? '',
    score: Number(r.score?.value ?? 0),
    verdict: r.verdict!.value as MatchVerdict,
    evidence: parseEvidence(r.evidence?.value),
    ...(r.comment ? { summary: r.comment.value } : {}),
  }));
}

/** Pairs with verdict `review` and no curator decision yet, best score first. */
export async function reviewQueue(store: StoreReader, base: string, options: { offset?: number; limit?: number; type?: string } = {}): Promise<ReviewPage> {
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const limit = Math.min(200, Math.max(1, Math.floor(options.limit ?? 20)));
  const typeFilter = options.type ? `FILTER(STR(?type) = ${JSON.stringify(options.type)})` : '';
  const where = `WHERE {
  ${LINK_PATTERN(base)}
  FILTER(STR(?verdict) = "review")
  ${typeFilter}
  ${UNDECIDED(base)}
}`;
  const [count] = await store.select(`SELECT (COUNT(?link) AS ?n) ${where}`, { timeoutMs: TIMEOUT_MS });
  const rows = (await store.select(`SELECT ?link ?a ?b ?verdict ?score ?type ?evidence ?comment ${where} ORDER BY DESC(?score) ?a ?b LIMIT ${limit} OFFSET ${offset}`, { timeoutMs: TIMEOUT_MS })) as Row[];
  return { total: Number(count?.n?.value ?? 0), offset, limit, items: await linkViews(store, base, rows) };
}

/** Every kept link (match or review) naming this entity, best score first. */
export async function linksOf(store: StoreReader, base: string, entity: string): Promise<LinkView[]> {
  const rows = (await store.select(
    `SELECT ?link ?a ?b ?verdict ?score ?type ?evidence ?comment WHERE {
  ${LINK_PATTERN(base)}
  FILTER(?a = ${iri(entity)} || ?b = ${iri(entity)})
} ORDER BY DESC(?score) ?a ?b`,
    { timeoutMs: TIMEOUT_MS },
  )) as Row[];
  return linkViews(store, base, rows);
}

/** The cluster `entity` belongs to (its canonical and every member); a lone entity is a cluster of one. */
export async function clusterOf(store: StoreReader, base: string, entity: string): Promise<ClusterView> {
  const graph = iri(linksGraphIri(base));
  const sameAs = iri(OWL('sameAs'));
  const up = await store.select(`SELECT ?c WHERE { GRAPH ${graph} { ?c ${sameAs} ${iri(entity)} } }`, { timeoutMs: TIMEOUT_MS });
  const canonical = up.map((r) => r.c!.value).sort(codePointCompare)[0] ?? entity;
  const down = await store.select(`SELECT ?m WHERE { GRAPH ${graph} { ${iri(canonical)} ${sameAs} ?m } }`, { timeoutMs: TIMEOUT_MS });
  const members = [...new Set([canonical, ...down.map((r) => r.m!.value)])].sort(codePointCompare);
  const sides = await describeEntities(store, base, members);
  return { iri: canonical, members: members.map((m) => sides.get(m)!) };
}

/** Clusters of more than one member, by canonical IRI, paged. */
export async function clusters(store: StoreReader, base: string, options: { offset?: number; limit?: number } = {}): Promise<{ total: number; offset: number; limit: number; items: { iri: string; members: string[] }[] }> {
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const limit = Math.min(200, Math.max(1, Math.floor(options.limit ?? 50)));
  const graph = iri(linksGraphIri(base));
  const sameAs = iri(OWL('sameAs'));
  const [count] = await store.select(`SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ${graph} { ?c ${sameAs} ?m } }`, { timeoutMs: TIMEOUT_MS });
  const heads = await store.select(`SELECT DISTINCT ?c WHERE { GRAPH ${graph} { ?c ${sameAs} ?m } } ORDER BY ?c LIMIT ${limit} OFFSET ${offset}`, { timeoutMs: TIMEOUT_MS });
  const items: { iri: string; members: string[] }[] = [];
  if (heads.length) {
    const rows = await store.select(`SELECT ?c ?m WHERE { VALUES ?c { ${heads.map((h) => iri(h.c!.value)).join(' ')} } GRAPH ${graph} { ?c ${sameAs} ?m } }`, { timeoutMs: TIMEOUT_MS });
    for (const h of heads) {
      const c = h.c!.value;
      items.push({ iri: c, members: [...new Set([c, ...rows.filter((r) => r.c!.value === c).map((r) => r.m!.value)])].sort(codePointCompare) });
    }
  }
  return { total: Number(count?.n?.value ?? 0), offset, limit, items };
}

const LANGUAGE_RANK = (language?: string) => (language === 'nl' || language?.startsWith('nl-') ? 0 : language === 'en' || language?.startsWith('en-') ? 1 : language ? 3 : 2);

/** Labels and describing record graphs of these entities. */
export async function describeEntities(store: StoreReader, base: string, entities: readonly string[]): Promise<Map<string, EntitySide>> {
  const unique = [...new Set(entities)];
  const sides = new Map<string, EntitySide>(unique.map((e) => [e, { iri: e, labels: [], records: [] }]));
  if (!unique.length) return sides;
  const values = unique.map(iri).join(' ');
  const labels = await store.select(
    `SELECT ?s ?label WHERE { VALUES ?s { ${values} } VALUES ?p { ${LABEL_PREDICATES.map(iri).join(' ')} } GRAPH ${iri(entitiesGraphIri(base))} { ?s ?p ?label } FILTER(isLiteral(?label)) }`,
    { timeoutMs: TIMEOUT_MS },
  );
  const records = await store.select(`SELECT DISTINCT ?s ?g WHERE { VALUES ?s { ${values} } GRAPH ?g { ?s ?p ?o } FILTER(${recordGraphFilter('?g', base)}) }`, { timeoutMs: TIMEOUT_MS });
  for (const r of labels) {
    const side = sides.get(r.s!.value);
    const label = r.label!;
    const language = label.termType === 'Literal' && label.language ? label.language.toLowerCase() : undefined;
    if (side && !side.labels.some((l) => l.value === label.value && l.language === language)) side.labels.push({ value: label.value, ...(language ? { language } : {}) });
  }
  const graphPrefix = `${normaliseBase(base)}graph/`;
  for (const r of records) {
    const side = sides.get(r.s!.value);
    const graph = r.g!.value;
    if (side && !side.records.some((x) => x.graph === graph)) side.records.push({ graph, source: graph.slice(graphPrefix.length).split('/')[0]! });
  }
  for (const side of sides.values()) {
    side.labels.sort((x, y) => LANGUAGE_RANK(x.language) - LANGUAGE_RANK(y.language) || codePointCompare(x.value, y.value));
    side.records.sort((x, y) => codePointCompare(x.graph, y.graph));
    if (side.labels[0]) side.label = side.labels[0].value;
  }
  return sides;
}
