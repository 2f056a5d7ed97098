/**
 * Graph answers (CONSTRUCT, DESCRIBE) serialised in the media types the hub's /sparql offers:
 * Turtle, TriG, N-Triples and N-Quads through N3's writer, JSON-LD through jsonld, RDF/XML
 * through a small writer (one rdf:Description per triple).
 */
import N3 from 'n3';
import jsonld from 'jsonld';
import { BadRequestError } from '../../core/errors.js';
import { toNQuads, type Quad, type Term } from '../../core/rdf.js';

const N3_FORMATS: Record<string, string> = {
  'text/turtle': 'Turtle',
  'application/trig': 'TriG',
  'application/n-triples': 'N-Triples',
  'application/n-quads': 'N-Quads',
};

const xmlEscape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Splits a predicate IRI into namespace and an XML local name; RDF/XML cannot carry the rest. */
function splitPredicate(iri: string): [string, string] {
  const m = /^(.*?)([A-Za-z_][A-Za-z0-9_.-]*)$/.exec(iri);
  if (!m || !m[1]) throw new BadRequestError(`RDF/XML cannot write the predicate <${iri}>; ask for Turtle or N-Triples`, { code: 'NOT_ACCEPTABLE' });
  return [m[1], m[2]];
}

function rdfXmlNode(t: Term, attr: 'about' | 'resource'): string {
  return t.termType === 'BlankNode' ? `rdf:nodeID="${xmlEscape(t.value)}"` : `rdf:${attr}="${xmlEscape(t.value)}"`;
}

function toRdfXml(quads: Quad[]): string {
  const namespaces = new Map<string, string>();
  const lines = quads.map((q) => {
    const [ns, local] = splitPredicate(q.predicate.value);
    let prefix = namespaces.get(ns);
    if (prefix === undefined) namespaces.set(ns, (prefix = `ns${namespaces.size}`));
    const o = q.object;
    let property: string;
    if (o.termType === 'Literal') {
      const attrs = o.language ? ` xml:lang="${xmlEscape(o.language)}"` : o.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string' ? ` rdf:datatype="${xmlEscape(o.datatype.value)}"` : '';
      property = `<${prefix}:${local}${attrs}>${xmlEscape(o.value)}</${prefix}:${local}>`;
    } else {
      property = `<${prefix}:${local} ${rdfXmlNode(o, 'resource')}/>`;
    }
    return `  <rdf:Description ${rdfXmlNode(q.subject, 'about')}>${property}</rdf:Description>`;
  });
  const decls = [...namespaces].map(([ns, p]) => ` xmlns:${p}="${xmlEscape(ns)}"`).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"${decls}>\n${lines.join('\n')}${lines.length ? '\n' : ''}</rdf:RDF>\n`;
}

export const GRAPH_FORMATS = [...Object.keys(N3_FORMATS), 'application/ld+json', 'application/rdf+xml'];

export async function serializeGraph(quads: Quad[], mediaType: string): Promise<string> {
  const format = N3_FORMATS[mediaType];
  if (format) return new N3.Writer({ format }).quadsToString(quads);
  if (mediaType === 'application/ld+json') {
    const doc = await jsonld.fromRDF(toNQuads(quads) as any, { format: 'application/n-quads' });
    return JSON.stringify(doc);
  }
  if (mediaType === 'application/rdf+xml') return toRdfXml(quads);
  throw new BadRequestError(`no graph serialisation for ${mediaType}; use one of ${GRAPH_FORMATS.join(', ')}`, { code: 'NOT_ACCEPTABLE' });
}
