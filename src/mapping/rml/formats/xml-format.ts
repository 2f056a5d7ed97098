/**
 * XPath records over an xmldom document. The parser never resolves external entities and a
 * document that declares entities is refused outright. Plain child/attribute references compile
 * to DOM walks; anything else is a pre-parsed XPath expression.
 */
import type { Readable } from 'node:stream';
import { DOMParser } from '@xmldom/xmldom';
import xpath from 'xpath';
import type { Format, FormatOptions, Reference, Value } from './format.js';
import { readAll } from './format.js';
import { streamXmlElements, type PathStep } from './xml-stream.js';
import { parseLightXml } from './light-dom.js';
import { NeedsEngine, XPathTreeCompiler, type Compiled, type DomNode } from './xpath-compiled.js';

type XNode = { nodeType: number; nodeName: string; childNodes?: ArrayLike<XNode>; textContent: string | null; nodeValue?: string | null; getAttribute?: (n: string) => string | null; hasAttribute?: (n: string) => boolean };

const ELEMENT = 1;

/**
 * Prefixes a mapping may use without declaring them (YARRRML has no way to): the heritage and
 * harvesting vocabularies the hub reads. A document's own declarations and the mapping's
 * rml:namespace declarations take precedence, in that order.
 */
export const WELL_KNOWN_PREFIXES: Record<string, string> = {
  xml: 'http://www.w3.org/XML/1998/namespace',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xlink: 'http://www.w3.org/1999/xlink',
  oai: 'http://www.openarchives.org/OAI/2.0/',
  oai_dc: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  schema: 'https://schema.org/',
  // Aliases for references in YARRRML, whose parser rewrites $(schema:x), $(dc:x), $(dcterms:x)
  // to full IRIs because it knows those prefixes.
  sdo: 'https://schema.org/',
  dce: 'http://purl.org/dc/elements/1.1/',
  dct: 'http://purl.org/dc/terms/',
  lido: 'http://www.lido-schema.org',
  mets: 'http://www.loc.gov/METS/',
  premis: 'info:lc/xmlns/premis-v2',
  mh: 'https://zeticon.mediahaven.com/metadata/',
  edm: 'http://www.europeana.eu/schemas/edm/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
};

/** xpath's pre-parsing entry point (present at runtime, missing from its typings). */
interface ParsedXPath {
  evaluate(options: { node: unknown; namespaces?: Record<string, string> }): unknown;
}
const parseXPath = (xpath as unknown as { parse(expression: string): ParsedXPath }).parse;

export function parseXml(text: string): unknown {
  if (/<!ENTITY/i.test(text)) throw new Error('XML with entity declarations is refused (no DTD processing)');
  const parser = new DOMParser({
    onError: (level: string, message: string) => {
      if (level !== 'warning') throw new Error(`XML ${level}: ${message}`);
    },
  });
  return parser.parseFromString(text, 'text/xml');
}

/**
 * The document a mapping reads: the light DOM (saxes, light-dom.ts) where saxes accepts the
 * text, else xmldom's, so that refused documents fail with xmldom's errors as before.
 */
export function parseXmlForMapping(text: string): unknown {
  if (/<!ENTITY/i.test(text)) throw new Error('XML with entity declarations is refused (no DTD processing)');
  try {
    return parseLightXml(text);
  } catch {
    return parseXml(text);
  }
}

function nodeValue(n: unknown): Value {
  const node = n as XNode;
  if (node.nodeType === 2 || node.nodeType === 3 || node.nodeType === 4) return node.nodeValue ?? '';
  return node.textContent ?? '';
}

function children(node: XNode, name: string): XNode[] {
  const out: XNode[] = [];
  const list = node.childNodes;
  if (!list) return out;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c.nodeType === ELEMENT && c.nodeName === name) out.push(c);
  }
  return out;
}

/** Steps of an absolute path of element names (`/a/b`, `//p:c`, `/a/*`), or undefined. */
export function simplePath(path: string): PathStep[] | undefined {
  if (!/^(\/\/?(\*|[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?))+$/.test(path)) return undefined;
  const steps: PathStep[] = [];
  const re = /(\/\/?)(\*|[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    const [prefix, local] = m[2].includes(':') ? m[2].split(':') : [undefined, m[2]];
    steps.push({ deep: m[1] === '//', prefix, local });
  }
  return steps;
}

type XElement = XNode & { localName?: string; namespaceURI?: string | null };

function matches(el: XElement, step: PathStep, namespaces: Record<string, string>): boolean {
  if (step.local !== '*' && (el.localName ?? el.nodeName) !== step.local) return false;
  const ns = step.prefix === undefined ? null : namespaces[step.prefix];
  if (step.prefix !== undefined && ns === undefined) throw new Error(`unknown namespace prefix "${step.prefix}"`);
  return step.local === '*' && step.prefix === undefined ? true : (el.namespaceURI ?? null) === ns;
}

/**
 * Adds the elements under `node` that `step` matches (children, or all descendants when
 * `deep`) to `out` in document order; true when one matched inside another it matched.
 */
function matchUnder(node: XNode, step: PathStep, namespaces: Record<string, string>, deep: boolean, out: XNode[], inside = false): boolean {
  let nested = false;
  const list = node.childNodes;
  if (!list) return false;
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as XElement;
    if (c.nodeType !== ELEMENT) continue;
    const hit = matches(c, step, namespaces);
    if (hit) {
      nested ||= inside;
      out.push(c);
    }
    if (deep) nested = matchUnder(c, step, namespaces, true, out, inside || hit) || nested;
  }
  return nested;
}

function walkPath(doc: XNode, steps: PathStep[], namespaces: Record<string, string>): XNode[] {
  let current: XNode[] = [doc];
  // Set when a `//` step matched an element inside another it matched: later steps then reach
  // nodes twice or out of document order, so the result is put right at the end.
  let nested = false;
  for (const step of steps) {
    const next: XNode[] = [];
    for (const node of current) nested = matchUnder(node, step, namespaces, step.deep, next) || nested;
    current = next;
  }
  return nested ? inDocumentOrder(doc, current) : current;
}

/** `nodes` without repeats, in document order (elements only). */
function inDocumentOrder(doc: XNode, nodes: XNode[]): XNode[] {
  const position = new Map<XNode, number>();
  const number = (node: XNode) => {
    const list = node.childNodes;
    if (!list) return;
    for (let i = 0; i < list.length; i++) {
      if (list[i].nodeType !== ELEMENT) continue;
      position.set(list[i], position.size);
      number(list[i]);
    }
  };
  number(doc);
  return [...new Set(nodes)].sort((a, b) => position.get(a)! - position.get(b)!);
}

/** Predicates that test a node and never its position: comparisons, and/or, node-set tests, boolean functions. */
const BOOLEAN_FUNCTIONS = new Set(['not', 'boolean', 'starts-with', 'contains', 'lang', 'true', 'false']);
function positionFree(predicate: any): boolean {
  if (/\b(position|last)\s*\(/.test(String(predicate))) return false;
  const x = xpath as any;
  if ([x.EqualsOperation, x.NotEqualOperation, x.LessThanOperation, x.GreaterThanOperation, x.LessThanOrEqualOperation, x.GreaterThanOrEqualOperation, x.AndOperation, x.OrOperation].some((c) => predicate instanceof c)) return true;
  if (!(predicate instanceof x.PathExpr) || predicate.filterPredicates?.length) return false;
  if (predicate.filter === undefined) return predicate.locationPath !== undefined;
  return predicate.locationPath === undefined && predicate.filter instanceof x.FunctionCall && BOOLEAN_FUNCTIONS.has(predicate.filter.functionName);
}

/**
 * An iterator `//p:name[predicates]/child/steps` evaluated from the elements called p:name (one
 * walk of the tree) instead of by xpath's descendant-or-self step, which builds a context per
 * node of the document: a dozen such iterators made most of a LIDO record's mapping time. Used
 * only where it selects the same nodes in the same order: predicates on that step that do not
 * depend on position, later steps along the child, attribute or self axis only, and (checked
 * per document, else the plain evaluation) no such element inside another.
 */
function namedDescendants(iterator: string): { from: ParsedXPath; candidates(doc: XNode, namespaces: Record<string, string>): XNode[] | undefined } | undefined {
  const head = /^\/\/(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)(?![\w.:-])/.exec(iterator);
  if (!head) return undefined;
  const x = xpath as any;
  let path: any;
  try {
    const expression = (parseXPath(iterator) as any).expression?.expression;
    if (!(expression instanceof x.PathExpr) || expression.filter !== undefined) return undefined;
    path = expression.locationPath;
  } catch {
    return undefined;
  }
  const steps: any[] = path?.steps ?? [];
  const [any, named, ...rest] = steps;
  if (!path.absolute || any?.axis !== x.Step.DESCENDANTORSELF || any.nodeTest !== x.NodeTest.nodeTest || any.predicates.length > 0) return undefined;
  if (named?.axis !== x.Step.CHILD || !(named.nodeTest instanceof x.NodeTest.NameTestQName) || !named.predicates.every(positionFree)) return undefined;
  if (!rest.every((step) => [x.Step.CHILD, x.Step.ATTRIBUTE, x.Step.SELF].includes(step.axis))) return undefined;
  const step: PathStep = { deep: true, prefix: head[1], local: head[2] };
  return {
    from: parseXPath(`self::${iterator.slice(2)}`),
    candidates(doc, namespaces) {
      const found: XNode[] = [];
      const nested = matchUnder(doc, step, namespaces, true, found);
      return nested ? undefined : found;
    },
  };
}

/** Compiles an XPath expression into a function of the context node. */
function compileXPath(expression: string, namespaces: Record<string, string>): (node: unknown) => Value[] {
  const simple = expression.match(/^(?:\.\/)?([A-Za-z_][\w.-]*(?:\/[A-Za-z_][\w.-]*)*)(?:\/(@[A-Za-z_][\w.-]*|text\(\)))?$/);
  if (simple) {
    const steps = simple[1].split('/');
    const tail = simple[2];
    return (node) => {
      let current = [node as XNode];
      for (const step of steps) current = current.flatMap((c) => children(c, step));
      if (tail === undefined) return current.map(nodeValue);
      if (tail === 'text()') return current.flatMap((c) => Array.from(c.childNodes ?? []).filter((t) => t.nodeType === 3 || t.nodeType === 4).map(nodeValue));
      const attr = tail.slice(1);
      return current.filter((c) => c.hasAttribute?.(attr)).map((c) => c.getAttribute!(attr) ?? '');
    };
  }
  const attr = expression.match(/^@([A-Za-z_][\w.-]*)$/);
  if (attr) {
    const name = attr[1];
    return (node) => {
      const n = node as XNode;
      return n.hasAttribute?.(name) ? [n.getAttribute!(name) ?? ''] : [];
    };
  }
  if (expression === '.' || expression === 'text()') {
    return expression === '.' ? (node) => [nodeValue(node)] : (node) => Array.from((node as XNode).childNodes ?? []).filter((t) => t.nodeType === 3).map(nodeValue);
  }
  const parsed = parseXPath(expression);
  const engine = (node: unknown): Value[] => {
    const result = parsed.evaluate({ node: node as any, namespaces }) as any;
    if (typeof result.toArray === 'function') return (result.toArray() as unknown[]).map(nodeValue);
    if (typeof result.stringValue === 'function') {
      const v = result.numberValue && result.constructor?.name === 'XNumber' ? result.numberValue() : result.stringValue();
      return [v];
    }
    return [];
  };
  const compiled = compileTree(parsed, namespaces);
  if (!compiled || compiled.kind === 'number') return engine;
  const direct: (node: DomNode) => Value[] =
    compiled.kind === 'nodes' ? (node) => compiled.nodes(node).map(nodeValue) : compiled.kind === 'string' ? (node) => [compiled.str(node)] : (node) => [String(compiled.bool(node))];
  return (node) => {
    try {
      return direct(node as DomNode);
    } catch (error) {
      if (error instanceof NeedsEngine) return engine(node);
      throw error;
    }
  };
}

/** The direct DOM evaluator of a parsed expression when it is in the compiled subset (see xpath-compiled.ts). */
function compileTree(parsed: ParsedXPath, namespaces: Record<string, string>): Compiled | undefined {
  const tree = (parsed as unknown as { expression?: { expression?: unknown } }).expression?.expression;
  return tree === undefined ? undefined : new XPathTreeCompiler(namespaces).compile(tree);
}

export class XmlFormat implements Format<unknown> {
  private readonly iterate: (doc: unknown) => unknown[];
  private readonly nulls: Set<string>;

  /**
   * Prefixes for XPath: the mapping's rml:namespace declarations, then (since YARRRML cannot
   * declare them) the prefixes the document's root element declares, then WELL_KNOWN_PREFIXES.
   */
  private readonly namespaces: Record<string, string>;

  constructor(private readonly options: FormatOptions) {
    this.nulls = new Set(options.nulls);
    this.namespaces = { ...WELL_KNOWN_PREFIXES, ...options.namespaces };
    const iterator = options.iterator ?? '/*';
    const steps = simplePath(iterator);
    const parsedIterator = parseXPath(iterator);
    const compiled = compileTree(parsedIterator, this.namespaces);
    // Plain paths walk the tree: xpath's document-order sort of a large node set is quadratic.
    const fallback = steps
      ? (doc: unknown) => walkPath(doc as XNode, steps, this.namespaces)
      : (doc: unknown) => {
          const result = parsedIterator.evaluate({ node: doc as any, namespaces: this.namespaces }) as any;
          return typeof result.toArray === 'function' ? result.toArray() : [];
        };
    if (compiled?.kind === 'nodes') {
      this.iterate = (doc) => {
        try {
          return compiled.nodes(doc as DomNode);
        } catch (error) {
          if (!(error instanceof NeedsEngine)) throw error;
          return fallback(doc);
        }
      };
      return;
    }
    if (steps) {
      this.iterate = fallback;
      return;
    }
    const named = namedDescendants(iterator);
    if (named) {
      const fallback = parseXPath(iterator);
      this.iterate = (doc) => {
        const found = named.candidates(doc as XNode, this.namespaces);
        if (found === undefined) return (fallback.evaluate({ node: doc as any, namespaces: this.namespaces }) as any).toArray();
        return found.flatMap((el) => (named.from.evaluate({ node: el as any, namespaces: this.namespaces }) as any).toArray());
      };
      return;
    }
    const parsed = parseXPath(iterator);
    this.iterate = (doc) => {
      const result = parsed.evaluate({ node: doc as any, namespaces: this.namespaces }) as any;
      return typeof result.toArray === 'function' ? result.toArray() : [];
    };
  }

  /** The nodes the iterator selects from a node (an rml-lv iterable field on an XML record). */
  select(node: unknown): unknown[] {
    return this.iterate(node);
  }

  private learnPrefixes(doc: unknown): void {
    const root = (doc as { documentElement?: { attributes?: ArrayLike<{ name: string; value: string }> } }).documentElement;
    const attrs = root?.attributes;
    if (!attrs) return;
    for (let i = 0; i < attrs.length; i++) {
      const { name, value } = attrs[i];
      const prefix = name.slice(6);
      if (name.startsWith('xmlns:') && !(prefix in this.options.namespaces)) this.namespaces[prefix] = value;
    }
  }

  /** Set when a reference looks outside its record (`..`, ancestors, absolute paths): no streaming then. */
  private needsDocument = false;

  reference(expression: string): Reference<unknown> {
    if (/\.\.|ancestor|preceding|following|^\s*\/|\/\//.test(expression)) this.needsDocument = true;
    const fn = compileXPath(expression, this.namespaces);
    const nulls = this.nulls;
    if (nulls.size === 0) return fn;
    return (node) => fn(node).filter((v) => typeof v !== 'string' || !nulls.has(v));
  }

  readonly parseKey = 'xml';

  parse(text: string): unknown {
    return parseXmlForMapping(text);
  }

  recordsIn(doc: unknown): unknown[] {
    this.learnPrefixes(doc);
    return this.iterate(doc);
  }

  records(text: string): Iterable<unknown> {
    return this.recordsIn(this.parse(text));
  }

  async *streamRecords(input: Readable): AsyncIterable<unknown[]> {
    const steps = simplePath(this.options.iterator ?? '/*');
    if (steps && !this.needsDocument) {
      yield* streamXmlElements(input, steps, this.namespaces, (prefixes) => {
        for (const [prefix, uri] of Object.entries(prefixes)) if (!(prefix in this.options.namespaces)) this.namespaces[prefix] = uri;
      });
      return;
    }
    yield [...this.records(await readAll(input))];
  }
}
