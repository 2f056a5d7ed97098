/**
 * RDF representations of API answers: JSON-LD compacted with a local OSLO context (served by the
 * hub itself at /api/v1/contexts/{file}, never fetched), Turtle, N-Triples and RDF/XML.
 */
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import N3 from 'n3';
import { projectPath } from '../../core/paths.js';
import { quad, toNQuads, type Quad, type Term } from '../../core/rdf.js';
import { DCAT, DCT, HUB, HYDRA, LDES, OWL, PROV, RDF, RDFS, SKOS, TREE, VOID, XSD } from '../../core/vocab.js';

export const RDF_MEDIA_TYPES = ['application/ld+json', 'text/turtle', 'application/n-triples', 'application/rdf+xml'] as const;
export type RdfMediaType = (typeof RDF_MEDIA_TYPES)[number];

export const PREFIXES: Record<string, string> = {
  rdf: RDF(),
  rdfs: RDFS(),
  xsd: XSD(),
  owl: OWL(),
  dct: DCT(),
  prov: PROV(),
  hydra: HYDRA(),
  tree: TREE(),
  ldes: LDES(),
  dcat: DCAT(),
  void: VOID(),
  skos: SKOS(),
  hub: HUB(),
  crm: 'http://www.cidoc-crm.org/cidoc-crm/',
  cp: 'https://data.vlaanderen.be/ns/cultuurparticipatie#',
  ce: 'https://data.vlaanderen.be/ns/cultureel-erfgoed#',
  schema: 'https://schema.org/',
  adms: 'http://www.w3.org/ns/adms#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  sh: 'http://www.w3.org/ns/shacl#',
};

/** Terms the API adds around OSLO data (paging, provenance, links). */
const EXTRA_CONTEXT = {
  hydra: HYDRA(),
  hub: HUB(),
  prov: PROV(),
  owl: OWL(),
  dct: DCT(),
  tree: TREE(),
  ldes: LDES(),
  xsd: XSD(),
};

const contextUrl = (base: string, file: string) => `${base}api/v1/contexts/${file}`;
const contextCache = new Map<string, unknown>();

/** A served context file's JSON (only files in ontologies/contexts/, by exact name). */
export function contextDocument(file: string): unknown {
  if (!/^[a-z0-9-]+\.jsonld$/.test(file)) return undefined;
  if (!contextCache.has(file)) {
    try {
      contextCache.set(file, JSON.parse(readFileSync(projectPath('ontologies', 'contexts', file), 'utf8')));
    } catch {
      return undefined;
    }
  }
  return contextCache.get(file);
}

function loaderFor(base: string) {
  return async (url: string) => {
    const prefix = `${base}api/v1/contexts/`;
    const doc = url.startsWith(prefix) ? contextDocument(url.slice(prefix.length)) : undefined;
    if (doc === undefined) throw new Error(`JSON-LD context ${url} is not served locally; remote contexts are never fetched`);
    // tag 'static': the files do not change while the hub runs, so jsonld.js keeps the processed context between calls.
    return { contextUrl: null, documentUrl: url, document: doc, tag: 'static' };
  };
}

/** The compacted JSON-LD document of `quads` (triples only) with the collection's context, as jsonld.js makes it. */
export async function compactQuads(quads: Quad[], base: string, contextFile: string): Promise<Record<string, unknown>> {
  // Triples only: the named graph a quad came from is not part of the resource's description.
  const triples = quads.map((q) => quad(q.subject, q.predicate, q.object));
  const expanded = await jsonld.fromRDF(toNQuads(triples), { format: 'application/n-quads', useNativeTypes: false });
  const context = [contextUrl(base, contextFile), EXTRA_CONTEXT];
  return (await jsonld.compact(expanded as jsonld.JsonLdDocument, context as never, { documentLoader: loaderFor(base) as never })) as Record<string, unknown>;
}

/** The resource itself first, so a client reading @graph[0] gets the entity or page (the rest keep their order). */
export function rootFirst(compacted: Record<string, unknown>, frameRoot?: string): Record<string, unknown> {
  if (frameRoot && Array.isArray(compacted['@graph'])) {
    const graph = compacted['@graph'] as { '@id'?: string }[];
    graph.sort((a, b) => (a['@id'] === frameRoot ? -1 : b['@id'] === frameRoot ? 1 : 0));
  }
  return compacted;
}

export async function toJsonLd(quads: Quad[], base: string, contextFile: string, frameRoot?: string): Promise<string> {
  return JSON.stringify(rootFirst(await compactQuads(quads, base, contextFile), frameRoot), null, 1);
}

/** The expanded IRI (or keyword) a key of a compacted node stands for under a context, as jsonld.js expands it; undefined when it is not one property. */
export async function expandKey(key: string, base: string, contextFile: string): Promise<string | undefined> {
  if (key.startsWith('@')) return key;
  const context = [contextUrl(base, contextFile), EXTRA_CONTEXT];
  for (const [i, doc] of [{ '@context': context, '@id': 'urn:hub:s', [key]: 'urn:hub:v' }, { '@context': context, [key]: 'urn:hub:v' }].entries()) {
    try {
      const out = (await jsonld.expand(doc as never, { documentLoader: loaderFor(base) as never })) as Record<string, unknown>[];
      const keys = out.length === 1 ? Object.keys(out[0]!).filter((k) => i === 1 || k !== '@id') : [];
      if (keys.length === 1 && keys[0] !== '@reverse') return keys[0];
    } catch {
      // an alias of @id collides with the @id above: tried again without it
    }
  }
  return undefined;
}

export function toTurtle(quads: Quad[]): string {
  const used = Object.fromEntries(Object.entries(PREFIXES).filter(([, ns]) => quads.some((q) => q.predicate.value.startsWith(ns) || q.object.value.startsWith(ns) || q.subject.value.startsWith(ns))));
  const writer = new N3.Writer({ prefixes: used });
  let out = '';
  writer.addQuads(quads.map((q) => N3.DataFactory.quad(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object)));
  writer.end((_e, result) => (out = result));
  return out;
}

export function toNTriples(quads: Quad[]): string {
  const writer = new N3.Writer({ format: 'N-Triples' });
  return quads.map((q) => writer.quadToString(q.subject, q.predicate, q.object)).join('');
}

const xml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
// eslint-disable-next-line no-control-regex -- characters XML 1.0 cannot carry at all
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** Splits a predicate IRI into namespace + an XML local name; undefined when it has none. */
function splitPredicate(iri: string): [string, string] | undefined {
  const m = /[A-Za-z_][A-Za-z0-9_.-]*$/.exec(iri);
  if (!m || m.index === 0) return undefined;
  return [iri.slice(0, m.index), m[0]];
}

/** A plain RDF/XML writer: one rdf:Description per subject, namespaces declared on the root. */
export function toRdfXml(quads: Quad[]): string {
  const namespaces = new Map<string, string>([[RDF(), 'rdf']]);
  for (const [prefix, ns] of Object.entries(PREFIXES)) if (!namespaces.has(ns)) namespaces.set(ns, prefix);
  const subjectAttr = (t: Term) => (t.termType === 'BlankNode' ? `rdf:nodeID="${xml(t.value)}"` : `rdf:about="${xml(t.value)}"`);
  const bySubject = new Map<string, { subject: Term; lines: string[] }>();
  for (const q of quads) {
    const key = `${q.subject.termType}:${q.subject.value}`;
    const entry = bySubject.get(key) ?? { subject: q.subject, lines: [] };
    bySubject.set(key, entry);
    const split = splitPredicate(q.predicate.value);
    if (!split) throw new Error(`predicate ${q.predicate.value} cannot be written as RDF/XML (no XML local name)`);
    const [ns, local] = split;
    if (!namespaces.has(ns)) namespaces.set(ns, `ns${namespaces.size}`);
    const name = `${namespaces.get(ns)}:${local}`;
    const o = q.object;
    if (o.termType === 'NamedNode') entry.lines.push(`    <${name} rdf:resource="${xml(o.value)}"/>`);
    else if (o.termType === 'BlankNode') entry.lines.push(`    <${name} rdf:nodeID="${xml(o.value)}"/>`);
    else if (o.termType === 'Literal') {
      const attr = o.language ? ` xml:lang="${xml(o.language)}"` : o.datatype && o.datatype.value !== XSD('string') ? ` rdf:datatype="${xml(o.datatype.value)}"` : '';
      entry.lines.push(`    <${name}${attr}>${xml(o.value.replace(XML_INVALID, ''))}</${name}>`);
    }
  }
  const decls = [...namespaces].map(([ns, prefix]) => ` xmlns:${prefix}="${xml(ns)}"`).join('');
  const body = [...bySubject.values()].map(({ subject, lines }) => `  <rdf:Description ${subjectAttr(subject)}>\n${lines.join('\n')}\n  </rdf:Description>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF${decls}>\n${body}\n</rdf:RDF>\n`;
}

export async function serialise(quads: Quad[], mediaType: RdfMediaType, options: { base: string; context: string; root?: string }): Promise<string> {
  if (mediaType === 'application/ld+json') return toJsonLd(quads, options.base, options.context, options.root);
  if (mediaType === 'text/turtle') return toTurtle(quads);
  if (mediaType === 'application/n-triples') return toNTriples(quads);
  return toRdfXml(quads);
}
