/**
 * JSON-LD of a page (a collection or search page: the page's own triples plus each member's record
 * data) assembled from per-record compactions instead of one jsonld.js compaction of the whole
 * page, which cost most of a page's time (bench/results-api.md). The output is the JSON
 * jsonld.js gives for the whole page (test/integration/api/jsonld-page.test.ts compares them):
 *   - jsonld.js's fromRDF sorts the nodes by @id; each node's keys follow its expanded
 *     properties in sorted order, each property's values in the order the triples came, once;
 *   - a key holds one value as a scalar unless its term is a @set (the contexts' only container
 *     in pages), more as an array.
 * So a node that only one part describes is that part's compacted node, and a node several parts
 * describe (a venue two events share, a member and the page's rank of it) is their compacted nodes
 * merged by those rules. A record's compaction is kept as long as its data array (the entity
 * cache's, which lives until the store's next commit). Anything outside those shapes (an RDF
 * list, a key that is not one property) falls back to compacting the whole page.
 */
import type { Quad } from '../../core/rdf.js';
import { RDF } from '../../core/vocab.js';
import { compactQuads, expandKey, rootFirst } from './rdf-serialise.js';

type Node = Record<string, unknown>;

interface Fragment {
  context: unknown;
  /** Compacted nodes by the subject key fromRDF sorts on (IRI, or _:label). */
  nodes: Map<string, Node>;
}

export interface PagePart {
  quads: Quad[];
  /** True when `quads` is an array kept for the store's current state (its compaction is kept with it). */
  cached?: boolean;
}

const fragments = new WeakMap<Quad[], Map<string, Fragment | null>>();
const expandedKeys = new Map<string, Promise<string | undefined>>();

const subjectKey = (q: Quad) => (q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value);
const LIST = new Set([RDF('first'), RDF('rest')]);

/** A part's compacted nodes, or null when it has a shape this assembly does not handle. */
async function fragmentOf(quads: Quad[], base: string, contextFile: string): Promise<Fragment | null> {
  if (quads.some((q) => LIST.has(q.predicate.value))) return null;
  const compacted = await compactQuads(quads, base, contextFile);
  const context = compacted['@context'];
  const graph = Array.isArray(compacted['@graph']) ? (compacted['@graph'] as Node[]) : Object.keys(compacted).length > 1 ? [omitContext(compacted)] : [];
  const subjects = [...new Set(quads.map(subjectKey))].sort();
  if (graph.length !== subjects.length) return null;
  return { context, nodes: new Map(subjects.map((s, i) => [s, graph[i]!])) };
}

async function cachedFragment(part: PagePart, base: string, contextFile: string): Promise<Fragment | null> {
  if (!part.cached) return fragmentOf(part.quads, base, contextFile);
  let byContext = fragments.get(part.quads);
  if (!byContext) fragments.set(part.quads, (byContext = new Map()));
  const key = `${base}\n${contextFile}`;
  if (!byContext.has(key)) byContext.set(key, await fragmentOf(part.quads, base, contextFile));
  return byContext.get(key)!;
}

function expanded(key: string, base: string, contextFile: string): Promise<string | undefined> {
  const memo = `${base}\n${contextFile}\n${key}`;
  let found = expandedKeys.get(memo);
  if (!found) expandedKeys.set(memo, (found = expandKey(key, base, contextFile)));
  return found;
}

/** Nodes of one subject from several parts, merged as one compaction of all their triples writes it; undefined when a key is not one property. */
async function merge(nodes: Node[], base: string, contextFile: string): Promise<Node | undefined> {
  // expanded property -> its keys in first-use order -> values, and whether a key is an array even with one value (@set)
  const properties = new Map<string, Map<string, { values: unknown[]; seen: Set<string>; array: boolean }>>();
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node)) {
      const iri = await expanded(key, base, contextFile);
      if (iri === undefined || iri === '@reverse' || iri === '@graph' || iri === '@context') return undefined;
      let keys = properties.get(iri);
      if (!keys) properties.set(iri, (keys = new Map()));
      let entry = keys.get(key);
      if (!entry) keys.set(key, (entry = { values: [], seen: new Set(), array: false }));
      if (iri === '@id') {
        entry.values = [value];
        continue;
      }
      if (Array.isArray(value)) entry.array ||= value.length === 1;
      for (const v of [value].flat()) {
        if (v !== null && typeof v === 'object' && '@list' in (v as Node)) return undefined;
        const id = JSON.stringify(v);
        if (entry.seen.has(id)) continue;
        entry.seen.add(id);
        entry.values.push(v);
      }
    }
  }
  const out: Node = {};
  for (const iri of [...properties.keys()].sort()) {
    for (const [key, entry] of properties.get(iri)!) out[key] = iri === '@id' || (entry.values.length === 1 && !entry.array) ? entry.values[0] : entry.values;
  }
  return out;
}

/**
 * The page's compacted JSON-LD document: the same object as compacting all parts' triples at once
 * with jsonld.js (then `root`'s node first), built from each part's own compaction. `parts[0]`
 * is the page's own triples, the others the members' data in page order; the whole page's
 * triples are in the order of the parts.
 */
export async function compactPage(parts: PagePart[], base: string, contextFile: string, root?: string): Promise<Record<string, unknown>> {
  const whole = () => compactQuads(parts.flatMap((p) => p.quads), base, contextFile).then((c) => rootFirst(c, root));
  // Values of one property of one subject in two parts keep their order only when one part holds them all but the
  // page's own leading part: the page's own triples (ranks, publication times) never share a property with the data.
  const [own, ...rest] = parts;
  if (own && rest.length) {
    const ownPairs = new Set(own.quads.map((q) => `${subjectKey(q)} ${q.predicate.value}`));
    if (rest.some((p) => p.quads.some((q) => ownPairs.has(`${subjectKey(q)} ${q.predicate.value}`)))) return whole();
  }
  const found = await Promise.all(parts.filter((p) => p.quads.length).map((p) => cachedFragment(p, base, contextFile)));
  if (found.some((f) => f === null) || !found.length) return whole();
  const bySubject = new Map<string, Node[]>();
  for (const fragment of found as Fragment[]) {
    for (const [subject, node] of fragment.nodes) {
      const list = bySubject.get(subject);
      if (list) list.push(node);
      else bySubject.set(subject, [node]);
    }
  }
  const graph: Node[] = [];
  for (const subject of [...bySubject.keys()].sort()) {
    const nodes = bySubject.get(subject)!;
    // A copy: the route adds and removes keys of the page's nodes, the kept ones stay as compacted.
    const node = nodes.length === 1 ? { ...nodes[0]! } : await merge(nodes, base, contextFile);
    if (!node) return whole();
    graph.push(node);
  }
  const context = (found[0] as Fragment).context;
  if (graph.length === 1) return { '@context': context, ...graph[0] };
  return rootFirst({ '@context': context, '@graph': graph }, root);
}

function omitContext(o: Node): Node {
  const { '@context': _drop, ...rest } = o;
  return rest;
}
