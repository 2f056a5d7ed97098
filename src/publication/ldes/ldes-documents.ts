/**
 * LDES 1.0 documents as JSON-LD: the ldes:EventStream of a collection and its time-fragmented
 * tree:Node pages. Members are version objects (dct:isVersionOf the entity, prov:generatedAtTime
 * the publish time) carrying the entity's whole description; deletes are as:Delete members,
 * declared on the stream with ldes:versionDeletePath/Object. Member nodes use full IRIs.
 *
 * A member is self-contained for the TREE member extraction (CBD of the member IRI plus every
 * quad in the named graph named by it, as rdf-connect's ldes-client does through
 * extract-cbd-shape): the version node says only what the stream declares (dct:isVersionOf,
 * prov:generatedAtTime), and the named graph named by the version IRI holds the entity's
 * description at that version as the entity IRI serves it: the entity's own triples and its
 * hash-IRI nested nodes `H#…`, which CBD alone would not reach. The entity's triples stay on the
 * entity IRI, so they never collide with the version's own (Ghent's objects carry a
 * prov:generatedAtTime of their own). Materialising the version IRI to dct:isVersionOf gives the
 * entity's triples, plus the version's prov:generatedAtTime.
 */
import jsonld from 'jsonld';
import { DCT, LDES, PROV, RDF, TREE, XSD } from '../../core/vocab.js';
import { parseRdf, toNQuads } from '../../core/rdf.js';
import { describedIn } from '../indexes/entity-description.js';
import type { Member } from './version-log.js';

export const AS_DELETE = 'https://www.w3.org/ns/activitystreams#Delete';
const SH = 'http://www.w3.org/ns/shacl#';

const CONTEXT = {
  tree: TREE(),
  ldes: LDES(),
  dct: DCT(),
  prov: PROV(),
  xsd: XSD(),
  sh: SH,
  as: 'https://www.w3.org/ns/activitystreams#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
};

export interface StreamUrls {
  stream: string;
  page: (index: number) => string;
  shape: string;
}

function streamNode(urls: StreamUrls, title: string) {
  return {
    '@id': urls.stream,
    '@type': 'ldes:EventStream',
    'dct:title': title,
    'ldes:timestampPath': { '@id': PROV('generatedAtTime') },
    'ldes:versionOfPath': { '@id': DCT('isVersionOf') },
    'ldes:versionDeletePath': { '@id': RDF('type') },
    'ldes:versionDeleteObject': { '@id': AS_DELETE },
    'tree:shape': {
      '@id': urls.shape,
      '@type': 'sh:NodeShape',
      'rdfs:comment':
        "A version of an entity (dct:isVersionOf) published at prov:generatedAtTime; the named graph named by the version IRI holds the entity's description at that version, as the entity IRI serves it (its triples and those of its hash IRIs). A delete is typed as:Delete and has no graph.",
      'sh:property': [
        { 'sh:path': { '@id': DCT('isVersionOf') }, 'sh:minCount': 1, 'sh:maxCount': 1, 'sh:nodeKind': { '@id': `${SH}IRI` } },
        { 'sh:path': { '@id': PROV('generatedAtTime') }, 'sh:minCount': 1, 'sh:maxCount': 1, 'sh:datatype': { '@id': XSD('dateTime') } },
      ],
    },
    'tree:view': { '@id': urls.page(0) },
  };
}

/** The stream document at /ldes/{collection}. */
export function streamDocument(urls: StreamUrls, title: string): Record<string, unknown> {
  return { '@context': CONTEXT, ...streamNode(urls, title) };
}

/**
 * One member as an expanded JSON-LD node: the version node, and the entity's description as
 * the version's named graph (`@graph` of the version node).
 */
async function memberNode(m: Member): Promise<Record<string, unknown>> {
  const head = {
    '@id': m.member,
    [DCT('isVersionOf')]: [{ '@id': m.entity }],
    [PROV('generatedAtTime')]: [{ '@value': m.time, '@type': XSD('dateTime') }],
  };
  if (m.deleted) return { ...head, '@type': [AS_DELETE] };
  // The entity's description in the record graph, by the rule its IRI is served by (no other entity's triples).
  const described = describedIn(parseRdf(m.nt, { format: 'application/n-quads' }), m.entity);
  const nodes = (await jsonld.fromRDF(toNQuads(described), { format: 'application/n-quads' })) as Record<string, unknown>[];
  return { ...head, '@graph': nodes };
}

export async function pageDocument(urls: StreamUrls, title: string, members: Member[], index: number, pageSize: number): Promise<{ doc: Record<string, unknown>; closed: boolean; found: boolean }> {
  const pages = Math.max(1, Math.ceil(members.length / pageSize));
  if (index >= pages) return { doc: {}, closed: false, found: false };
  const slice = members.slice(index * pageSize, (index + 1) * pageSize);
  const closed = index < pages - 1;
  const relations = [];
  if (closed) {
    // The least time of every later member: true of all that the relation leads to.
    const later = members.slice((index + 1) * pageSize);
    const min = later.reduce((a, m) => (m.time < a ? m.time : a), later[0]!.time);
    relations.push({
      '@type': 'tree:GreaterThanOrEqualToRelation',
      'tree:node': { '@id': urls.page(index + 1) },
      'tree:path': { '@id': PROV('generatedAtTime') },
      'tree:value': { '@value': min, '@type': XSD('dateTime') },
    });
  }
  const doc = {
    '@context': CONTEXT,
    '@id': urls.page(index),
    '@type': 'tree:Node',
    'tree:relation': relations,
    '@reverse': { 'tree:view': { ...streamNode(urls, title), 'tree:view': undefined, 'tree:member': slice.map((m) => ({ '@id': m.member })) } },
    '@included': await Promise.all(slice.map(memberNode)),
  };
  return { doc, closed, found: true };
}
