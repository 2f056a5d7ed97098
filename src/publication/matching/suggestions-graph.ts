/**
 * Suggested authority links (issue 16, item 7): what other reconciliation services answered
 * about the hub's agents and concepts without an authority link, and what curators decided.
 *
 * Two one-segment graphs, both replaced whole by every commit (as decisions.ts does; two-segment
 * `{base}graph/{x}/{y}` graphs are record graphs to the stores' entities-graph upkeep):
 *
 * - `{base}graph/link-suggestions`: every suggestion with its status (pending, accepted,
 *   rejected, auto-accepted), score, service, time, and the entity's sources and organisations.
 * - `{base}graph/authority-links`: only `<entity> owl:sameAs <candidate>` for the accepted and
 *   auto-accepted ones, written as entity data (GraphWrite.entity), so that the stores merge it
 *   into the entities graph, the public SPARQL default graph the matcher and SPARQL users read.
 *   Entity descriptions (entity pages) read it too (entity-description.ts).
 *
 * Both go in one commit, so what is accepted and what is published never disagree.
 */
import { createHash } from 'node:crypto';
import { BadRequestError, NotFoundError } from '../../core/errors.js';
import { normaliseBase } from '../../core/identifiers.js';
import { literal, namedNode, quad, type Quad } from '../../core/rdf.js';
import { HUB, OWL, PROV, RDF, RDFS, XSD } from '../../core/vocab.js';
import type { Store, StoreReader } from '../../store/store.js';

export const SUGGESTIONS_GRAPH_PATH = 'graph/link-suggestions';
export const AUTHORITY_LINKS_GRAPH_PATH = 'graph/authority-links';

export type SuggestionStatus = 'pending' | 'accepted' | 'rejected' | 'auto-accepted';
export const SUGGESTION_STATUSES: readonly SuggestionStatus[] = ['pending', 'accepted', 'rejected', 'auto-accepted'];
/** Statuses that publish `owl:sameAs`. */
export const isAccepted = (s: SuggestionStatus) => s === 'accepted' || s === 'auto-accepted';

export interface LinkSuggestion {
  /** 16 hex of sha256(entity \0 candidate): the same suggestion keeps its id across asks. */
  id: string;
  entity: string;
  /** The entity's kind as it was asked about. */
  kind: 'agent' | 'concept';
  /** The entity's name as it was asked about. */
  label: string;
  candidate: string;
  name: string;
  description?: string;
  score: number;
  service: string;
  /** When the service answered (ISO 8601). */
  at: string;
  status: SuggestionStatus;
  /** Source ids and organisations of the records that describe the entity. */
  sources: string[];
  organisations: string[];
  /** Who decided and when (accepted, rejected; auto-accepted: `auto`). */
  decidedBy?: string;
  decidedAt?: string;
}

export const suggestionsGraphIri = (base: string) => `${normaliseBase(base)}${SUGGESTIONS_GRAPH_PATH}`;
export const authorityLinksGraphIri = (base: string) => `${normaliseBase(base)}${AUTHORITY_LINKS_GRAPH_PATH}`;
const suggestionIri = (base: string, id: string) => `${normaliseBase(base)}link-suggestion/${id}`;

export function suggestionId(entity: string, candidate: string): string {
  return createHash('sha256').update(`${entity}\u0000${candidate}`, 'utf8').digest('hex').slice(0, 16);
}

const dateTime = (v: string) => literal(v, namedNode(XSD('dateTime')));
/** A stored xsd:dateTime read back in the ISO form it was written in (Oxigraph drops trailing zeros of the milliseconds). */
const isoInstant = (v: string | undefined) => (v === undefined || Number.isNaN(Date.parse(v)) ? v : new Date(Date.parse(v)).toISOString());

function suggestionQuads(base: string, s: LinkSuggestion): Quad[] {
  const node = namedNode(suggestionIri(base, s.id));
  const t = (p: string, o: Quad['object']) => quad(node, namedNode(p), o);
  const out = [
    t(RDF('type'), namedNode(HUB('LinkSuggestion'))),
    t(HUB('linkSubject'), namedNode(s.entity)),
    t(HUB('linkObject'), namedNode(s.candidate)),
    t(HUB('entityType'), literal(s.kind)),
    t(HUB('subjectLabel'), literal(s.label)),
    t(RDFS('label'), literal(s.name)),
    t(HUB('score'), literal(String(s.score), namedNode(XSD('double')))),
    t(HUB('service'), literal(s.service)),
    t(PROV('generatedAtTime'), dateTime(s.at)),
    t(HUB('status'), literal(s.status)),
  ];
  if (s.description) out.push(t(RDFS('comment'), literal(s.description)));
  for (const source of s.sources) out.push(t(HUB('source'), literal(source)));
  for (const org of s.organisations) out.push(t(HUB('organisation'), literal(org)));
  if (s.decidedBy) out.push(t(PROV('wasAttributedTo'), literal(s.decidedBy)));
  if (s.decidedAt) out.push(t(HUB('decidedAt'), dateTime(s.decidedAt)));
  return out;
}

/** The suggestions in the graph's quads (incomplete ones left out), by entity, then best score first. */
export function suggestionsFromQuads(base: string, quads: readonly Quad[]): LinkSuggestion[] {
  const prefix = suggestionIri(base, '');
  const bySubject = new Map<string, Map<string, string[]>>();
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode' || !q.subject.value.startsWith(prefix)) continue;
    const props = bySubject.get(q.subject.value) ?? new Map<string, string[]>();
    props.set(q.predicate.value, [...(props.get(q.predicate.value) ?? []), q.object.value]);
    bySubject.set(q.subject.value, props);
  }
  const out: LinkSuggestion[] = [];
  for (const [subject, p] of bySubject) {
    const one = (iri: string) => p.get(iri)?.[0];
    const entity = one(HUB('linkSubject'));
    const candidate = one(HUB('linkObject'));
    const status = one(HUB('status')) as SuggestionStatus | undefined;
    const kind = one(HUB('entityType'));
    if (!entity || !candidate || !status || !SUGGESTION_STATUSES.includes(status) || (kind !== 'agent' && kind !== 'concept')) continue;
    const description = one(RDFS('comment'));
    const decidedBy = one(PROV('wasAttributedTo'));
    const decidedAt = isoInstant(one(HUB('decidedAt')));
    out.push({
      id: subject.slice(prefix.length),
      entity,
      kind,
      label: one(HUB('subjectLabel')) ?? '',
      candidate,
      name: one(RDFS('label')) ?? '',
      ...(description ? { description } : {}),
      score: Number(one(HUB('score')) ?? NaN),
      service: one(HUB('service')) ?? '',
      at: isoInstant(one(PROV('generatedAtTime'))) ?? '',
      status,
      sources: [...(p.get(HUB('source')) ?? [])].sort(),
      organisations: [...(p.get(HUB('organisation')) ?? [])].sort(),
      ...(decidedBy ? { decidedBy } : {}),
      ...(decidedAt ? { decidedAt } : {}),
    });
  }
  return sortSuggestions(out);
}

export function sortSuggestions(list: LinkSuggestion[]): LinkSuggestion[] {
  return list.sort((a, b) => (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : b.score - a.score || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0)));
}

export async function loadSuggestions(store: Pick<StoreReader, 'graph'>, base: string): Promise<LinkSuggestion[]> {
  return suggestionsFromQuads(base, await store.graph(suggestionsGraphIri(base)));
}

/** The pending suggestions for the entities of one organisation (case-insensitive, as the reports compare them). */
export function pendingOf(suggestions: readonly LinkSuggestion[], organisation: string): LinkSuggestion[] {
  const wanted = organisation.toLowerCase();
  return suggestions.filter((s) => s.status === 'pending' && s.organisations.some((o) => o.toLowerCase() === wanted)).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

type SuggestionStore = Pick<Store, 'graph' | 'commit'>;

// One writer at a time per store in this process: each commit replaces both graphs whole.
const writing = new WeakMap<object, Promise<unknown>>();
export function serialisedSuggestions<T>(store: object, work: () => Promise<T>): Promise<T> {
  const before = writing.get(store) ?? Promise.resolve();
  const run = before.then(work, work);
  writing.set(store, run.catch(() => undefined));
  return run;
}

/** Writes the suggestions and the owl:sameAs of the accepted ones, in one commit. */
export async function writeSuggestions(store: SuggestionStore, base: string, suggestions: readonly LinkSuggestion[]): Promise<void> {
  const graph = suggestionsGraphIri(base);
  const links = authorityLinksGraphIri(base);
  const sameAs = suggestions.filter((s) => isAccepted(s.status)).map((s) => quad(namedNode(s.entity), namedNode(OWL('sameAs')), namedNode(s.candidate)));
  const put = [];
  const drop = [];
  if (suggestions.length) put.push({ graph, quads: suggestions.flatMap((s) => suggestionQuads(base, s)) });
  else drop.push(graph);
  if (sameAs.length) put.push({ graph: links, quads: sameAs, entity: true });
  else drop.push(links);
  await store.commit({ put, drop });
}

/** A curator accepts or rejects a suggestion (again: a decision can be changed). NotFoundError without it. */
export function decideSuggestion(store: SuggestionStore, base: string, id: string, status: 'accepted' | 'rejected', curator = 'admin', at = new Date().toISOString()): Promise<LinkSuggestion> {
  if (!/^[0-9a-f]{16}$/.test(id)) return Promise.reject(new BadRequestError(`"${id}" is not a suggestion id (16 hex digits)`));
  return serialisedSuggestions(store, async () => {
    const all = await loadSuggestions(store, base);
    const found = all.find((s) => s.id === id);
    if (!found) throw new NotFoundError(`No link suggestion ${id}`);
    const decided: LinkSuggestion = { ...found, status, decidedBy: curator, decidedAt: at };
    await writeSuggestions(store, base, all.map((s) => (s.id === id ? decided : s)));
    return decided;
  });
}
