/**
 * Streams the elements an absolute XPath of element names selects (`/a/b/c`, `//c`, `//p:c/d`)
 * out of an XML byte stream with saxes, building one small DOM per record, so a large document
 * never sits in memory whole. Like `parseXml`, it refuses documents that declare entities.
 */
import type { Readable } from 'node:stream';
import { DOMImplementation } from '@xmldom/xmldom';
import { SaxesParser, type SaxesTagNS } from 'saxes';

const XMLNS = 'http://www.w3.org/2000/xmlns/';

interface Building {
  doc: any;
  node: any;
}

/** One step of a simple element path (xml-format.ts `simplePath`). */
export interface PathStep {
  /** `//` before the step: any descendant, not only a child. */
  deep: boolean;
  prefix?: string;
  local: string;
}

export async function* streamXmlElements(
  input: Readable,
  steps: PathStep[],
  namespaces: Record<string, string>,
  onRootPrefixes: (prefixes: Record<string, string>) => void,
): AsyncIterable<unknown[]> {
  const parser = new SaxesParser({ xmlns: true });
  const impl = new DOMImplementation();
  // For each open element: how many leading steps the path up to it has matched (-1: none).
  const matched: number[] = [];
  let building: Building | undefined;
  let depthInRecord = 0;
  let out: unknown[] = [];
  let failure: Error | undefined;
  let sawRoot = false;

  const stepMatches = (tag: SaxesTagNS, step: PathStep) => {
    if (step.local !== '*' && tag.local !== step.local) return false;
    if (step.prefix === undefined) return step.local === '*' || !tag.uri;
    const ns = namespaces[step.prefix];
    if (ns === undefined) throw new Error(`unknown namespace prefix "${step.prefix}"`);
    return tag.uri === ns;
  };

  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) failure ??= new Error('XML with entity declarations is refused (no DTD processing)');
  });
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentag', (tag) => {
    const t = tag as SaxesTagNS;
    if (!sawRoot) {
      sawRoot = true;
      const prefixes: Record<string, string> = {};
      for (const a of Object.values(t.attributes)) if (a.uri === XMLNS && a.prefix === 'xmlns') prefixes[a.local] = a.value;
      onRootPrefixes(prefixes);
    }
    if (building) {
      depthInRecord++;
      const el = building.doc.createElementNS(t.uri || null, t.name);
      copyAttributes(el, t);
      building.node.appendChild(el);
      building.node = el;
      matched.push(-1);
      return;
    }
    const parent = matched.length ? matched[matched.length - 1] : 0;
    let level = -1;
    if (parent >= 0 && parent < steps.length && stepMatches(t, steps[parent])) level = parent + 1;
    else if (steps[0]?.deep && stepMatches(t, steps[0])) level = 1;
    matched.push(level);
    if (level === steps.length) {
      const doc = impl.createDocument(null, null as unknown as string, null);
      const el = doc.createElementNS(t.uri || null, t.name);
      // The record keeps the namespace declarations in scope at its position.
      for (const [prefix, uri] of Object.entries(t.ns ?? {})) el.setAttributeNS(XMLNS, prefix ? `xmlns:${prefix}` : 'xmlns', uri);
      copyAttributes(el, t);
      doc.appendChild(el);
      building = { doc, node: el };
      depthInRecord = 0;
    }
  });
  parser.on('text', (text) => {
    if (building) building.node.appendChild(building.doc.createTextNode(text));
  });
  parser.on('cdata', (text) => {
    if (building) building.node.appendChild(building.doc.createCDATASection(text));
  });
  parser.on('closetag', () => {
    matched.pop();
    if (!building) return;
    if (depthInRecord === 0) {
      out.push(building.doc.documentElement);
      building = undefined;
    } else {
      depthInRecord--;
      building.node = building.node.parentNode;
    }
  });

  input.setEncoding?.('utf8');
  for await (const chunk of input) {
    parser.write(chunk as string);
    if (failure) throw failure;
    if (out.length) {
      yield out;
      out = [];
    }
  }
  parser.close();
  if (failure) throw failure;
  if (out.length) yield out;
}

function copyAttributes(el: any, tag: SaxesTagNS): void {
  for (const a of Object.values(tag.attributes)) {
    if (a.uri === XMLNS) continue;
    if (a.uri) el.setAttributeNS(a.uri, a.name, a.value);
    else el.setAttribute(a.name, a.value);
  }
}
