/**
 * Reads OAI-PMH 2.0 responses in one streaming pass (saxes; a DOM was 4-5x slower on
 * 100-record LIDO pages). Parsing is strict and safe: a DOCTYPE is refused outright (no
 * entity expansion, nothing fetched) and any well-formedness error makes the page unreadable
 * rather than silently shorter. A record's payload is re-serialised as a standalone XML
 * document: the namespaces it uses but inherited from the envelope are declared on its root
 * (except the envelope's default OAI namespace, see PayloadWriter.finish).
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { describeRemoved, stripForbiddenXmlCharacters } from '../../core/xml-chars.js';
import { OrganisationSniffer } from './organisation.js';

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';

export interface OaiHeader {
  identifier: string;
  datestamp: string;
  sets: string[];
  deleted: boolean;
}

export interface OaiItem {
  header: OaiHeader;
  /** The metadata payload as a standalone XML document (ListRecords/GetRecord, not deleted). */
  metadata?: string;
  /** Why the item cannot be used (no identifier, empty metadata...). */
  problem?: string;
  /** The organisation the payload names as holder or source (see organisation.ts). */
  organisation?: string;
  /** Levels of elements in the payload (its root is 1). */
  depth?: number;
  /** Characters XML cannot carry that were removed from the item before parsing ("U+001B ×2"). */
  removed?: string;
}

export interface OaiResumptionToken {
  value: string;
  expirationDate?: string;
  completeListSize?: number;
  cursor?: number;
}

export interface OaiResponse {
  responseDate?: string;
  errors: { code: string; message: string }[];
  items: OaiItem[];
  /** Present when the list goes on; an empty token element (last page) yields undefined. */
  resumptionToken?: OaiResumptionToken;
  identify?: { repositoryName?: string; granularity?: string; deletedRecord?: string; earliestDatestamp?: string };
  /** The metadataPrefix values of a ListMetadataFormats answer. */
  metadataFormats?: string[];
}

/** The response could not be read as OAI-PMH XML. */
export class OaiParseError extends Error {}

const XMLNS = 'http://www.w3.org/2000/xmlns/';
const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => escText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
const LISTS = new Set(['ListRecords', 'ListIdentifiers', 'GetRecord']);
const IDENTIFY_FIELDS = new Set(['repositoryName', 'granularity', 'deletedRecord', 'earliestDatestamp']);

/** Serialises one payload element and its subtree from parser events. */
class PayloadWriter {
  private readonly parts: string[] = [];
  private rootOpen = '';
  private readonly used = new Set<string>();
  private depth = 0;
  /** The deepest level opened so far (the payload's root is 1). */
  maxDepth = 0;

  constructor(private readonly inherited: Map<string, string>) {}

  open(tag: SaxesTagNS): void {
    const own = Object.values(tag.attributes);
    const decls = own.filter((a) => a.uri === XMLNS).map((a) => ` ${a.name}="${escAttr(a.value)}"`).join('');
    const attrs = own.filter((a) => a.uri !== XMLNS);
    this.used.add(tag.prefix);
    for (const a of attrs) if (a.prefix) this.used.add(a.prefix);
    const text = `<${tag.name}${decls}${attrs.map((a) => ` ${a.name}="${escAttr(a.value)}"`).join('')}${tag.isSelfClosing ? '/>' : '>'}`;
    if (this.depth === 0) {
      this.rootOpen = text;
      for (const prefix of Object.keys(tag.ns)) this.inherited.delete(prefix);
    } else {
      this.parts.push(text);
    }
    this.depth++;
    if (this.depth > this.maxDepth) this.maxDepth = this.depth;
  }

  /** Returns true when the payload's root closed. */
  close(tag: SaxesTagNS): boolean {
    this.depth--;
    if (!tag.isSelfClosing) this.parts.push(`</${tag.name}>`);
    return this.depth === 0;
  }

  text(value: string): void {
    this.parts.push(escText(value));
  }

  raw(value: string): void {
    this.parts.push(value);
  }

  finish(rootName: string): string {
    // Declare on the root what the subtree uses but only the envelope declared (xsi...). The
    // envelope's default namespace is the exception: metadata is never in the OAI namespace, so an
    // unprefixed payload element (meemoo's MediaHAVEN_external_metadata) was written without one.
    const extra = [...this.used]
      .filter((prefix) => prefix !== 'xml' && this.inherited.has(prefix) && !(prefix === '' && this.inherited.get('') === OAI_NS))
      .map((prefix) => ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escAttr(this.inherited.get(prefix)!)}"`)
      .join('');
    const open = this.rootOpen.replace(`<${rootName}`, `<${rootName}${extra}`);
    return `<?xml version="1.0" encoding="UTF-8"?>\n${open}${this.parts.join('')}`;
  }
}

/**
 * Parses one response. Characters XML 1.0 forbids (a stray ESC or NUL in one record, raw or as a
 * character reference) would make the whole page unreadable: they are removed first, and each
 * item says which were removed from it (`removed`), so the record carries a warning.
 */
export function parseOaiResponse(xml: string): OaiResponse {
  const stripped = stripForbiddenXmlCharacters(xml, { references: true });
  return parseStripped(stripped.text, stripped.removed);
}

function parseStripped(xml: string, removed: { char: string; at: number }[]): OaiResponse {
  const response: OaiResponse = { errors: [], items: [] };
  const parser = new SaxesParser({ xmlns: true, position: true });
  /** Where in the text the current item started (saxes' position after its start tag). */
  let itemStart = 0;
  const stack: SaxesTagNS[] = [];
  const scopes: Record<string, string>[] = [];
  let text = '';
  let item: OaiItem | undefined;
  let metadataSeen = false;
  let payload: { writer: PayloadWriter; root: string; sniffer: OrganisationSniffer } | undefined;
  let tokenAttrs: Record<string, string> | undefined;
  let sawRoot = false;

  const inScope = () => {
    const map = new Map<string, string>();
    for (const scope of scopes) for (const [prefix, uri] of Object.entries(scope)) map.set(prefix, uri);
    return map;
  };

  parser.on('doctype', () => {
    throw new OaiParseError('document declares a DOCTYPE, refused');
  });
  parser.on('opentag', (tag) => {
    if (payload) {
      scopes.push(tag.ns);
      stack.push(tag);
      payload.writer.open(tag);
      payload.sniffer.open(tag);
      return;
    }
    const depth = stack.length;
    const parent = stack[depth - 1]?.local;
    if (depth === 0) {
      if (tag.local !== 'OAI-PMH' || tag.uri !== OAI_NS) throw new OaiParseError(`root element is {${tag.uri}}${tag.local}, not OAI-PMH`);
      sawRoot = true;
    }
    if (parent === 'metadata' && item && !metadataSeen) {
      metadataSeen = true;
      payload = { writer: new PayloadWriter(inScope()), root: tag.name, sniffer: new OrganisationSniffer() };
      scopes.push(tag.ns);
      stack.push(tag);
      payload.writer.open(tag);
      payload.sniffer.open(tag);
      return;
    }
    if (depth === 1 && tag.local === 'Identify') response.identify = {};
    if (depth === 1 && tag.local === 'ListMetadataFormats') response.metadataFormats = [];
    if (depth === 2 && LISTS.has(parent ?? '') && (tag.local === 'record' || tag.local === 'header')) {
      item = { header: { identifier: '', datestamp: '', sets: [], deleted: false } };
      metadataSeen = false;
      itemStart = parser.position;
    }
    if (tag.local === 'header' && item) item.header.deleted = tag.attributes.status?.value === 'deleted';
    if (tag.local === 'resumptionToken' && depth === 2) {
      tokenAttrs = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value]));
    }
    scopes.push(tag.ns);
    stack.push(tag);
    text = '';
  });
  parser.on('text', (value) => {
    if (payload) {
      payload.writer.text(value);
      payload.sniffer.addText(value);
    } else text += value;
  });
  parser.on('cdata', (value) => {
    if (payload) {
      payload.writer.raw(`<![CDATA[${value}]]>`);
      payload.sniffer.addText(value);
    } else text += value;
  });
  parser.on('comment', (value) => payload?.writer.raw(`<!--${value}-->`));
  parser.on('processinginstruction', (pi) => payload?.writer.raw(`<?${pi.target}${pi.body ? ` ${pi.body}` : ''}?>`));
  parser.on('closetag', (tag) => {
    stack.pop();
    scopes.pop();
    if (payload) {
      payload.sniffer.close();
      if (payload.writer.close(tag)) {
        item!.metadata = payload.writer.finish(payload.root);
        item!.organisation = payload.sniffer.result();
        item!.depth = payload.writer.maxDepth;
        payload = undefined;
      }
      return;
    }
    const depth = stack.length;
    const parent = stack[depth - 1]?.local;
    const value = text.trim();
    if (depth === 1 && tag.local === 'responseDate') response.responseDate = value || undefined;
    else if (depth === 1 && tag.local === 'error') response.errors.push({ code: tag.attributes.code?.value ?? '', message: value });
    else if (parent === 'metadataFormat' && tag.local === 'metadataPrefix') response.metadataFormats?.push(value);
    else if (parent === 'Identify' && IDENTIFY_FIELDS.has(tag.local)) (response.identify as Record<string, string>)[tag.local] = value;
    else if (parent === 'header' && item) {
      if (tag.local === 'identifier') item.header.identifier = value;
      else if (tag.local === 'datestamp') item.header.datestamp = value;
      else if (tag.local === 'setSpec') item.header.sets.push(value);
    } else if (depth === 2 && tag.local === 'resumptionToken') {
      if (value) response.resumptionToken = readToken(value, tokenAttrs ?? {});
    } else if (depth === 2 && item && (tag.local === 'record' || tag.local === 'header')) {
      const inItem = removed.filter((r) => r.at >= itemStart && r.at <= parser.position).map((r) => r.char);
      if (inItem.length) item.removed = describeRemoved(inItem);
      response.items.push(finishItem(item, tag.local));
      item = undefined;
    }
    text = '';
  });

  try {
    // Some repositories send a BOM or blank lines before the XML declaration (Metis fixture); skip them.
    parser.write(xml.replace(/^\uFEFF?\s+/, '')).close();
  } catch (error) {
    if (error instanceof OaiParseError) throw error;
    throw new OaiParseError(`not well-formed XML: ${(error as Error).message}`);
  }
  if (!sawRoot) throw new OaiParseError('no root element');
  return response;
}

function readToken(value: string, attrs: Record<string, string>): OaiResumptionToken {
  const size = Number(attrs.completeListSize);
  const cursor = Number(attrs.cursor);
  return {
    value,
    expirationDate: attrs.expirationDate || undefined,
    // Repositories send junk here (Metis fixture: completeListSize="ssss"); it is advisory, so drop it.
    completeListSize: attrs.completeListSize !== undefined && Number.isFinite(size) ? size : undefined,
    cursor: attrs.cursor !== undefined && Number.isFinite(cursor) ? cursor : undefined,
  };
}

function finishItem(item: OaiItem, element: string): OaiItem {
  const { header, removed } = item;
  if (!header.identifier) return { header, removed, problem: element === 'record' && !header.datestamp ? 'record without header' : 'header without identifier' };
  if (element === 'header' || header.deleted) return { header, removed };
  if (item.metadata === undefined) return { header, removed, problem: `record ${header.identifier} has no metadata payload` };
  return item;
}

const NAME = '(?:[A-Za-z_][\\w.-]*:)?';
const LIST_OPEN = new RegExp(`<${NAME}(?:ListRecords|GetRecord)(?:\\s[^>]*)?>`);
/** The end of one of the envelope's records: the next record, the resumption token or the list's end follows. */
const RECORD_END = new RegExp(`</${NAME}record\\s*>(?=\\s*(?:<${NAME}record[\\s>]|<${NAME}resumptionToken[\\s>/]|</${NAME}(?:ListRecords|GetRecord)\\s*>))`, 'g');
const COMPLETE_TAIL = new RegExp(`</${NAME}(?:ListRecords|GetRecord)\\s*>\\s*</${NAME}OAI-PMH\\s*>\\s*$`);

/**
 * A ListRecords/GetRecord page that is not well-formed because of one record (a payload with a
 * mismatched tag): when the envelope is whole (it ends with the list's and OAI-PMH's closing tags,
 * so it was not truncated), each record is parsed on its own inside it. A record that still fails
 * becomes an item with its problem (identifier read from its header where possible); the others
 * are used. Undefined when the page cannot be cut into records this way: it stays unreadable.
 */
export function salvageOaiResponse(xml: string): OaiResponse | undefined {
  const list = LIST_OPEN.exec(xml);
  if (!list || !COMPLETE_TAIL.test(xml)) return undefined;
  const bodyStart = list.index + list[0].length;
  const ends = [...xml.slice(bodyStart).matchAll(RECORD_END)].map((m) => bodyStart + m.index! + m[0].length);
  if (ends.length === 0) return undefined;
  const head = xml.slice(0, bodyStart);
  const tail = xml.slice(ends[ends.length - 1]);
  let response: OaiResponse;
  try {
    response = parseOaiResponse(head + tail);
  } catch {
    return undefined;
  }
  let from = bodyStart;
  for (const end of ends) {
    const chunk = xml.slice(from, end);
    from = end;
    try {
      response.items.push(...parseOaiResponse(head + chunk + tail).items);
    } catch (error) {
      const identifier = new RegExp(`<${NAME}identifier\\s*>([^<]*)<`).exec(chunk)?.[1]?.trim() ?? '';
      const message = error instanceof Error ? error.message : String(error);
      response.items.push({ header: { identifier, datestamp: '', sets: [], deleted: false }, problem: `record ${identifier || '(no identifier)'} is not well-formed XML: ${message}` });
    }
  }
  return response;
}
