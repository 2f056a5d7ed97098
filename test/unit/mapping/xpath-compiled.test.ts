/**
 * Differential test of the compiled XPath evaluator against the `xpath` engine it stands in for:
 * every iterator and reference of every XML mapping in mappings/, over every XML file in
 * fixtures/ and test/fixtures/, from the document and from every node the iterators select;
 * and a set of edge-case expressions over a document made to hit them, from every node in it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import xpath from 'xpath';
import { projectPath } from '../../../src/core/paths.js';
import { loadMapping } from '../../../src/mapping/rml/load-mapping.js';
import { parseTemplate } from '../../../src/mapping/rml/template.js';
import { parseXml, WELL_KNOWN_PREFIXES } from '../../../src/mapping/rml/formats/xml-format.js';
import { parseLightXml } from '../../../src/mapping/rml/formats/light-dom.js';
import { NeedsEngine, XPathTreeCompiler, type Compiled, type DomNode } from '../../../src/mapping/rml/formats/xpath-compiled.js';

type Outcome = { nodes: string[] } | { string: string } | { boolean: boolean } | { error: true };

/** Names a node by where it is (child indexes, @attribute), so results compare by identity. */
function where(node: any): string {
  const parts: string[] = [];
  for (let n = node; n; ) {
    if (n.nodeType === 2) {
      parts.unshift(`@${n.name}`);
      n = n.ownerElement;
      continue;
    }
    const parent = n.parentNode;
    if (!parent) break;
    let i = 0;
    for (let c = parent.firstChild; c && c !== n; c = c.nextSibling) i++;
    parts.unshift(String(i));
    n = parent;
  }
  return `/${parts.join('/')}`;
}

function engine(expression: string, node: unknown, namespaces: Record<string, string>): Outcome {
  try {
    const r = (xpath as any).parse(expression).evaluate({ node, namespaces });
    if (typeof r.toArray === 'function') return { nodes: r.toArray().map(where) };
    if (r.constructor?.name === 'XBoolean') return { boolean: r.booleanValue() };
    return { string: r.stringValue() };
  } catch {
    return { error: true };
  }
}

function direct(c: Compiled, expression: string, node: unknown, namespaces: Record<string, string>): Outcome {
  try {
    switch (c.kind) {
      case 'nodes':
        return { nodes: c.nodes(node as DomNode).map(where) };
      case 'string':
        return { string: c.str(node as DomNode) };
      case 'boolean':
        return { boolean: c.bool(node as DomNode) };
      default:
        throw new Error('number results are left to the engine');
    }
  } catch (error) {
    // The format hands such an evaluation to the engine.
    if (error instanceof NeedsEngine) return engine(expression, node, namespaces);
    return { error: true };
  }
}

function compile(expression: string, namespaces: Record<string, string>): Compiled | undefined {
  return new XPathTreeCompiler(namespaces).compile((xpath as any).parse(expression).expression.expression);
}

function files(dir: string, ext: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(files(p, ext));
    else if (p.endsWith(ext)) out.push(p);
  }
  return out;
}

/** Every `reference` and template reference in a triples map's term maps, and its iterator. */
function expressionsOf(value: unknown, into: Set<string>, seen = new Set<unknown>()): void {
  if (!value || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  const v = value as Record<string, unknown>;
  if (typeof v.reference === 'string' && !/^hub_/.test(v.reference)) into.add(v.reference);
  if (typeof v.template === 'string') {
    for (const part of parseTemplate(v.template)) if ('reference' in part && !/^hub_/.test(part.reference)) into.add(part.reference);
  }
  for (const child of Object.values(v)) expressionsOf(child, into, seen);
}

const texts = new Set<string>();
const SAMPLES = [...files(projectPath('fixtures'), '.xml'), ...files(projectPath('test', 'fixtures'), '.xml')]
  // Samples copied into several fixture folders are compared once.
  .filter((file) => !texts.has(readFileSync(file, 'utf8')) && !!texts.add(readFileSync(file, 'utf8')))
  .map((file) => {
    try {
      const text = readFileSync(file, 'utf8');
      return { file, doc: parseXml(text), light: parseLightXml(text) };
    } catch {
      return undefined;
    }
  })
  .filter((s): s is { file: string; doc: unknown; light: unknown } => s !== undefined);

/** The prefixes an XML format would use for this document (see XmlFormat.learnPrefixes). */
function namespacesFor(doc: any, declared: Record<string, string>): Record<string, string> {
  const ns: Record<string, string> = { ...WELL_KNOWN_PREFIXES, ...declared };
  const attrs = doc.documentElement?.attributes ?? [];
  for (let i = 0; i < attrs.length; i++) {
    const { name, value } = attrs[i];
    if (name.startsWith('xmlns:') && !(name.slice(6) in declared)) ns[name.slice(6)] = value;
  }
  return ns;
}

describe('compiled XPath = the xpath engine', () => {
  it('finds XML samples', () => {
    expect(SAMPLES.length).toBeGreaterThan(10);
  });

  // RML and YARRRML mappings (ghent-ldes.yml configures the JSON-LD mapper instead).
  const mappingFiles = readdirSync(projectPath('mappings')).filter((f) => /\.(ya?ml|ttl)$/.test(f) && /^\s*sources:|rml:logicalSource/m.test(readFileSync(projectPath('mappings', f), 'utf8')));
  for (const name of mappingFiles) {
    it(`agrees on every expression of mappings/${name} over every XML sample`, async () => {
      const { def } = await loadMapping(projectPath('mappings', name));
      const sources = def.triplesMaps.filter((t) => t.logicalSource.formulation === 'xml');
      let compared = 0;
      let compiledIterators = 0;
      for (const tm of sources) {
        const references = new Set<string>();
        expressionsOf(tm.subject, references);
        expressionsOf(tm.poms, references);
        const iterator = tm.logicalSource.iterator ?? '/*';
        for (const { file, doc, light } of SAMPLES) {
          const namespaces = namespacesFor(doc, tm.logicalSource.namespaces);
          const it = compile(iterator, namespaces);
          const expected = engine(iterator, doc, namespaces);
          // The engine reads the light DOM as it reads xmldom's (it is the fallback there too).
          expect({ file, iterator, result: engine(iterator, light, namespaces) }).toEqual({ file, iterator, result: expected });
          if (it) {
            expect({ file, iterator, result: direct(it, iterator, doc, namespaces) }).toEqual({ file, iterator, result: expected });
            expect({ file, iterator, result: direct(it, iterator, light, namespaces) }).toEqual({ file, iterator, result: expected });
            compared++;
          }
          const contexts = it ? it.kind === 'nodes' ? it.nodes(doc as DomNode) : [] : ((xpath as any).parse(iterator).evaluate({ node: doc, namespaces }).toArray?.() ?? []);
          const lightContexts = it?.kind === 'nodes' ? it.nodes(light as DomNode) : [];
          for (const reference of references) {
            const c = compile(reference, namespaces);
            if (!c || c.kind === 'number') continue;
            [...contexts, doc].forEach((node, i) => {
              const want = engine(reference, node, namespaces);
              expect({ file, reference, result: direct(c, reference, node, namespaces) }).toEqual({ file, reference, result: want });
              const lightNode = i < contexts.length ? lightContexts[i] : light;
              if (lightNode) expect({ file, reference, result: direct(c, reference, lightNode, namespaces) }).toEqual({ file, reference, result: want });
              compared++;
            });
          }
        }
        if (compile(iterator, WELL_KNOWN_PREFIXES)) compiledIterators++;
      }
      if (sources.length > 0) {
        expect(compared).toBeGreaterThan(0);
        // The hub's XML mappings are written in the compiled subset.
        expect(compiledIterators).toBe(sources.length);
      }
    }, 120_000);
  }

  const EDGE_DOC = `<?xml version="1.0"?>
<r xmlns:a="urn:a" xmlns:b="urn:b" xml:lang="nl">
  <a:x id="1" a:type="t" xml:lang="en">  one <![CDATA[ two ]]><!-- c --> <?pi x?>three\t\n&#13; &#160;x </a:x>
  <a:x id="2"><a:x id="3" a:type="u"><y>nested</y></a:x><y> </y></a:x>
  <x xmlns="urn:a" id="4">default ns</x>
  <y a:type="t" b:type="t">Production<z>P</z></y>
  <y>production</y>
  <w xmlns:a="urn:other"><a:x id="5">other</a:x></w>
  <v>1999</v><v>2001-03</v><v>19x</v><v></v>
</r>`;
  const EDGE_EXPRESSIONS = [
    '.', 'text()', 'node()', '*', '@*', '@id', '@a:type', '@xml:lang', '..', '../@id', '../../@xml:lang', 'ancestor::*', 'ancestor::*[1]', 'ancestor-or-self::*[@xml:lang]',
    '//a:x', '//a:x[1]', '//a:x/a:x', '//a:x//y', '//y', '//y[1]', '/r/y[2]', '/*/y', '//*[@a:type]', '//x', '//a:x[@a:type=\'t\' or @id=\'3\']', '//a:x[@a:type and not(@id=\'1\')]',
    '//y[normalize-space(.)!=\'\']', '//y[normalize-space()=\'\']', '//y[translate(., \'P\', \'p\')=\'production\']', '//y[translate(text(), \'P\', \'p\')=\'production\']',
    '//v[translate(.,\'0123456789\',\'dddddddddd\')=\'dddd\' or translate(.,\'0123456789\',\'dddddddddd\')=\'dddd-dd\']', 'translate(., \'abc\', \'A\')', 'normalize-space(.)', 'string(.)', 'string(@id)',
    '//y[@a:type=@b:type]', '//y[z=\'P\']', '//y[z!=\'P\']', '//a:x[a:x]', '//a:x[not(a:x)]', '//*[starts-with(normalize-space(.), \'one\')]', '//*[contains(., \'two\')]', 'concat(@id, \'-\', name)',
    '//y | //a:x', '//v | //y[1]', '//a:x/@id | //y/@a:type', '//q:x', '//v[1][.=\'1999\']', '//v[.=\'1999\'][1]', '//v[2]', '//a:x[@a:type=\'t\'] = //y/@a:type', 'boolean(//z)', 'not(//nothing)',
    '/r/*[self::y]', '//w/a:x', '//a:x/text()', 'descendant::y', 'descendant-or-self::a:x', 'self::y', '//y[../@xml:lang=\'nl\']', '//y[ancestor-or-self::*[@xml:lang]]', '//y[true()]', '//y[false()]',
  ];
  it('reads every XML sample into a light DOM shaped like xmldom\'s', () => {
    const shape = (n: any): unknown => ({
      type: n.nodeType,
      name: n.nodeName,
      local: n.localName ?? null,
      ns: n.namespaceURI ?? null,
      prefix: n.prefix ?? null,
      value: n.nodeValue ?? null,
      text: n.nodeType === 9 ? null : n.textContent,
      attributes: n.nodeType === 1 ? Array.from({ length: n.attributes.length }, (_, i) => n.attributes.item(i)).map((a: any) => [a.name, a.value, a.namespaceURI ?? null, a.localName, a.prefix ?? null]) : [],
      children: Array.from(n.childNodes ?? []).map(shape),
    });
    for (const { file, doc, light } of SAMPLES) expect({ file, dom: shape(light) }).toEqual({ file, dom: shape(doc) });
    expect(shape(parseLightXml(EDGE_DOC))).toEqual(shape(parseXml(EDGE_DOC)));
  });

  for (const [label, parse] of [['xmldom', parseXml], ['light DOM', parseLightXml]] as const)
  it(`agrees on edge cases from every node of a document made to hit them (${label})`, () => {
    const doc = parse(EDGE_DOC) as any;
    const nodes: unknown[] = [doc];
    const visit = (n: any) => {
      for (let i = 0; i < (n.attributes?.length ?? 0); i++) nodes.push(n.attributes[i]);
      for (let c = n.firstChild; c; c = c.nextSibling) {
        nodes.push(c);
        visit(c);
      }
    };
    visit(doc);
    const namespaces = { ...WELL_KNOWN_PREFIXES, a: 'urn:a', b: 'urn:b' };
    let compiled = 0;
    for (const expression of EDGE_EXPRESSIONS) {
      const c = compile(expression, namespaces);
      if (!c || c.kind === 'number') continue;
      compiled++;
      for (const node of nodes) expect({ expression, result: direct(c, expression, node, namespaces) }).toEqual({ expression, result: engine(expression, node, namespaces) });
    }
    // Every expression above but those with an undeclared prefix (q:) is in the subset.
    expect(compiled).toBe(EDGE_EXPRESSIONS.length);
  }, 120_000);
});
