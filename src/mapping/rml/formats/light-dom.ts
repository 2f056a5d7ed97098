/**
 * A read-only DOM built from saxes events: the nodes, names, namespaces and values that the
 * compiled XPath walks, the `xpath` engine and the XML format read, shaped as @xmldom/xmldom
 * shapes them (the XML declaration as a processing instruction, whitespace between top-level
 * nodes as text, namespace declarations as attributes), at a fraction of xmldom's parse time
 * (xmldom builds a regular expression per end tag). Documents saxes refuses are left to xmldom
 * by the caller, so the accepted documents and their errors stay xmldom's.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';

const XMLNS = 'http://www.w3.org/2000/xmlns/';

class LNode {
  parentNode: LNode | null = null;
  firstChild: LNode | null = null;
  lastChild: LNode | null = null;
  nextSibling: LNode | null = null;
  previousSibling: LNode | null = null;
  localName: string | null = null;
  namespaceURI: string | null = null;
  prefix: string | null = null;
  private children?: LNode[];

  constructor(
    readonly nodeType: number,
    readonly nodeName: string,
    public nodeValue: string | null,
    readonly ownerDocument: LDocument | null,
  ) {}

  get childNodes(): LNode[] {
    if (!this.children) {
      const list: LNode[] = [];
      for (let c = this.firstChild; c; c = c.nextSibling) list.push(c);
      this.children = list;
    }
    return this.children;
  }

  get data(): string | null {
    return this.nodeValue;
  }

  /** As xmldom: elements concatenate their descendants' text but comments and processing instructions; a document has none. */
  get textContent(): string | null {
    if (this.nodeType === 9) return null;
    if (this.nodeType !== 1) return this.nodeValue;
    let s = '';
    for (let c = this.firstChild; c; c = c.nextSibling) if (c.nodeType !== 7 && c.nodeType !== 8) s += c.textContent ?? '';
    return s;
  }

  appendChild(child: LNode): void {
    child.parentNode = this;
    if (this.lastChild) {
      this.lastChild.nextSibling = child;
      child.previousSibling = this.lastChild;
    } else this.firstChild = child;
    this.lastChild = child;
  }
}

class LAttr extends LNode {
  readonly specified = true;
  constructor(
    readonly name: string,
    readonly value: string,
    readonly ownerElement: LElement,
    doc: LDocument,
  ) {
    super(2, name, value, doc);
  }
}

/** Attributes as xmldom's NamedNodeMap is read: by index and with item(i). */
class LAttributes extends Array<LAttr> {
  item(i: number): LAttr | null {
    return this[i] ?? null;
  }
}

class LElement extends LNode {
  readonly attributes = new LAttributes();
  get tagName(): string {
    return this.nodeName;
  }
  getAttribute(name: string): string | null {
    for (const a of this.attributes) if (a.name === name) return a.value;
    return null;
  }
  hasAttribute(name: string): boolean {
    return this.getAttribute(name) !== null;
  }
  getAttributeNS(ns: string | null, local: string): string | null {
    for (const a of this.attributes) if ((a.namespaceURI ?? null) === (ns || null) && a.localName === local) return a.value;
    return null;
  }
}

class LDocument extends LNode {
  documentElement: LElement | null = null;
  constructor() {
    super(9, '#document', null, null);
  }
}

/** Parses XML into the light DOM; throws saxes' error for anything saxes refuses. */
export function parseLightXml(text: string): unknown {
  const doc = new LDocument();
  const parser = new SaxesParser({ xmlns: true, position: false });
  let node: LNode = doc;
  let failure: Error | undefined;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('xmldecl', () => {
    // xmldom keeps the declaration's text as written.
    const pi = new LNode(7, 'xml', /^<\?xml\s+([\s\S]*?)\?>/.exec(text)?.[1] ?? '', doc);
    (pi as unknown as { target: string }).target = 'xml';
    doc.appendChild(pi);
  });
  parser.on('doctype', (dt) => {
    const name = /^\s*([^\s[>]+)/.exec(dt)?.[1] ?? '';
    doc.appendChild(new LNode(10, name, null, doc));
  });
  parser.on('opentag', (tag) => {
    const t = tag as SaxesTagNS;
    const el = new LElement(1, t.name, null, doc);
    el.localName = t.local;
    el.prefix = t.prefix || null;
    el.namespaceURI = t.uri || null;
    for (const key in t.attributes) {
      const a = t.attributes[key] as SaxesAttributeNS;
      const attr = new LAttr(a.name, a.value, el, doc);
      attr.localName = a.local;
      attr.prefix = a.prefix || null;
      attr.namespaceURI = a.uri || (a.name === 'xmlns' ? XMLNS : null);
      el.attributes.push(attr);
    }
    node.appendChild(el);
    if (node === doc) doc.documentElement = el;
    node = el;
  });
  parser.on('closetag', () => {
    node = node.parentNode!;
  });
  // Whitespace after the root element: xmldom keeps it before a later comment or instruction, not at the end.
  let trailing: string | undefined;
  const flush = () => {
    if (trailing !== undefined) doc.appendChild(new LNode(3, '#text', trailing, doc));
    trailing = undefined;
  };
  parser.on('text', (s) => {
    if (node === doc && doc.documentElement) trailing = (trailing ?? '') + s;
    else node.appendChild(new LNode(3, '#text', s, doc));
  });
  parser.on('cdata', (s) => node.appendChild(new LNode(4, '#cdata-section', s, doc)));
  parser.on('comment', (s) => {
    flush();
    node.appendChild(new LNode(8, '#comment', s, doc));
  });
  parser.on('processinginstruction', (pi) => {
    flush();
    const n = new LNode(7, pi.target, pi.body, doc);
    (n as unknown as { target: string }).target = pi.target;
    node.appendChild(n);
  });
  parser.write(text).close();
  if (failure) throw failure;
  if (!doc.documentElement) throw new Error('no root element');
  return doc;
}
