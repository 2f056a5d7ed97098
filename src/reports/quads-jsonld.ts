/**
 * Report quads as readable JSON-LD (and Turtle): nodes referenced once are embedded where they
 * are referenced (results inside the report, the run inside the report), IRIs in the report
 * vocabularies are compacted with prefixes. Built from the same quads the store holds, so the
 * JSON-LD a client gets is exactly the report graph.
 */
import { Writer } from 'n3';
import type { Quad, Term } from '../core/rdf.js';
import { DCT, HUB, PROV, RDF, SH, XSD } from '../core/vocab.js';

export const REPORT_PREFIXES: Record<string, string> = { sh: SH(), hub: HUB(), prov: PROV(), dct: DCT(), xsd: XSD(), rdf: RDF() };

type Node = Record<string, unknown>;

const key = (t: Term) => `${t.termType}:${t.value}`;

function compact(iri: string): string {
  for (const [prefix, ns] of Object.entries(REPORT_PREFIXES)) {
    if (iri.startsWith(ns) && /^[A-Za-z_][\w.-]*$/.test(iri.slice(ns.length))) return `${prefix}:${iri.slice(ns.length)}`;
  }
  return iri;
}

function literalValue(t: Term & { termType: 'Literal' }): unknown {
  if (t.language) return { '@value': t.value, '@language': t.language };
  const dt = t.datatype.value;
  if (dt === XSD('string')) return t.value;
  if (dt === XSD('boolean') && (t.value === 'true' || t.value === 'false')) return t.value === 'true';
  if (dt === XSD('integer') && /^-?\d{1,15}$/.test(t.value)) return Number(t.value);
  return { '@value': t.value, '@type': compact(dt) };
}

/** The quads as one JSON-LD document; `roots` (if given) come first in `@graph`, or as the document itself when alone. */
export function quadsToJsonLd(quads: Quad[], roots: Term[] = []): Node {
  const bySubject = new Map<string, Quad[]>();
  const references = new Map<string, number>();
  for (const q of quads) {
    const k = key(q.subject);
    let list = bySubject.get(k);
    if (!list) bySubject.set(k, (list = []));
    list.push(q);
    if (q.predicate.value !== RDF('type')) references.set(key(q.object), (references.get(key(q.object)) ?? 0) + 1);
  }
  const emitted = new Set<string>();
  const idOf = (t: Term) => (t.termType === 'BlankNode' ? `_:${t.value}` : compact(t.value));

  const node = (subject: Term): Node => {
    emitted.add(key(subject));
    const out: Node = { '@id': idOf(subject) };
    const types: string[] = [];
    for (const q of bySubject.get(key(subject)) ?? []) {
      if (q.predicate.value === RDF('type') && q.object.termType === 'NamedNode') {
        types.push(compact(q.object.value));
        continue;
      }
      const p = compact(q.predicate.value);
      const o = q.object;
      let value: unknown;
      if (o.termType === 'Literal') value = literalValue(o);
      else if (bySubject.has(key(o)) && references.get(key(o)) === 1 && !emitted.has(key(o))) value = node(o);
      else value = { '@id': idOf(o) };
      const prev = out[p];
      out[p] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
    if (types.length) out['@type'] = types.length === 1 ? types[0] : types;
    // Embedded blank nodes need no label.
    if (subject.termType === 'BlankNode' && references.get(key(subject)) === 1) delete out['@id'];
    return out;
  };

  const graph: Node[] = [];
  for (const r of roots) if (bySubject.has(key(r)) && !emitted.has(key(r))) graph.push(node(r));
  for (const [k, list] of bySubject) if (!emitted.has(k) && (references.get(k) ?? 0) !== 1) graph.push(node(list[0]!.subject));
  // Whatever is left is part of a reference cycle: emit it at top level.
  for (const [k, list] of bySubject) if (!emitted.has(k)) graph.push(node(list[0]!.subject));
  const context = { ...REPORT_PREFIXES };
  if (graph.length === 1) return { '@context': context, ...graph[0] };
  return { '@context': context, '@graph': graph };
}

/** The quads as Turtle with the report prefixes (graph names dropped). */
export function quadsToTurtle(quads: Quad[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({ prefixes: REPORT_PREFIXES });
    for (const q of quads) writer.addQuad(q.subject, q.predicate, q.object);
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
  });
}
