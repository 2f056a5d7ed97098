/**
 * Record graphs onto their clusters' canonical IRIs (docs/data-model.md, "Entity matching"): every
 * hub entity IRI M of a cluster becomes its canonical IRI C, subject or object, and `M#x` becomes
 * `C#x`; the graph states `<C> owl:sameAs <M>` for each M it named, so the rewrite can be redone
 * from the stored graph when the clusters change (a split gives M its own IRI back). Cheap: the
 * encoded text is rewritten as text, one pass, and a graph naming no cluster member is returned
 * as it is.
 *
 * Undoing reads those sameAs lines: C standing for one member M that the record does not describe
 * itself (`hub:describes`) stood for M. When one record names two members of one cluster (or C
 * and another member), their statements cannot be told apart again: they follow the smallest of
 * their new canonical IRIs until the record changes at its source.
 */
import { namedNode, quad, type Quad } from '../../core/rdf.js';
import { HUB, OWL } from '../../core/vocab.js';

const SAME_AS = OWL('sameAs');
const ENTITY = HUB('entity');
const DESCRIBES = HUB('describes');

export interface RewriteContext {
  /** `{base}id/`: only hub entity IRIs are rewritten. */
  idPrefix: string;
  /** A hub IRI's canonical IRI (itself when in no cluster). */
  canonical(iri: string): string;
  /** The hub IRIs the record describes itself (its provenance's `hub:describes`). */
  natives?: ReadonlySet<string>;
}

/** IRI as written → IRI to write, and the sameAs lines (canonical, member) the graph then states. */
interface Plan {
  targets: Map<string, string>;
  markers: [string, string][];
}

const isEntity = (iri: string, prefix: string) => iri.startsWith(prefix) && !iri.includes('#');
const mainOf = (iri: string) => {
  const hash = iri.indexOf('#');
  return hash < 0 ? iri : iri.slice(0, hash);
};

function plan(written: Set<string>, previous: Map<string, Set<string>>, ctx: RewriteContext): Plan | undefined {
  const targets = new Map<string, string>();
  const markers: [string, string][] = [];
  let changed = false;
  for (const v of [...new Set([...written, ...previous.keys()])].sort()) {
    const before = previous.get(v);
    const originals = before ? [...(ctx.natives?.has(v) ? [v] : []), ...before] : [v];
    const target = originals.map((o) => ctx.canonical(o)).sort()[0]!;
    targets.set(v, target);
    if (target !== v) changed = true;
    for (const o of originals) if (o !== target) markers.push([target, o]);
  }
  const old = [...previous].flatMap(([x, ys]) => [...ys].map((y) => `${x} ${y}`)).sort();
  const fresh = markers.map(([c, m]) => `${c} ${m}`).sort();
  if (!changed && old.join('\n') === fresh.join('\n')) return undefined;
  markers.sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
  return { targets, markers };
}

const MARKER_INFIX = `> <${SAME_AS}> <`;

/**
 * Whether the text may need a rewrite: it names a hub IRI whose canonical IRI is another, or has
 * sameAs lines between hub IRIs (an earlier rewrite). A scan with indexOf, no regular expression:
 * most record graphs of a batch name no cluster member.
 */
function mayNeedRewrite(text: string, ctx: RewriteContext): boolean {
  if (text.includes(`${MARKER_INFIX}${ctx.idPrefix}`)) return true;
  const open = `<${ctx.idPrefix}`;
  for (let at = text.indexOf(open); at >= 0; at = text.indexOf(open, at + open.length)) {
    const end = text.indexOf('>', at);
    if (end < 0) break;
    const main = mainOf(text.slice(at + 1, end));
    if (ctx.canonical(main) !== main) return true;
  }
  return false;
}

/** A record graph's N-Quads text on canonical IRIs; the same string when nothing changes. */
export function rewriteNQuads(text: string, graph: string, ctx: RewriteContext): string {
  if (!mayNeedRewrite(text, ctx)) return text;
  const lines = text.split('\n');
  const previous = new Map<string, Set<string>>();
  const written = new Set<string>();
  const marker = (line: string): [string, string] | undefined => {
    if (!line.startsWith(`<${ctx.idPrefix}`)) return undefined;
    const at = line.indexOf(MARKER_INFIX);
    if (at < 0) return undefined;
    const x = line.slice(1, at);
    const rest = line.slice(at + MARKER_INFIX.length);
    const y = rest.slice(0, rest.indexOf('>'));
    return !x.includes('>') && isEntity(x, ctx.idPrefix) && isEntity(y, ctx.idPrefix) && x !== y ? [x, y] : undefined;
  };
  const IRI = /<([^<>"\s]*)>/g;
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '') continue;
    const m = marker(line);
    if (m) {
      previous.set(m[0], (previous.get(m[0]) ?? new Set()).add(m[1]));
      continue;
    }
    kept.push(line);
    if (!line.includes(ctx.idPrefix)) continue;
    for (const match of line.matchAll(IRI)) if (match[1]!.startsWith(ctx.idPrefix)) written.add(mainOf(match[1]!));
  }
  const p = plan(written, previous, ctx);
  if (!p) return text;
  const out = kept.map((line) =>
    line.includes(ctx.idPrefix)
      ? line.replace(IRI, (whole, iri: string) => {
          if (!iri.startsWith(ctx.idPrefix)) return whole;
          const main = mainOf(iri);
          const target = p.targets.get(main);
          return target && target !== main ? `<${target}${iri.slice(main.length)}>` : whole;
        })
      : line,
  );
  for (const [c, m] of p.markers) out.push(`<${c}> <${SAME_AS}> <${m}> <${graph}> .`);
  return `${[...new Set(out)].join('\n')}\n`;
}

/** A record graph's quads on canonical IRIs; the same array when nothing changes. */
export function rewriteQuads(quads: Quad[], ctx: RewriteContext): Quad[] {
  const previous = new Map<string, Set<string>>();
  const written = new Set<string>();
  const isMarker = (q: Quad) => q.predicate.value === SAME_AS && q.subject.termType === 'NamedNode' && q.object.termType === 'NamedNode' && isEntity(q.subject.value, ctx.idPrefix) && isEntity(q.object.value, ctx.idPrefix) && q.subject.value !== q.object.value;
  const kept: Quad[] = [];
  for (const q of quads) {
    if (isMarker(q)) {
      previous.set(q.subject.value, (previous.get(q.subject.value) ?? new Set()).add(q.object.value));
      continue;
    }
    kept.push(q);
    for (const t of [q.subject, q.object]) if (t.termType === 'NamedNode' && t.value.startsWith(ctx.idPrefix)) written.add(mainOf(t.value));
  }
  const p = plan(written, previous, ctx);
  if (!p) return quads;
  const term = <T extends Quad['subject'] | Quad['object']>(t: T): T => {
    if (t.termType !== 'NamedNode' || !t.value.startsWith(ctx.idPrefix)) return t;
    const main = mainOf(t.value);
    const target = p.targets.get(main);
    return target && target !== main ? (namedNode(target + t.value.slice(main.length)) as unknown as T) : t;
  };
  const seen = new Set<string>();
  const out: Quad[] = [];
  for (const q of [...kept.map((q) => quad(term(q.subject), q.predicate, term(q.object), q.graph)), ...p.markers.map(([c, m]) => quad(namedNode(c), namedNode(SAME_AS), namedNode(m)))]) {
    const k = `${q.subject.value} ${q.predicate.value} ${q.object.termType} ${q.object.value} ${q.object.termType === 'Literal' ? `${q.object.language} ${q.object.datatype.value}` : ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(q);
  }
  return out;
}

/**
 * The record's main entity as the source's record names it: `{base}id/{entityType}/{source}/{record id}`,
 * from the record graph `{base}graph/{source}/{record id}` (core/identifiers.ts).
 */
export function mainEntityOf(base: string, recordGraph: string, entityType: string): string {
  return `${base}id/${entityType}/${recordGraph.slice(`${base}graph/`.length)}`;
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A provenance graph's `hub:entity` on the canonical IRI of the record's main entity (text).
 * `native` is the record's own main entity IRI; without it, the one the provenance names (as the
 * process step writes it, before any rewrite). The record's own IRIs stay in its matching graph.
 */
export function rewriteProvenanceNQuads(text: string, canonical: (iri: string) => string, native?: string): string {
  const entityLine = new RegExp(`^(<[^>]*>) <${escaped(ENTITY)}> <([^>]*)>`, 'm').exec(text);
  if (!entityLine) return text;
  const target = canonical(native ?? entityLine[2]!);
  if (target === entityLine[2]) return text;
  return text.replace(entityLine[0], `${entityLine[1]} <${ENTITY}> <${target}>`);
}

/** As rewriteProvenanceNQuads, on quads. */
export function rewriteProvenanceQuads(quads: Quad[], canonical: (iri: string) => string, native?: string): Quad[] {
  const entity = quads.find((q) => q.predicate.value === ENTITY);
  if (!entity) return quads;
  const target = canonical(native ?? entity.object.value);
  if (target === entity.object.value) return quads;
  return quads.map((q) => (q === entity ? quad(q.subject, q.predicate, namedNode(target), q.graph) : q));
}

/** The hub IRIs a record describes itself, from its matching graph (match-features.ts). */
export function nativesOf(matching: Quad[]): Set<string> {
  return new Set(matching.filter((q) => q.predicate.value === DESCRIBES).map((q) => q.object.value));
}
