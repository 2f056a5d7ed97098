/**
 * XPath expressions compiled once into direct DOM walks. The expression is parsed by the `xpath`
 * package (the engine the hub evaluates XPath with) and its syntax tree is turned into closures
 * when every part of it is in the subset below; otherwise `compileXPathTree` returns undefined
 * and the caller keeps the engine. The subset, with XPath 1.0 semantics as `xpath` implements
 * them (string values, document order, namespace-URI name tests, its whitespace set):
 *
 * - location paths, absolute or relative, along child, descendant(-or-self), attribute, self,
 *   parent and ancestor(-or-self), with name tests (`p:name`, `name`), `*`, `text()`, `node()`;
 * - predicates that are a number literal (`[1]`) or any supported expression taken as boolean;
 * - `=`/`!=` between node sets, strings and booleans; `and`, `or`, `|`;
 * - not, boolean, true, false, string, normalize-space, starts-with, contains, translate, concat.
 *
 * A prefix is looked up in the namespaces object when evaluated (documents add their own after
 * compilation); a prefix it lacks makes that evaluation go to the engine, which also looks at
 * the document's in-scope declarations.
 */
import xpath from 'xpath';

/** An xmldom node, as far as the walks need it. */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  localName?: string | null;
  namespaceURI?: string | null;
  nodeValue?: string | null;
  value?: string;
  firstChild?: DomNode | null;
  nextSibling?: DomNode | null;
  parentNode?: DomNode | null;
  ownerElement?: DomNode | null;
  attributes?: { length: number; item(i: number): DomNode | null; [i: number]: DomNode };
}

/** A compiled expression of one static XPath type. */
export type Compiled =
  | { kind: 'nodes'; nodes: (n: DomNode) => DomNode[] }
  | { kind: 'string'; str: (n: DomNode) => string; constant?: string }
  | { kind: 'boolean'; bool: (n: DomNode) => boolean }
  | { kind: 'number'; num: number };

/** Thrown at compile time for anything outside the subset. */
class Unsupported extends Error {}
/** Thrown while evaluating when a prefix is not in the namespaces object: the engine decides. */
export class NeedsEngine extends Error {}

const X = xpath as any;
const ELEMENT = 1;
const ATTRIBUTE = 2;
const TEXT = 3;
const CDATA = 4;
const DOCUMENT = 9;
const FRAGMENT = 11;
const NODE_TEST_TYPES = new Set([1, 2, 3, 4, 7, 8, 9]);

/** XPath's string value, as xpath's XNodeSet.stringForNode computes it. */
export function stringValue(n: DomNode): string {
  const t = n.nodeType;
  if (t === DOCUMENT || t === ELEMENT || t === FRAGMENT) {
    let s = '';
    for (let c = n.firstChild; c; c = c.nextSibling) {
      const ct = c.nodeType;
      if (ct === ELEMENT || ct === TEXT || ct === CDATA || ct === DOCUMENT || ct === FRAGMENT) s += stringValue(c);
    }
    return s;
  }
  if (t === ATTRIBUTE) return (n.value || n.nodeValue) as string;
  return n.nodeValue as string;
}

const isSpace = (c: number) => c === 0x9 || c === 0xd || c === 0xa || c === 0x20;

export function normalizeSpace(s: string): string {
  let i = 0;
  let j = s.length - 1;
  while (j >= 0 && isSpace(s.charCodeAt(j))) j--;
  while (i <= j && isSpace(s.charCodeAt(i))) i++;
  let t = '';
  while (i <= j) {
    if (isSpace(s.charCodeAt(i))) {
      t += ' ';
      while (i <= j && isSpace(s.charCodeAt(i))) i++;
    } else {
      t += s[i];
      i++;
    }
  }
  return t;
}

/** translate() as xpath computes it (including its treatment of `from` longer than `to`). */
function translationMap(from: string, to: string): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < from.length; i++) if (!map.has(from[i])) map.set(from[i], i > to.length ? '' : (to[i] ?? ''));
  return map;
}

function translate(value: string, from: string, to: string, fixed?: Map<string, string>): string {
  const map = fixed ?? translationMap(from, to);
  let out = '';
  for (const ch of value.split('')) out += map.has(ch) ? map.get(ch)! : ch;
  return out;
}

const parentOf = (n: DomNode): DomNode | null | undefined => (n.nodeType === ATTRIBUTE ? n.ownerElement : n.parentNode);

function rootOf(n: DomNode): DomNode {
  let m = n.nodeType === ATTRIBUTE && n.ownerElement ? n.ownerElement : n;
  while (m.parentNode) m = m.parentNode;
  return m;
}

/** Document position of every node under a root (attributes right after their element). */
const positions = new WeakMap<DomNode, Map<DomNode, number>>();
function positionsOf(root: DomNode): Map<DomNode, number> {
  let p = positions.get(root);
  if (p) return p;
  const map = new Map<DomNode, number>();
  const visit = (n: DomNode) => {
    map.set(n, map.size);
    const attrs = n.nodeType === ELEMENT ? n.attributes : undefined;
    if (attrs) for (let i = 0; i < attrs.length; i++) map.set(attrs[i], map.size);
    for (let c = n.firstChild; c; c = c.nextSibling) visit(c);
  };
  visit(root);
  positions.set(root, (p = map));
  return p;
}

/** Whether no node of a list in document order lies inside another (checked pairwise: enough in that order). */
function noneInside(nodes: DomNode[]): boolean {
  for (let i = 1; i < nodes.length; i++) {
    const outer = nodes[i - 1];
    for (let m = parentOf(nodes[i]); m; m = parentOf(m)) if (m === outer) return false;
  }
  return true;
}

function documentOrder(nodes: DomNode[]): DomNode[] {
  if (nodes.length < 2) return nodes;
  const pos = positionsOf(rootOf(nodes[0]));
  const unique = [...new Set(nodes)];
  return unique.sort((a, b) => (pos.get(a) ?? 0) - (pos.get(b) ?? 0));
}

/** The elements of a document by local name, in document order: `//p:name` from the root is a lookup. */
const elementIndex = new WeakMap<DomNode, Map<string, DomNode[]>>();
function elementsNamed(root: DomNode, local: string): DomNode[] {
  let index = elementIndex.get(root);
  if (!index) {
    const map = new Map<string, DomNode[]>();
    const visit = (n: DomNode) => {
      for (let c = n.firstChild; c; c = c.nextSibling) {
        if (c.nodeType !== ELEMENT) continue;
        const name = (c.localName || c.nodeName) as string;
        const list = map.get(name);
        if (list) list.push(c);
        else map.set(name, [c]);
        if (c.firstChild) visit(c);
      }
    };
    visit(root);
    elementIndex.set(root, (index = map));
  }
  return index.get(local) ?? [];
}

/**
 * Results of absolute location paths (and their prefixes) per document: a LIDO mapping's
 * iterators repeat the same `//lido:event[...]` head a dozen times.
 */
const absoluteCache = new WeakMap<DomNode, Map<string, Map<string, DomNode[]>>>();
/** Short ids for path texts, so that cache keys are short strings made once. */
const pathIds = new Map<string, string>();
const pathId = (text: string) => {
  let id = pathIds.get(text);
  if (id === undefined) pathIds.set(text, (id = `p${pathIds.size}`));
  return id;
};

type NodeTest = (n: DomNode) => boolean;

export class XPathTreeCompiler {
  /** Prefixes met while compiling the current step: part of its cache key. */
  private prefixes = new Set<string>();

  constructor(private readonly namespaces: Record<string, string>) {}

  /** The compiled expression, or undefined when part of it is outside the subset. */
  compile(expression: unknown): Compiled | undefined {
    try {
      return this.expr(expression);
    } catch (error) {
      if (error instanceof Unsupported) return undefined;
      throw error;
    }
  }

  private expr(e: any): Compiled {
    if (e instanceof X.PathExpr) return this.pathExpr(e);
    if (e instanceof X.XString) {
      const s = e.str as string;
      return { kind: 'string', str: () => s, constant: s };
    }
    if (e instanceof X.XNumber) return { kind: 'number', num: e.num };
    if (e instanceof X.OrOperation || e instanceof X.AndOperation) {
      const l = this.bool(this.expr(e.lhs));
      const r = this.bool(this.expr(e.rhs));
      return e instanceof X.OrOperation ? { kind: 'boolean', bool: (n) => l(n) || r(n) } : { kind: 'boolean', bool: (n) => l(n) && r(n) };
    }
    if (e instanceof X.EqualsOperation || e instanceof X.NotEqualOperation) return this.equality(this.expr(e.lhs), this.expr(e.rhs), e instanceof X.EqualsOperation);
    if (e instanceof X.BarOperation) {
      const l = this.expr(e.lhs);
      const r = this.expr(e.rhs);
      if (l.kind !== 'nodes' || r.kind !== 'nodes') throw new Unsupported();
      return { kind: 'nodes', nodes: (n) => documentOrder([...l.nodes(n), ...r.nodes(n)]) };
    }
    if (e instanceof X.FunctionCall) return this.call(e);
    throw new Unsupported();
  }

  private pathExpr(e: any): Compiled {
    if (e.filter !== undefined) {
      if (e.locationPath !== undefined || (e.filterPredicates?.length ?? 0) > 0) throw new Unsupported();
      return this.expr(e.filter);
    }
    return { kind: 'nodes', nodes: this.locationPath(e.locationPath) };
  }

  private str(c: Compiled): (n: DomNode) => string {
    switch (c.kind) {
      case 'string':
        return c.str;
      case 'boolean':
        return (n) => String(c.bool(n));
      case 'nodes':
        return (n) => {
          const ns = c.nodes(n);
          return ns.length ? stringValue(ns[0]) : '';
        };
      default:
        throw new Unsupported();
    }
  }

  private bool(c: Compiled): (n: DomNode) => boolean {
    switch (c.kind) {
      case 'boolean':
        return c.bool;
      case 'string':
        return (n) => c.str(n).length > 0;
      case 'nodes':
        return (n) => c.nodes(n).length > 0;
      default:
        throw new Unsupported();
    }
  }

  private equality(l: Compiled, r: Compiled, equal: boolean): Compiled {
    if (l.kind === 'number' || r.kind === 'number') throw new Unsupported();
    const op = equal ? (a: string, b: string) => a === b : (a: string, b: string) => a !== b;
    if (l.kind === 'boolean' || r.kind === 'boolean') {
      const lb = this.bool(l);
      const rb = this.bool(r);
      return { kind: 'boolean', bool: (n) => (lb(n) === rb(n)) === equal };
    }
    if (l.kind === 'nodes' && r.kind === 'nodes') {
      return {
        kind: 'boolean',
        bool: (n) => {
          const rs = r.nodes(n).map(stringValue);
          if (rs.length === 0) return false;
          for (const a of l.nodes(n)) {
            const av = stringValue(a);
            for (const b of rs) if (op(av, b)) return true;
          }
          return false;
        },
      };
    }
    if (l.kind === 'nodes' || r.kind === 'nodes') {
      const set = (l.kind === 'nodes' ? l : r) as Extract<Compiled, { kind: 'nodes' }>;
      const other = this.str(l.kind === 'nodes' ? r : l);
      return {
        kind: 'boolean',
        bool: (n) => {
          const nodes = set.nodes(n);
          if (nodes.length === 0) return false;
          const o = other(n);
          for (const x of nodes) if (op(stringValue(x), o)) return true;
          return false;
        },
      };
    }
    const ls = this.str(l);
    const rs = this.str(r);
    return { kind: 'boolean', bool: (n) => op(ls(n), rs(n)) };
  }

  private call(e: any): Compiled {
    const name = e.functionName as string;
    const args = ((e.arguments ?? []) as unknown[]).map((a) => this.expr(a));
    const arity = (...allowed: number[]) => {
      if (!allowed.includes(args.length)) throw new Unsupported();
    };
    switch (name) {
      case 'true':
      case 'false': {
        arity(0);
        const v = name === 'true';
        return { kind: 'boolean', bool: () => v };
      }
      case 'not': {
        arity(1);
        const b = this.bool(args[0]);
        return { kind: 'boolean', bool: (n) => !b(n) };
      }
      case 'boolean':
        arity(1);
        return { kind: 'boolean', bool: this.bool(args[0]) };
      case 'string':
      case 'normalize-space': {
        arity(0, 1);
        const s = args.length ? this.str(args[0]) : stringValue;
        return name === 'string' ? { kind: 'string', str: s } : { kind: 'string', str: (n) => normalizeSpace(s(n)) };
      }
      case 'starts-with':
      case 'contains': {
        arity(2);
        const [a, b] = args.map((x) => this.str(x));
        return name === 'contains' ? { kind: 'boolean', bool: (n) => a(n).includes(b(n)) } : { kind: 'boolean', bool: (n) => a(n).startsWith(b(n)) };
      }
      case 'translate': {
        arity(3);
        const [v, f, t] = args.map((x) => this.str(x));
        const [, from, to] = args as { constant?: string }[];
        // Literal `from` and `to` (LIDO's date-shape tests): the map is made once.
        const fixed = from.constant !== undefined && to.constant !== undefined ? translationMap(from.constant, to.constant) : undefined;
        return { kind: 'string', str: fixed ? (n) => translate(v(n), '', '', fixed) : (n) => translate(v(n), f(n), t(n)) };
      }
      case 'concat': {
        if (args.length < 2) throw new Unsupported();
        const parts = args.map((x) => this.str(x));
        return { kind: 'string', str: (n) => parts.map((p) => p(n)).join('') };
      }
      default:
        throw new Unsupported();
    }
  }

  private nodeTest(t: any): NodeTest {
    if (t === X.NodeTest.nodeTest) return (n) => NODE_TEST_TYPES.has(n.nodeType);
    if (t === X.NodeTest.textTest) return (n) => n.nodeType === TEXT || n.nodeType === CDATA;
    if (t === X.NodeTest.nameTestAny) return (n) => n.nodeType === ELEMENT || n.nodeType === ATTRIBUTE;
    if (t instanceof X.NodeTest.NameTestQName) {
      const local = t.localName as string;
      const prefix = t.prefix as string | null;
      const namespaces = this.namespaces;
      if (!prefix) return (n) => (n.nodeType === ELEMENT || n.nodeType === ATTRIBUTE) && !n.namespaceURI && (n.localName || n.nodeName) === local;
      if (prefix === 'xml' || prefix === 'xmlns') {
        const uri = prefix === 'xml' ? 'http://www.w3.org/XML/1998/namespace' : 'http://www.w3.org/2000/xmlns/';
        const fixed = namespaces[prefix];
        if (fixed && fixed !== uri) throw new Unsupported();
        return (n) => (n.nodeType === ELEMENT || n.nodeType === ATTRIBUTE) && (n.localName || n.nodeName) === local && (n.namespaceURI || '') === uri;
      }
      this.prefixes.add(prefix);
      return (n) => {
        if ((n.nodeType !== ELEMENT && n.nodeType !== ATTRIBUTE) || (n.localName || n.nodeName) !== local) return false;
        const ns = namespaces[prefix];
        if (typeof ns !== 'string' || !ns) throw new NeedsEngine(prefix);
        return ns === (n.namespaceURI || '');
      };
    }
    throw new Unsupported();
  }

  /** Candidates of one step from one context node, in axis order (reverse axes nearest first). */
  private axis(axis: number, named?: string): ((n: DomNode, test: NodeTest, out: DomNode[]) => void) | undefined {
    switch (axis) {
      case X.Step.CHILD:
        return (n, test, out) => {
          for (let c = n.firstChild; c; c = c.nextSibling) if (test(c)) out.push(c);
        };
      case X.Step.ATTRIBUTE:
        return (n, test, out) => {
          const attrs = n.attributes;
          if (attrs) for (let i = 0; i < attrs.length; i++) if (test(attrs[i])) out.push(attrs[i]);
        };
      case X.Step.SELF:
        return (n, test, out) => {
          if (test(n)) out.push(n);
        };
      case X.Step.PARENT:
        return (n, test, out) => {
          const p = parentOf(n);
          if (p && test(p)) out.push(p);
        };
      case X.Step.DESCENDANT:
      case X.Step.DESCENDANTORSELF: {
        const self = axis === X.Step.DESCENDANTORSELF;
        if (named !== undefined) {
          const walk = this.axis(axis)!;
          // From the document node, the named elements are all its element descendants so called.
          return (n, test, out) => {
            if (n.nodeType !== DOCUMENT) return walk(n, test, out);
            for (const e of elementsNamed(n, named)) if (test(e)) out.push(e);
          };
        }
        const walk = (n: DomNode, test: NodeTest, out: DomNode[]) => {
          for (let c = n.firstChild; c; c = c.nextSibling) {
            if (test(c)) out.push(c);
            if (c.firstChild) walk(c, test, out);
          }
        };
        return (n, test, out) => {
          if (self && test(n)) out.push(n);
          walk(n, test, out);
        };
      }
      case X.Step.ANCESTOR:
      case X.Step.ANCESTORORSELF: {
        const self = axis === X.Step.ANCESTORORSELF;
        return (n, test, out) => {
          for (let m = self ? n : parentOf(n); m; m = parentOf(m)) if (test(m)) out.push(m);
        };
      }
      default:
        return undefined;
    }
  }

  private locationPath(path: any): (n: DomNode) => DomNode[] {
    const steps = [...(path.steps as any[])];
    // `//name[p]` is descendant-or-self::node()/child::name[p]: the same nodes as
    // descendant::name[p] when no predicate counts positions.
    const fused: { axis: number; nodeTest: any; predicates: any[]; text: string }[] = [];
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i];
      const next = steps[i + 1];
      if (
        s.axis === X.Step.DESCENDANTORSELF &&
        s.nodeTest === X.NodeTest.nodeTest &&
        s.predicates.length === 0 &&
        next?.axis === X.Step.CHILD &&
        !next.predicates.some((p: any) => this.mayBeNumber(p))
      ) {
        fused.push({ axis: X.Step.DESCENDANT, nodeTest: next.nodeTest, predicates: next.predicates, text: `${s}/${next}` });
        i++;
      } else fused.push({ axis: s.axis, nodeTest: s.nodeTest, predicates: s.predicates, text: String(s) });
    }
    const namespaces = this.namespaces;
    const compiled = fused.map((s) => {
      const outer = this.prefixes;
      this.prefixes = new Set();
      // A name test on elements: descendants from the document come from its element index.
      const named = s.nodeTest instanceof X.NodeTest.NameTestQName ? (s.nodeTest.localName as string) : undefined;
      const axis = this.axis(s.axis, named);
      if (!axis) throw new Unsupported();
      const test = this.nodeTest(s.nodeTest);
      const predicates = s.predicates.map((p: any) => {
        const c = this.expr(p);
        if (c.kind === 'number') {
          const k = c.num;
          return (nodes: DomNode[]) => (Number.isInteger(k) && k >= 1 && k <= nodes.length ? [nodes[k - 1]] : []);
        }
        const b = this.bool(c);
        return (nodes: DomNode[]) => nodes.filter(b);
      });
      const reverse = s.axis === X.Step.ANCESTOR || s.axis === X.Step.ANCESTORORSELF || s.axis === X.Step.PARENT;
      const keepsOrder = s.axis === X.Step.CHILD || s.axis === X.Step.DESCENDANT || s.axis === X.Step.DESCENDANTORSELF;
      const keepsDisjoint = s.axis === X.Step.CHILD || s.axis === X.Step.SELF;
      const prefixes = [...this.prefixes];
      for (const p of prefixes) outer.add(p);
      this.prefixes = outer;
      return { axis, test, predicates, reverse, keepsOrder, keepsDisjoint, axisCode: s.axis, text: s.text, prefixes };
    }).map((step, i, all) => {
      // A step's cache key: the path up to it, and the namespaces its prefixes stand for when evaluated.
      const id = pathId(all.slice(0, i + 1).map((x) => x.text).join('/'));
      const prefixes = [...new Set(all.slice(0, i + 1).flatMap((x) => x.prefixes))];
      const only = prefixes[0];
      const signature = prefixes.length === 0 ? () => '' : prefixes.length === 1 ? () => namespaces[only] ?? '' : () => prefixes.map((p) => namespaces[p]).join(' ');
      return { ...step, id, signature };
    });
    const absolute = path.absolute === true;
    if (!absolute && compiled.length === 1) {
      // One step from one node (`.`, `@a`, `p:x`, most references and predicates): no ordering work.
      const [step] = compiled;
      return (start) => {
        let found: DomNode[] = [];
        step.axis(start, step.test, found);
        for (const p of step.predicates) found = p(found);
        if (step.reverse) found.reverse();
        return found;
      };
    }
    return (start) => {
      let current: DomNode[] = [absolute ? rootOf(start) : start];
      // ordered: document order without repeats; disjoint: no node inside another.
      let ordered = true;
      let disjoint = true;
      let cache: Map<string, Map<string, DomNode[]>> | undefined;
      if (absolute) {
        cache = absoluteCache.get(current[0]);
        if (!cache) absoluteCache.set(current[0], (cache = new Map()));
      }
      for (const step of compiled) {
        let entries: Map<string, DomNode[]> | undefined;
        let signature = '';
        if (cache) {
          entries = cache.get(step.id);
          if (!entries) cache.set(step.id, (entries = new Map()));
          signature = step.signature();
          const hit = entries.get(signature);
          if (hit) {
            current = hit;
            ordered = true;
            disjoint = current.length < 2;
            continue;
          }
        }
        const next: DomNode[] = [];
        for (const n of current) {
          let found: DomNode[] = [];
          step.axis(n, step.test, found);
          for (const p of step.predicates) found = p(found);
          if (step.reverse) found.reverse();
          for (const f of found) next.push(f);
        }
        const single = current.length < 2;
        if (step.axisCode === X.Step.ATTRIBUTE) {
          disjoint = true;
        } else if (step.axisCode === X.Step.SELF) {
          // self keeps both properties
        } else if (single || (ordered && disjoint && step.keepsOrder)) {
          disjoint = single ? step.keepsDisjoint || step.axisCode === X.Step.PARENT : step.keepsDisjoint;
          // Descendants are often not nested (LIDO's named sets): then later child steps stay in order.
          if (!disjoint && step.keepsOrder && next.length > 1) disjoint = noneInside(next);
        } else {
          ordered = false;
        }
        if (!ordered) {
          current = documentOrder(next);
          ordered = true;
          disjoint = current.length < 2;
        } else current = next;
        if (entries) entries.set(signature, current);
      }
      // Cached lists are shared between callers: hand out a copy.
      return cache ? current.slice() : current;
    };
  }

  /** Whether a predicate could be a number (then it selects by position and cannot be fused). */
  private mayBeNumber(p: any): boolean {
    try {
      return this.expr(p).kind === 'number';
    } catch (error) {
      if (error instanceof Unsupported) return true;
      throw error;
    }
  }
}
