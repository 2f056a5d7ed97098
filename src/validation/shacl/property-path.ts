/**
 * SHACL property paths: read from the shapes graph into a small syntax tree, evaluated over a
 * DataGraph, printed as SPARQL path text (the report contract's `path`), parsed back from that
 * text, and written as RDF (sh:resultPath) again.
 */
import type { Quad, Term } from '../../core/rdf.js';
import { blankNode, namedNode, quad } from '../../core/rdf.js';
import { RDF, SH } from '../../core/vocab.js';
import type { DataGraph } from './data-graph.js';
import type { ShapesGraph } from './shapes-graph.js';
import { termKey } from './term-keys.js';

export type PathAst =
  | { kind: 'predicate'; iri: string }
  | { kind: 'inverse'; path: PathAst }
  | { kind: 'sequence'; paths: PathAst[] }
  | { kind: 'alternative'; paths: PathAst[] }
  | { kind: 'zeroOrMore' | 'oneOrMore' | 'zeroOrOne'; path: PathAst };

const MODIFIERS = [
  ['zeroOrMore', SH('zeroOrMorePath'), '*'],
  ['oneOrMore', SH('oneOrMorePath'), '+'],
  ['zeroOrOne', SH('zeroOrOnePath'), '?'],
] as const;

/** Reads the path whose root node is `node` from the shapes graph. */
export function readPath(g: ShapesGraph, node: Term, depth = 0): PathAst {
  if (depth > 64) throw new Error(`property path at ${node.value} is nested too deeply (cyclic?)`);
  if (node.termType === 'NamedNode' && node.value !== RDF('nil')) return { kind: 'predicate', iri: node.value };
  if (node.termType !== 'BlankNode' && node.termType !== 'NamedNode') {
    throw new Error(`property path must be an IRI or blank node, got ${node.value}`);
  }
  // A list is a sequence path, even when the node also carries other path predicates (path-strange tests).
  if (g.isList(node)) {
    const members = g.list(node).map((m) => readPath(g, m, depth + 1));
    if (members.length < 2) throw new Error(`sequence path at _:${node.value} needs at least two members`);
    return { kind: 'sequence', paths: members };
  }
  const alt = g.one(node, SH('alternativePath'));
  if (alt) {
    const members = g.list(alt).map((m) => readPath(g, m, depth + 1));
    if (members.length < 2) throw new Error(`alternative path at _:${node.value} needs at least two members`);
    return { kind: 'alternative', paths: members };
  }
  const inv = g.one(node, SH('inversePath'));
  if (inv) return { kind: 'inverse', path: readPath(g, inv, depth + 1) };
  for (const [kind, iri] of MODIFIERS) {
    const inner = g.one(node, iri);
    if (inner) return { kind, path: readPath(g, inner, depth + 1) };
  }
  throw new Error(`blank node _:${node.value} is not a valid SHACL property path`);
}

export type PathEvaluator = (g: DataGraph, focus: Term) => readonly Term[];

function union(into: Map<string, Term>, terms: readonly Term[]): void {
  for (const t of terms) {
    const k = termKey(t);
    if (!into.has(k)) into.set(k, t);
  }
}

function closure(step: PathEvaluator, g: DataGraph, start: readonly Term[], seen: Map<string, Term>): Term[] {
  const queue = [...start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of step(g, queue[i] as Term)) {
      const k = termKey(next);
      if (!seen.has(k)) {
        seen.set(k, next);
        queue.push(next);
      }
    }
  }
  return [...seen.values()];
}

/** Compiles a path into a function returning the distinct value nodes of a focus node. */
export function compilePath(p: PathAst): PathEvaluator {
  switch (p.kind) {
    case 'predicate': {
      const iri = p.iri;
      return (g, f) => g.objects(f, iri);
    }
    case 'inverse': {
      if (p.path.kind === 'predicate') {
        const iri = p.path.iri;
        return (g, f) => g.subjects(f, iri);
      }
      // The inverse of a complex path, by inverting each operator (no search over all nodes).
      return compilePath(invert(p.path));
    }
    case 'sequence': {
      const steps = p.paths.map(compilePath);
      return (g, f) => {
        let frontier: readonly Term[] = [f];
        for (const step of steps) {
          const next = new Map<string, Term>();
          for (const n of frontier) union(next, step(g, n));
          frontier = [...next.values()];
          if (frontier.length === 0) break;
        }
        return frontier;
      };
    }
    case 'alternative': {
      const alts = p.paths.map(compilePath);
      return (g, f) => {
        const out = new Map<string, Term>();
        for (const a of alts) union(out, a(g, f));
        return [...out.values()];
      };
    }
    case 'zeroOrMore': {
      const step = compilePath(p.path);
      return (g, f) => closure(step, g, [f], new Map([[termKey(f), f]]));
    }
    case 'oneOrMore': {
      const step = compilePath(p.path);
      return (g, f) => {
        const first = step(g, f);
        const seen = new Map<string, Term>();
        union(seen, first);
        return closure(step, g, [...seen.values()], seen);
      };
    }
    case 'zeroOrOne': {
      const step = compilePath(p.path);
      return (g, f) => {
        const out = new Map<string, Term>([[termKey(f), f]]);
        union(out, step(g, f));
        return [...out.values()];
      };
    }
  }
}

function invert(p: PathAst): PathAst {
  switch (p.kind) {
    case 'predicate':
      return { kind: 'inverse', path: p };
    case 'inverse':
      return p.path;
    case 'sequence':
      return { kind: 'sequence', paths: p.paths.map(invert).reverse() };
    case 'alternative':
      return { kind: 'alternative', paths: p.paths.map(invert) };
    default:
      return { kind: p.kind, path: invert(p.path) };
  }
}

/** SPARQL 1.1 property path text, e.g. `<a>/^<b>|<c>*`. */
export function pathToText(p: PathAst): string {
  switch (p.kind) {
    case 'predicate':
      return `<${p.iri}>`;
    case 'inverse':
      return `^${primary(p.path)}`;
    case 'sequence':
      return p.paths.map((x) => (x.kind === 'alternative' ? `(${pathToText(x)})` : pathToText(x))).join('/');
    case 'alternative':
      return p.paths.map(pathToText).join('|');
    default: {
      const mod = MODIFIERS.find(([k]) => k === p.kind)?.[2] as string;
      return `${primary(p.path)}${mod}`;
    }
  }
}

function primary(p: PathAst): string {
  return p.kind === 'predicate' ? pathToText(p) : `(${pathToText(p)})`;
}

/** Parses the text that pathToText writes (a subset of SPARQL paths: full IRIs only). */
export function parsePathText(text: string): PathAst {
  let i = 0;
  const peek = () => text[i];
  const skip = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const fail = (what: string): never => {
    throw new Error(`cannot parse property path "${text}" at offset ${i}: ${what}`);
  };
  const alternative = (): PathAst => {
    const parts = [sequence()];
    skip();
    while (peek() === '|') {
      i++;
      parts.push(sequence());
      skip();
    }
    return parts.length === 1 ? (parts[0] as PathAst) : { kind: 'alternative', paths: parts };
  };
  const sequence = (): PathAst => {
    const parts = [elt()];
    skip();
    while (peek() === '/') {
      i++;
      parts.push(elt());
      skip();
    }
    return parts.length === 1 ? (parts[0] as PathAst) : { kind: 'sequence', paths: parts };
  };
  const elt = (): PathAst => {
    skip();
    if (peek() === '^') {
      i++;
      return { kind: 'inverse', path: elt() };
    }
    let base: PathAst;
    if (peek() === '(') {
      i++;
      base = alternative();
      skip();
      if (peek() !== ')') fail('expected )');
      i++;
    } else if (peek() === '<') {
      const end = text.indexOf('>', i);
      if (end < 0) fail('unterminated IRI');
      base = { kind: 'predicate', iri: text.slice(i + 1, end) };
      i = end + 1;
    } else {
      return fail('expected <IRI>, ^ or (');
    }
    const mod = MODIFIERS.find(([, , m]) => m === peek());
    if (mod) {
      i++;
      return { kind: mod[0], path: base };
    }
    return base;
  };
  const result = alternative();
  skip();
  if (i !== text.length) fail('trailing text');
  return result;
}

/** Writes a path as SHACL RDF; returns its root term and the quads (fresh blank nodes). */
export function pathToRdf(p: PathAst, out: Quad[]): Term {
  switch (p.kind) {
    case 'predicate':
      return namedNode(p.iri);
    case 'inverse': {
      const b = blankNode();
      out.push(triple(b, SH('inversePath'), pathToRdf(p.path, out)));
      return b;
    }
    case 'sequence':
      return listToRdf(p.paths.map((x) => pathToRdf(x, out)), out);
    case 'alternative': {
      const b = blankNode();
      out.push(triple(b, SH('alternativePath'), listToRdf(p.paths.map((x) => pathToRdf(x, out)), out)));
      return b;
    }
    default: {
      const b = blankNode();
      const iri = MODIFIERS.find(([k]) => k === p.kind)?.[1] as string;
      out.push(triple(b, iri, pathToRdf(p.path, out)));
      return b;
    }
  }
}

function triple(s: Term, p: string, o: Term): Quad {
  return quad(s as Quad['subject'], namedNode(p), o as Quad['object']);
}

function listToRdf(items: Term[], out: Quad[]): Term {
  let head: Term = namedNode(RDF('nil'));
  for (let k = items.length - 1; k >= 0; k--) {
    const b = blankNode();
    out.push(triple(b, RDF('first'), items[k] as Term));
    out.push(triple(b, RDF('rest'), head));
    head = b;
  }
  return head;
}
