/**
 * The entity-IRI step: a record's mapped quads onto the hub's IRIs before they are published
 * (docs/data-model.md, Entity model). Pure: the same quads give the same output, byte for byte.
 *
 *   - the main entity's source IRI S becomes the hub IRI H (subject and object), `S#x` becomes
 *     `H#x`, and `H owl:sameAs S` stays;
 *   - an entity the source names in its own namespaces (`ownIriPrefixes`) gets
 *     `{base}id/{type}/{sourceId}/{local id}` and `owl:sameAs` its source IRI;
 *   - every blank node becomes a hash IRI of H, named from where it hangs and what it says, so an
 *     unchanged record gives the same IRIs (and the same content hash) on every harvest.
 *
 * IRIs the mappings mint under `{base}id/` and every other IRI (Getty, Wikidata, …) stay as they are.
 */
import { createHash } from 'node:crypto';
import { entityTypeOfClasses } from '../core/entity-classes.js';
import { entityIri, normaliseBase, segment } from '../core/identifiers.js';
import type { RawRecord } from '../core/records.js';
import { namedNode, nQuadLines, quad, type Quad } from '../core/rdf.js';
import { OWL, RDF } from '../core/vocab.js';
import { COLLECTIONS } from '../publication/indexes/collections.js';

export interface EntityIriContext {
  baseIri: string;
  sourceId: string;
  /** The source's entity type: the type segment of the main entity's hub IRI. */
  entityType: string;
  ownIriPrefixes?: readonly string[];
}

export interface EntityIris {
  /** The record's quads on hub IRIs, without blank nodes, sorted as N-Quads lines. */
  quads: Quad[];
  /** The main entity's hub IRI. */
  entity: string;
  /** The main entity's IRI in the source's own terms, when the mapping kept one. */
  sourceEntity?: string;
  /** Every hub IRI (`{base}id/…`, no hash IRIs) the quads describe as subject, sorted. */
  describes: string[];
}

/** Entity types a source IRI's path may name (`…/id/agent/530024296`): the collections' types. */
const KNOWN_TYPES = new Set(COLLECTIONS.flatMap((c) => c.entityTypes));
const TYPE = RDF('type');
const SAME_AS = OWL('sameAs');

/**
 * The IRI of the record's main entity in the source's own terms, when it has one: the record's
 * link, else a typed subject whose last path segment is the record id (as the LDES connector
 * takes ids from IRIs), else one of a class of the source's entity type, else the first typed
 * subject. An IRI a mapping minted under `{base}id/` is never taken for it by a guess: that
 * entity is shared by every record that names it.
 */
export function sourceEntity(quads: Quad[], record: Pick<RawRecord, 'recordId' | 'link'>, hubIri: string, hint: { baseIri?: string; entityType?: string } = {}): string | undefined {
  const subjects = new Set(quads.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject.value));
  if (subjects.has(hubIri)) return undefined;
  if (record.link && subjects.has(record.link)) return record.link;
  const hubIds = hint.baseIri === undefined ? undefined : `${normaliseBase(hint.baseIri)}id/`;
  const classes = new Map<string, string[]>();
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode' || q.predicate.value !== TYPE) continue;
    classes.set(q.subject.value, [...(classes.get(q.subject.value) ?? []), q.object.value]);
  }
  const tail = `/${segment(record.recordId)}`;
  const typed = [...classes.keys()];
  const byId = typed.find((iri) => iri.endsWith(tail) || iri.endsWith(`/${record.recordId}`));
  if (byId) return byId;
  const guesses = typed.filter((iri) => hubIds === undefined || !iri.startsWith(hubIds));
  return guesses.find((iri) => hint.entityType !== undefined && entityTypeOfClasses(classes.get(iri)!) === hint.entityType) ?? guesses[0];
}

export function entityIris(quads: Quad[], record: Pick<RawRecord, 'recordId' | 'link'>, ctx: EntityIriContext): EntityIris {
  const base = normaliseBase(ctx.baseIri);
  const hub = entityIri(base, ctx.entityType, ctx.sourceId, record.recordId);
  const own = sourceEntity(quads, record, hub, { baseIri: base, entityType: ctx.entityType });
  const rename = renamer(quads, hub, own, base, ctx);
  // An owl:sameAs keeps its object: it is the link to the source's own IRI.
  const renamed = quads.map((q) => quad(rename.term(q.subject), q.predicate, q.predicate.value === SAME_AS ? q.object : rename.term(q.object), q.graph));
  if (own) renamed.push(quad(namedNode(hub), namedNode(SAME_AS), namedNode(own)));
  for (const [sourceIri, hubIri] of rename.entities) renamed.push(quad(namedNode(hubIri), namedNode(SAME_AS), namedNode(sourceIri)));
  const out = sortedUnique(withoutBlankNodes(renamed, hub));
  const describes = [...new Set(out.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject.value))]
    .filter((iri) => iri.startsWith(`${base}id/`) && !iri.includes('#'))
    .sort();
  return { quads: out, entity: hub, sourceEntity: own, describes };
}

/** The IRI renames of one record: the main entity, and the entities named in the source's own namespaces. */
function renamer(quads: Quad[], hub: string, own: string | undefined, base: string, ctx: EntityIriContext) {
  const prefixes = (ctx.ownIriPrefixes ?? []).filter((p) => p.length > 0);
  const classes = new Map<string, string[]>();
  for (const q of quads) {
    if (q.predicate.value !== TYPE || q.subject.termType !== 'NamedNode' || q.object.termType !== 'NamedNode') continue;
    const list = classes.get(q.subject.value) ?? [];
    list.push(q.object.value);
    classes.set(q.subject.value, list);
  }
  /** Source IRI → hub IRI of the entities renamed (without fragments): their owl:sameAs. */
  const entities = new Map<string, string>();
  const subEntity = (iri: string): string | undefined => {
    if (entities.has(iri)) return entities.get(iri);
    const prefix = prefixes.find((p) => iri.startsWith(p));
    if (!prefix || iri.startsWith(`${base}id/`)) return undefined;
    const path = iri.slice(prefix.length).split(/[?#]/)[0]!.split('/').filter(Boolean);
    // The type the IRI's path names wins over rdf:type: it is the same in every record that mentions the IRI.
    const type = path.length > 1 && KNOWN_TYPES.has(path[0]!) ? path[0]! : entityTypeOfClasses(classes.get(iri) ?? []);
    const local = path.at(-1);
    if (!type || !local) return undefined;
    const minted = entityIri(base, type, ctx.sourceId, decoded(local));
    entities.set(iri, minted);
    return minted;
  };
  const iri = (value: string): string => {
    if (own && (value === own || value.startsWith(`${own}#`))) return hub + value.slice(own.length);
    const hash = value.indexOf('#');
    const main = hash < 0 ? value : value.slice(0, hash);
    const minted = subEntity(main);
    return minted ? minted + value.slice(main.length) : value;
  };
  return {
    entities,
    term: <T extends Quad['subject'] | Quad['object']>(t: T): T => (t.termType === 'NamedNode' ? (namedNode(iri(t.value)) as unknown as T) : t),
  };
}

/** A path segment as the id it stands for (segment() encodes it again); a malformed escape as it is. */
function decoded(local: string): string {
  try {
    return decodeURIComponent(local);
  } catch {
    return local;
  }
}

/**
 * Every blank node as `{hub}#{name}-{hash}`: name from the predicate it hangs on (or its class when
 * nothing points at it), hash of what it says (its predicates and objects, nested blank nodes by
 * their own hashes). Identical nodes get -2, -3… in the order of what points at them, so the
 * output does not depend on the parser's blank node labels.
 */
function withoutBlankNodes(quads: Quad[], hub: string): Quad[] {
  const outgoing = new Map<string, Quad[]>();
  const incoming = new Map<string, Quad[]>();
  const add = (map: Map<string, Quad[]>, key: string, q: Quad) => {
    const list = map.get(key);
    if (list) list.push(q);
    else map.set(key, [q]);
  };
  for (const q of quads) {
    if (q.subject.termType === 'BlankNode') add(outgoing, q.subject.value, q);
    if (q.object.termType === 'BlankNode') add(incoming, q.object.value, q);
  }
  const nodes = new Set([...outgoing.keys(), ...incoming.keys()]);
  if (nodes.size === 0) return quads;

  const hashes = new Map<string, string>();
  const hashOf = (node: string, visiting: Set<string>): string => {
    const known = hashes.get(node);
    if (known) return known;
    // A cycle of blank nodes: the node on the way back counts as a marker (still deterministic).
    if (visiting.has(node)) return 'cycle';
    visiting.add(node);
    const lines = (outgoing.get(node) ?? []).map((q) => `${termKey(q.predicate)} ${q.object.termType === 'BlankNode' ? `_:${hashOf(q.object.value, visiting)}` : termKey(q.object)}`);
    visiting.delete(node);
    const digest = createHash('sha256').update(lines.sort().join('\n')).digest('hex');
    hashes.set(node, digest);
    return digest;
  };
  for (const node of nodes) hashOf(node, new Set());

  const names = new Map<string, string>();
  const taken = new Map<string, number>();
  let pending = [...nodes];
  while (pending.length > 0) {
    // A node is named once something named points at it (or nothing at all points at it), so
    // its tie-break can use its parent's final name.
    let ready = pending
      .map((node) => ({ node, key: parentKey(incoming.get(node) ?? [], names) }))
      .filter((r): r is { node: string; key: { key: string; predicate?: string } } => r.key !== undefined);
    // Only blank cycles nothing named points at are left: name them by content.
    if (ready.length === 0) ready = pending.map((node) => ({ node, key: { key: '' } }));
    const labelled = ready
      .map((r) => ({ ...r, label: `${readable(r.key.predicate ?? classOf(outgoing.get(r.node) ?? []))}-${hashes.get(r.node)!.slice(0, 8)}` }))
      .sort((a, b) => cmp(a.label, b.label) || cmp(a.key.key, b.key.key) || cmp(hashes.get(a.node)!, hashes.get(b.node)!));
    for (const r of labelled) {
      const n = (taken.get(r.label) ?? 0) + 1;
      taken.set(r.label, n);
      names.set(r.node, `${hub}#${r.label}${n > 1 ? `-${n}` : ''}`);
    }
    const done = new Set(labelled.map((r) => r.node));
    pending = pending.filter((node) => !done.has(node));
  }
  const term = <T extends Quad['subject'] | Quad['object']>(t: T): T => (t.termType === 'BlankNode' ? (namedNode(names.get(t.value)!) as unknown as T) : t);
  return quads.map((q) => quad(term(q.subject), q.predicate, term(q.object), q.graph));
}

/** The smallest (parent name, predicate) among the quads pointing at a node; undefined while a blank parent is unnamed. */
function parentKey(pointers: Quad[], names: Map<string, string>): { key: string; predicate?: string } | undefined {
  if (pointers.length === 0) return { key: '' };
  let best: { key: string; predicate?: string } | undefined;
  for (const q of pointers) {
    const parent = q.subject.termType === 'BlankNode' ? names.get(q.subject.value) : q.subject.value;
    if (parent === undefined) continue;
    const key = `${parent} ${q.predicate.value}`;
    if (!best || key < best.key) best = { key, predicate: q.predicate.value };
  }
  return best;
}

function classOf(quads: Quad[]): string {
  return quads.filter((q) => q.predicate.value === TYPE && q.object.termType === 'NamedNode').map((q) => q.object.value).sort()[0] ?? 'node';
}

/** The local name of an IRI, kept to characters a fragment shows as they are. */
function readable(iri: string): string {
  const local = iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1) || 'node';
  return local.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 48);
}

function termKey(t: Quad['object'] | Quad['predicate']): string {
  if (t.termType !== 'Literal') return `<${t.value}>`;
  return `${JSON.stringify(t.value)}${t.language ? `@${t.language}` : `^^<${t.datatype.value}>`}`;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The quads once each, in the order of their N-Quads lines: the canonical form the content hash is taken of. */
export function sortedUnique(quads: Quad[]): Quad[] {
  const lines = new Map<string, Quad>();
  nQuadLines(quads).forEach((line, i) => lines.set(line, quads[i]!));
  return [...lines.keys()].sort().map((line) => lines.get(line)!);
}
