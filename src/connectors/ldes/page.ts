/**
 * Reads one LDES page (a tree:Node as JSON-LD): its relations and its members. Members keep
 * their own JSON so the mapping sees what the source published; their version, time and
 * delete status are read from the expanded form, so any context (or none) works.
 */
import jsonld from 'jsonld';
import { parseJsonText } from '../../core/json-text.js';
import { localDocumentLoader } from '../../core/jsonld-loader.js';
import { LDES, TREE } from '../../core/vocab.js';

export interface PageMember {
  /** The member's own @id (a version IRI). */
  id: string;
  json: Record<string, unknown>;
  /** Why the member cannot be read at all (not a JSON object); reported as its error. */
  problem?: string;
}

export interface ParsedPage {
  relations: { node: string; type: string }[];
  /** Views (root nodes) an ldes:EventStream described here points to with tree:view: where a client starts. */
  views: string[];
  members: PageMember[];
  /** Stream-level settings the page declares (ldes:versionOfPath etc.). */
  stream: { versionOfPath?: string; timestampPath?: string; deleteObject?: string; pollingInterval?: number; retentionPolicy?: boolean };
}

const expand = (doc: unknown) => jsonld.expand(doc as any, { documentLoader: localDocumentLoader as any, safe: false } as any) as unknown as Promise<any[]>;

/**
 * Real feeds use prefixes their context never defines (Ghent writes `dcterms:isVersionOf` with no
 * `dcterms` in scope, which JSON-LD reads as an IRI with scheme "dcterms"); such keys are read as
 * the well-known namespace they obviously mean.
 */
const UNDEFINED_PREFIXES: Record<string, string> = {
  'http://purl.org/dc/terms/': 'dcterms:',
  'http://www.w3.org/ns/prov#': 'prov:',
  'https://w3id.org/tree#': 'tree:',
  'https://w3id.org/ldes#': 'ldes:',
};

function keysFor(iri: string): string[] {
  for (const [ns, prefix] of Object.entries(UNDEFINED_PREFIXES)) if (iri.startsWith(ns)) return [iri, prefix + iri.slice(ns.length)];
  return [iri];
}

const first = (node: any, iri: string): any => {
  for (const key of keysFor(iri)) if (Array.isArray(node?.[key])) return node[key][0];
  return undefined;
};
const idOf = (v: any): string | undefined => (typeof v?.['@id'] === 'string' ? v['@id'] : undefined);

/** Parses a page body; throws with the reason when it is not a readable tree:Node. */
export async function parsePage(body: string, pageUrl: string): Promise<ParsedPage> {
  const doc = parseJsonText(body) as Record<string, any>;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('page is not a JSON object');
  const pageContext = doc['@context'];
  const included: any[] = Array.isArray(doc['@included']) ? doc['@included'] : [];
  const inlineMembers: any[] = [];
  const shell: Record<string, any> = { ...doc };
  delete shell['@included'];
  // Members written inline under tree:member are taken out too; the shell keeps their ids only.
  for (const key of ['tree:member', 'member', TREE('member')]) {
    const v = shell[key];
    if (Array.isArray(v) && v.some((m) => typeof m === 'object')) {
      inlineMembers.push(...v.filter((m) => typeof m === 'object'));
      shell[key] = v.map((m) => (typeof m === 'object' ? m['@id'] : m));
    }
  }
  const expanded = await expand({ ...shell, '@id': shell['@id'] ?? pageUrl });
  const nodes = expanded.flatMap((n) => (Array.isArray(n['@graph']) ? n['@graph'] : [n]));
  const relations: ParsedPage['relations'] = [];
  const views: string[] = [];
  const stream: ParsedPage['stream'] = {};
  for (const node of nodes) {
    for (const key of keysFor(TREE('view'))) {
      for (const view of node[key] ?? []) {
        const target = idOf(view);
        if (target) views.push(new URL(target, pageUrl).href);
      }
    }
    for (const rel of node[TREE('relation')] ?? []) {
      const target = idOf(first(rel, TREE('node')));
      if (target) relations.push({ node: new URL(target, pageUrl).href, type: (rel['@type'] ?? [TREE('Relation')])[0] });
    }
    const reverse = node['@reverse']?.[TREE('view')] ?? [];
    for (const s of [node, ...reverse]) {
      const v = idOf(first(s, LDES('versionOfPath')));
      if (v) stream.versionOfPath = v;
      const t = idOf(first(s, LDES('timestampPath')));
      if (t) stream.timestampPath = t;
      const d = idOf(first(s, LDES('versionDeleteObject')));
      if (d) stream.deleteObject = d;
      const p = first(s, LDES('pollingInterval'))?.['@value'];
      if (p !== undefined) stream.pollingInterval = Number(p);
      // Members older than the policy are no longer served: reading the stream again does not show every entity.
      if (first(s, LDES('retentionPolicy')) !== undefined) stream.retentionPolicy = true;
    }
  }
  const members = [...included, ...inlineMembers].map((m): PageMember => {
    if (typeof m !== 'object' || m === null || Array.isArray(m)) return { id: '', json: {}, problem: 'not a JSON object' };
    const json = m['@context'] === undefined && pageContext !== undefined ? { '@context': pageContext, ...m } : m;
    return { id: typeof m['@id'] === 'string' ? m['@id'] : '', json };
  });
  return { relations, views, members, stream };
}

export interface MemberFacts {
  versionOf?: string;
  timestamp?: string;
  deleted: boolean;
}

/** Reads a member's version, time and delete status from its expanded form. */
export async function memberFacts(member: PageMember, paths: { versionOfPath: string; timestampPath: string; deleteObject: string }): Promise<MemberFacts> {
  const expanded = await expand(member.json);
  const node = expanded.find((n) => n['@id'] === member.id) ?? expanded[0];
  if (!node) throw new Error('member holds no node');
  const types: string[] = node['@type'] ?? [];
  const ts = first(node, paths.timestampPath);
  return {
    versionOf: idOf(first(node, paths.versionOfPath)),
    timestamp: ts?.['@value'] !== undefined ? String(ts['@value']) : undefined,
    deleted: types.includes(paths.deleteObject),
  };
}
