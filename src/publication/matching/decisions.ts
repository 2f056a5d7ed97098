/**
 * Curator decisions on entity links (contract.ts, LinkDecision): merge, never-merge and split,
 * kept in one named graph `{base}graph/link-decisions` that every commit replaces whole. One
 * graph, not one per decision: `{base}graph/{x}/{y}` two-segment graphs are record graphs to the
 * stores' entities-graph upkeep (store/entities-graph.ts), and a decision is no record data.
 * The stores make a commit durable (the embedded store's journal, the remote store's own), so a
 * decision survives restarts; the match step reads them with `loadDecisions` on every run.
 */
import { createHash } from 'node:crypto';
import { BadRequestError, HubError, NotFoundError } from '../../core/errors.js';
import { normaliseBase } from '../../core/identifiers.js';
import { literal, namedNode, quad, type Quad } from '../../core/rdf.js';
import { HUB, PROV, RDF, RDFS, XSD } from '../../core/vocab.js';
import type { Store, StoreReader } from '../../store/store.js';
import { DECISIONS_GRAPH_PATH, type LinkDecision, type MatchType } from './contract.js';

export type DecisionKind = LinkDecision['kind'];
export const DECISION_KINDS: readonly DecisionKind[] = ['merge', 'never-merge', 'split'];

/** A decision contradicts one already kept (the HTTP API answers 409). */
export class DecisionConflictError extends HubError {
  constructor(
    message: string,
    readonly conflicting: LinkDecision[],
  ) {
    super(message, { code: 'DECISION_CONFLICT', context: { decisions: conflicting.map((d) => d.id) } });
  }
}

export const decisionsGraphIri = (base: string): string => `${normaliseBase(base)}${DECISIONS_GRAPH_PATH}`;
export const decisionIri = (base: string, id: string): string => `${normaliseBase(base)}link-decision/${id}`;

/** Code-point order (the contract's order of a pair); UTF-16 order differs only beyond the BMP. */
export function codePointCompare(x: string, y: string): number {
  const a = [...x];
  const b = [...y];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a[i]!.codePointAt(0)! - b[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Stable id of a decision: 16 hex of sha256(kind \0 a \0 b), the pair in code-point order. */
export function decisionId(kind: DecisionKind, a: string, b?: string): string {
  const [x, y] = b === undefined ? [a, ''] : codePointCompare(a, b) <= 0 ? [a, b] : [b, a];
  return createHash('sha256').update(`${kind}\u0000${x}\u0000${y}`, 'utf8').digest('hex').slice(0, 16);
}

/** The type segment of a hub entity IRI `{base}id/{type}/{source}/{record}`. */
export function entityTypeOfIri(base: string, iri: string): string | undefined {
  const prefix = `${normaliseBase(base)}id/`;
  return iri.startsWith(prefix) ? iri.slice(prefix.length).split('/')[0] || undefined : undefined;
}

/** Type segments and the matched type they name (as features.ts reads them: organisations are agents). */
const SEGMENT_TYPES: Record<string, MatchType> = {
  activiteit: 'activiteit',
  locatie: 'plaats',
  plaats: 'plaats',
  agent: 'agent',
  persoon: 'agent',
  organisatie: 'agent',
  organisator: 'agent',
  concept: 'concept',
};

/** The matched type an IRI's type segment names, when it names one. */
export const matchTypeOfIri = (base: string, iri: string): MatchType | undefined => SEGMENT_TYPES[entityTypeOfIri(base, iri) ?? ''];

/** Refuses anything but an absolute http(s) hub entity IRI `{base}id/{type}/…` without a fragment. */
export function checkEntityIri(base: string, iri: unknown, field: string): string {
  if (typeof iri !== 'string' || !iri) throw new BadRequestError(`${field}: a hub entity IRI is required`);
  let url: URL;
  try {
    url = new URL(iri);
  } catch {
    throw new BadRequestError(`${field}: "${iri}" is not an absolute IRI`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BadRequestError(`${field}: "${iri}" is not an http(s) IRI`);
  if (iri.includes('#')) throw new BadRequestError(`${field}: "${iri}" has a fragment; decisions name whole entities, not their hash IRIs`);
  if (/[\s<>"{}|\\^`]/.test(iri)) throw new BadRequestError(`${field}: "${iri}" holds characters an IRI may not hold`);
  const prefix = `${normaliseBase(base)}id/`;
  if (!iri.startsWith(prefix) || iri.slice(prefix.length).split('/').filter(Boolean).length < 2) {
    throw new BadRequestError(`${field}: "${iri}" is not a hub entity IRI (${prefix}{type}/…)`);
  }
  return iri;
}

export interface DecisionInput {
  kind: unknown;
  a: unknown;
  b?: unknown;
  note?: unknown;
  curator?: unknown;
}

const MAX_NOTE = 2000;
const MAX_CURATOR = 100;

/** A checked, normalised decision (pair in code-point order, its id) from what a client sent. */
/** A stored xsd:dateTime as the ISO form it was written in: a store may drop trailing zeros of the milliseconds (Oxigraph: `.900Z` → `.9Z`). */
function isoInstant(value: string | undefined): string {
  const time = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(time) ? (value ?? '') : new Date(time).toISOString();
}

export function makeDecision(base: string, input: DecisionInput, at: string = new Date().toISOString()): LinkDecision {
  const kind = input.kind;
  if (typeof kind !== 'string' || !DECISION_KINDS.includes(kind as DecisionKind)) {
    throw new BadRequestError(`kind: "${String(kind)}" is not one of ${DECISION_KINDS.join(', ')}`);
  }
  const first = checkEntityIri(base, input.a, 'a');
  const note = input.note === undefined || input.note === null || input.note === '' ? undefined : input.note;
  if (note !== undefined && (typeof note !== 'string' || note.length > MAX_NOTE)) throw new BadRequestError(`note: a text of at most ${MAX_NOTE} characters`);
  const curator = input.curator === undefined || input.curator === '' ? 'admin' : input.curator;
  if (typeof curator !== 'string' || curator.length > MAX_CURATOR || [...curator].some((c) => c.charCodeAt(0) < 0x20)) throw new BadRequestError(`curator: a name of at most ${MAX_CURATOR} characters`);
  if (kind === 'split') {
    if (input.b !== undefined && input.b !== null && input.b !== '') throw new BadRequestError('b: a split names one entity (a) only');
    return { kind, a: first, curator, at, ...(note ? { note } : {}), id: decisionId(kind, first) };
  }
  const second = checkEntityIri(base, input.b, 'b');
  if (first === second) throw new BadRequestError(`a and b are the same entity ${first}`);
  // Types known from both IRIs' segments must agree; an entity typed only by its classes may carry any segment.
  const typeA = matchTypeOfIri(base, first);
  const typeB = matchTypeOfIri(base, second);
  if (kind === 'merge' && typeA && typeB && typeA !== typeB) throw new BadRequestError(`Cannot merge entities of different types: ${first} is ${typeA}, ${second} is ${typeB}`);
  const [a, b] = codePointCompare(first, second) <= 0 ? [first, second] : [second, first];
  return { kind: kind as DecisionKind, a, b, curator, at, ...(note ? { note } : {}), id: decisionId(kind as DecisionKind, a, b) };
}

/** The decision as the decisions graph's quads (contract.ts). */
export function decisionQuads(base: string, decision: LinkDecision): Quad[] {
  const s = namedNode(decisionIri(base, decision.id));
  const quads = [
    quad(s, namedNode(RDF('type')), namedNode(HUB('LinkDecision'))),
    quad(s, namedNode(HUB('decision')), literal(decision.kind)),
    quad(s, namedNode(HUB('linkSubject')), namedNode(decision.a)),
    quad(s, namedNode(PROV('wasAttributedTo')), literal(decision.curator)),
    quad(s, namedNode(PROV('generatedAtTime')), literal(decision.at, namedNode(XSD('dateTime')))),
  ];
  if (decision.b) quads.push(quad(s, namedNode(HUB('linkObject')), namedNode(decision.b)));
  if (decision.note) quads.push(quad(s, namedNode(RDFS('comment')), literal(decision.note)));
  return quads;
}

/** The decisions in a decisions graph's quads; incomplete descriptions are left out. Sorted by time, then id. */
export function decisionsFromQuads(base: string, quads: readonly Quad[]): LinkDecision[] {
  const prefix = decisionIri(base, '');
  const bySubject = new Map<string, Map<string, string>>();
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode' || !q.subject.value.startsWith(prefix)) continue;
    const props = bySubject.get(q.subject.value) ?? new Map<string, string>();
    props.set(q.predicate.value, q.object.value);
    bySubject.set(q.subject.value, props);
  }
  const decisions: LinkDecision[] = [];
  for (const [subject, p] of bySubject) {
    const kind = p.get(HUB('decision')) as DecisionKind | undefined;
    const a = p.get(HUB('linkSubject'));
    if (!kind || !DECISION_KINDS.includes(kind) || !a) continue;
    const b = p.get(HUB('linkObject'));
    if ((kind === 'split') !== (b === undefined)) continue;
    const note = p.get(RDFS('comment'));
    decisions.push({ kind, a, ...(b ? { b } : {}), curator: p.get(PROV('wasAttributedTo')) ?? '', at: isoInstant(p.get(PROV('generatedAtTime'))), ...(note ? { note } : {}), id: subject.slice(prefix.length) });
  }
  return decisions.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : codePointCompare(x.id, y.id)));
}

/** Every kept decision (what the match step applies on each run). */
export async function loadDecisions(store: Pick<StoreReader, 'graph'>, base: string): Promise<LinkDecision[]> {
  return decisionsFromQuads(base, await store.graph(decisionsGraphIri(base)));
}

/** Members of a's group when the merge decisions are taken as edges. */
function mergeGroups(decisions: readonly LinkDecision[]): (iri: string) => string {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  for (const d of decisions) if (d.kind === 'merge' && d.b) parent.set(find(d.a), find(d.b));
  return find;
}

/**
 * The decisions `decision` contradicts, given the kept ones: a merge of two entities kept apart
 * (directly, or through other merges), a never-merge of two entities merged (directly or through
 * other merges), a split of an entity a merge names, a merge naming a split entity.
 */
export function conflictsOf(decision: LinkDecision, kept: readonly LinkDecision[]): LinkDecision[] {
  const others = kept.filter((d) => d.id !== decision.id);
  if (decision.kind === 'split') return others.filter((d) => d.kind === 'merge' && (d.a === decision.a || d.b === decision.a));
  if (decision.kind === 'merge') {
    const splits = others.filter((d) => d.kind === 'split' && (d.a === decision.a || d.a === decision.b));
    const group = mergeGroups([...others, decision]);
    const apart = others.filter((d) => d.kind === 'never-merge' && group(d.a) === group(d.b!));
    return [...splits, ...apart];
  }
  // never-merge: a merge path between a and b (the merges on it are what contradicts).
  const merges = others.filter((d) => d.kind === 'merge');
  const group = mergeGroups(merges);
  if (group(decision.a) !== group(decision.b!)) return [];
  return merges.filter((d) => group(d.a) === group(decision.a));
}

// One writer at a time per store in this process: each commit replaces the whole graph.
const writing = new WeakMap<object, Promise<unknown>>();
function serialised<T>(store: object, work: () => Promise<T>): Promise<T> {
  const before = writing.get(store) ?? Promise.resolve();
  const run = before.then(work, work);
  writing.set(store, run.catch(() => undefined));
  return run;
}

type DecisionStore = Pick<Store, 'graph' | 'commit'>;

async function writeAll(store: DecisionStore, base: string, decisions: readonly LinkDecision[]): Promise<void> {
  const graph = decisionsGraphIri(base);
  if (decisions.length === 0) await store.commit({ drop: [graph] });
  else await store.commit({ put: [{ graph, quads: decisions.flatMap((d) => decisionQuads(base, d)) }] });
}

/**
 * Keeps a decision (checked with makeDecision). The same decision again (same id) keeps the first
 * and answers `created: false`; one that contradicts a kept decision is refused with
 * DecisionConflictError naming it, until that one is withdrawn.
 */
export function recordDecision(store: DecisionStore, base: string, decision: LinkDecision): Promise<{ decision: LinkDecision; created: boolean }> {
  return serialised(store, async () => {
    const kept = await loadDecisions(store, base);
    const same = kept.find((d) => d.id === decision.id);
    if (same) return { decision: same, created: false };
    const conflicts = conflictsOf(decision, kept);
    if (conflicts.length) {
      const named = conflicts.map((d) => `${d.kind} ${d.id} (${[d.a, d.b].filter(Boolean).join(' , ')})`).join('; ');
      const what = decision.kind === 'split' ? `split of ${decision.a}` : `${decision.kind} of ${decision.a} and ${decision.b}`;
      throw new DecisionConflictError(`The ${what} contradicts the kept decision(s) ${named}: withdraw them first`, conflicts);
    }
    await writeAll(store, base, [...kept, decision]);
    return { decision, created: true };
  });
}

/** Removes a kept decision; NotFoundError when there is none with this id. Returns the removed one. */
export function withdrawDecision(store: DecisionStore, base: string, id: string): Promise<LinkDecision> {
  return serialised(store, async () => {
    const kept = await loadDecisions(store, base);
    const gone = kept.find((d) => d.id === id);
    if (!gone) throw new NotFoundError(`No link decision ${id}`);
    await writeAll(store, base, kept.filter((d) => d.id !== id));
    return gone;
  });
}
