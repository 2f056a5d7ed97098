/**
 * SPARQL results serialisation (JSON, XML, CSV, TSV) from plain term objects, shared by the
 * embedded store's workers; kept engine-free so the remote store can reuse it.
 */
export interface PlainTerm {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'Quad' | 'DefaultGraph' | 'Variable';
  value: string;
  language?: string;
  datatype?: string;
}

export type PlainBindings = Record<string, PlainTerm>;

export const RESULT_MEDIA_TYPES = {
  json: 'application/sparql-results+json',
  xml: 'application/sparql-results+xml',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
} as const;

export const GRAPH_MEDIA_TYPES = ['text/turtle', 'application/n-triples', 'application/n-quads', 'application/ld+json', 'application/rdf+xml', 'application/trig'] as const;

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

const xmlEscape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

function jsonTerm(t: PlainTerm): Record<string, string> {
  if (t.termType === 'NamedNode') return { type: 'uri', value: t.value };
  if (t.termType === 'BlankNode') return { type: 'bnode', value: t.value };
  const out: Record<string, string> = { type: 'literal', value: t.value };
  if (t.language) out['xml:lang'] = t.language;
  else if (t.datatype && t.datatype !== XSD_STRING && t.datatype !== RDF_LANG_STRING) out.datatype = t.datatype;
  return out;
}

function xmlTerm(t: PlainTerm): string {
  if (t.termType === 'NamedNode') return `<uri>${xmlEscape(t.value)}</uri>`;
  if (t.termType === 'BlankNode') return `<bnode>${xmlEscape(t.value)}</bnode>`;
  if (t.language) return `<literal xml:lang="${xmlEscape(t.language)}">${xmlEscape(t.value)}</literal>`;
  if (t.datatype && t.datatype !== XSD_STRING) return `<literal datatype="${xmlEscape(t.datatype)}">${xmlEscape(t.value)}</literal>`;
  return `<literal>${xmlEscape(t.value)}</literal>`;
}

function csvCell(t: PlainTerm | undefined): string {
  if (!t) return '';
  const v = t.termType === 'BlankNode' ? `_:${t.value}` : t.value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function tsvTerm(t: PlainTerm | undefined): string {
  if (!t) return '';
  if (t.termType === 'NamedNode') return `<${t.value}>`;
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  const escaped = t.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  if (t.language) return `"${escaped}"@${t.language}`;
  if (t.datatype && t.datatype !== XSD_STRING) return `"${escaped}"^^<${t.datatype}>`;
  return `"${escaped}"`;
}

export function serializeBindings(vars: string[], rows: PlainBindings[], mediaType: string): string {
  switch (mediaType) {
    case RESULT_MEDIA_TYPES.json:
      return JSON.stringify({
        head: { vars },
        results: { bindings: rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, t]) => [k, jsonTerm(t)]))) },
      });
    case RESULT_MEDIA_TYPES.xml: {
      const head = vars.map((v) => `<variable name="${xmlEscape(v)}"/>`).join('');
      const body = rows
        .map((r) => `<result>${Object.entries(r).map(([k, t]) => `<binding name="${xmlEscape(k)}">${xmlTerm(t)}</binding>`).join('')}</result>`)
        .join('\n');
      return `<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>${head}</head><results>\n${body}\n</results></sparql>\n`;
    }
    case RESULT_MEDIA_TYPES.csv:
      return `${vars.join(',')}\r\n${rows.map((r) => vars.map((v) => csvCell(r[v])).join(',')).join('\r\n')}${rows.length ? '\r\n' : ''}`;
    case RESULT_MEDIA_TYPES.tsv:
      return `${vars.map((v) => `?${v}`).join('\t')}\n${rows.map((r) => vars.map((v) => tsvTerm(r[v])).join('\t')).join('\n')}${rows.length ? '\n' : ''}`;
    default:
      throw new Error(`no SPARQL results serialiser for ${mediaType}`);
  }
}

export function serializeBoolean(value: boolean, mediaType: string): string {
  switch (mediaType) {
    case RESULT_MEDIA_TYPES.json:
      return JSON.stringify({ head: {}, boolean: value });
    case RESULT_MEDIA_TYPES.xml:
      return `<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>${value}</boolean></sparql>\n`;
    case RESULT_MEDIA_TYPES.csv:
    case RESULT_MEDIA_TYPES.tsv:
      return `${value}\n`;
    default:
      throw new Error(`no SPARQL boolean serialiser for ${mediaType}`);
  }
}
