/**
 * Search pages of /api/v1/activities (also /api/v1/events) and /api/v1/heritage-objects: the
 * request's parameters (rest/search-params.ts) become one query of the search read model, whose
 * hits are hydrated from the store like any list page. The page is the list page's Hydra
 * collection plus totals (hydra:totalItems, exact up to the read model's bound), facets, each
 * member's score and distanceKm, and a next link that carries the read model's cursor.
 *
 * The ETag covers the representation's bytes and the read model's asOf (one tag per
 * representation: Accept and ?format= pick it; nothing else is negotiated, so Vary is Accept).
 */
import type { Request, Response } from 'express';
import { literal, namedNode, quad, type Quad } from '../../core/rdf.js';
import { HUB, HYDRA, RDF, XSD } from '../../core/vocab.js';
import type { CollectionDef } from '../../publication/indexes/collections.js';
import { SearchQueryError, type SearchKind, type SearchReadModel, type SearchResult } from '../../publication/search/search-contract.js';
import { representationTag } from '../http-cache/entity-tags.js';
import { collectionPage, labelOf } from '../pages/entity-page.js';
import { queryProblem } from '../rest/query-problems.js';
import { rawQuery, type RawParam } from '../rest/raw-query.js';
import { serialise } from '../rest/rdf-serialise.js';
import { sendRepresentation, type Representation } from '../rest/representation.js';
import { isSearch, searchQuery } from '../rest/search-params.js';

export interface SearchPageDeps {
  base: string;
  limits: { pageSize: number; maxPageSize: number };
  /** The read model, created on first use (one per app). */
  model: () => SearchReadModel;
  /** The published data of a hit's record graph. */
  memberData: (recordGraph: string) => Promise<Quad[]>;
}

const KINDS: Record<string, SearchKind> = { activities: 'activities', 'heritage-objects': 'heritage-objects' };

/** The collection's kind when this request is a search (see search-params.ts isSearch), else undefined. */
export function searchKindOf(req: Request, collection: CollectionDef): SearchKind | undefined {
  const kind = KINDS[collection.name];
  return kind && isSearch(rawQuery(req.originalUrl), kind) ? kind : undefined;
}

/** A page URL: the request's own parameters in their order, less `drop`, plus a cursor. */
function pageUrl(base: string, path: string, params: RawParam[], drop: string[], cursor?: string): string {
  const pairs = params.filter((p) => !drop.includes(p.name)).map((p) => `${encodeURIComponent(p.sent).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(p.value)}`);
  if (cursor) pairs.push(`cursor=${encodeURIComponent(cursor)}`);
  return `${base}${path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

export async function searchPage(deps: SearchPageDeps, req: Request, res: Response, collection: CollectionDef, kind: SearchKind, type: Representation): Promise<void> {
  const params = rawQuery(req.originalUrl);
  const { query, problems } = searchQuery(kind, params, deps.limits);
  if (problems.length) throw queryProblem(problems);
  let result: SearchResult;
  try {
    result = await deps.model().search(query);
  } catch (e) {
    if (e instanceof SearchQueryError) throw queryProblem([{ name: e.field, reason: e.reason }]);
    throw e;
  }
  const path = req.path.replace(/^\//, '');
  const collectionUrl = pageUrl(deps.base, path, params, ['cursor', 'format', 'start']);
  const self = pageUrl(deps.base, path, params, ['format']);
  const next = result.next ? pageUrl(deps.base, path, params, ['cursor', 'format', 'start'], result.next) : undefined;
  const links = [`<${collectionUrl}>; rel="first"`];
  if (next) links.push(`<${next}>; rel="next"`);
  res.set('link', links.join(', '));

  const datas = await Promise.all(result.items.map((h) => deps.memberData(h.recordGraph)));
  const c = namedNode(collectionUrl);
  const view = namedNode(self);
  const int = (n: number) => literal(String(n), namedNode(XSD('integer')));
  const dec = (n: number) => literal(String(Math.round(n * 1000) / 1000), namedNode(XSD('decimal')));
  const quads: Quad[] = [
    quad(c, namedNode(RDF('type')), namedNode(HYDRA('Collection'))),
    quad(c, namedNode(HYDRA('view')), view),
    quad(c, namedNode(HYDRA('totalItems')), int(result.total)),
    quad(c, namedNode(HUB('totalItemsExact')), literal(String(result.totalExact), namedNode(XSD('boolean')))),
    quad(view, namedNode(RDF('type')), namedNode(HYDRA('PartialCollectionView'))),
    quad(view, namedNode(HYDRA('first')), namedNode(collectionUrl)),
  ];
  if (next) quads.push(quad(view, namedNode(HYDRA('next')), namedNode(next)));
  result.items.forEach((hit, i) => {
    const member = namedNode(hit.entity);
    quads.push(quad(c, namedNode(HYDRA('member')), member), quad(member, namedNode(HUB('rank')), int((query.start ?? 0) + i + 1)));
    if (hit.score !== undefined) quads.push(quad(member, namedNode(HUB('score')), dec(hit.score)));
    if (hit.distanceKm !== undefined) quads.push(quad(member, namedNode(HUB('distanceKm')), dec(hit.distanceKm)));
    quads.push(...datas[i]!.map((q) => quad(q.subject as never, q.predicate as never, q.object as never)));
  });

  let body: string;
  if (type === 'text/html') {
    body = collectionPage({
      title: `${collection.title}: ${result.total}${result.totalExact ? '' : '+'} found`,
      base: deps.base,
      self,
      next,
      items: result.items.map((h, i) => ({ entity: h.entity, label: labelOf(datas[i]!, datas[i]!.map((q) => q.subject.value)), published: '', source: sourceOf(deps.base, h.recordGraph) })),
    });
  } else if (type === 'application/ld+json' || type === 'application/json') {
    body = withSearchKeys(await serialise(quads, 'application/ld+json', { base: deps.base, context: collection.context, root: collectionUrl }), collectionUrl, result, query.limit);
  } else {
    body = await serialise(quads, type, { base: deps.base, context: collection.context, root: collectionUrl });
  }
  // One tag per representation and read-model state: bytes, media type and asOf.
  res.set('etag', representationTag(`${result.asOf}\n${body}`, { contentType: type }));
  sendRepresentation(res, type, body);
}

const sourceOf = (base: string, recordGraph: string) => (recordGraph.startsWith(`${base}graph/`) ? recordGraph.slice(base.length + 6).split('/')[0]! : '');

/** The context terms of the keys a JSON client reads without RDF tooling. */
const SEARCH_CONTEXT = {
  totalItems: { '@id': HYDRA('totalItems'), '@type': XSD('integer') },
  totalItemsExact: { '@id': HUB('totalItemsExact'), '@type': XSD('boolean') },
  itemsPerPage: { '@id': HYDRA('itemsPerPage'), '@type': XSD('integer') },
  facets: { '@id': HUB('facets'), '@type': '@json' },
  member: { '@id': HUB('rankedMember'), '@type': '@id', '@container': '@list' },
  score: { '@id': HUB('score'), '@type': XSD('decimal') },
  distanceKm: { '@id': HUB('distanceKm'), '@type': XSD('decimal') },
};

/**
 * JSON-LD (and format=json) with publiq's keys on top: totalItems, totalItemsExact, itemsPerPage,
 * facets, and `member`, the members' IRIs in rank order (RDF itself has no order); each member's
 * node carries score and distanceKm as plain numbers.
 */
function withSearchKeys(jsonText: string, collectionUrl: string, result: SearchResult, limit: number): string {
  const doc = JSON.parse(jsonText) as Record<string, unknown>;
  const context = Array.isArray(doc['@context']) ? doc['@context'] : [doc['@context']];
  const graph = (Array.isArray(doc['@graph']) ? doc['@graph'] : [omit(doc, '@context')]) as Record<string, unknown>[];
  const byId = new Map(graph.map((n) => [n['@id'] as string, n]));
  result.items.forEach((hit) => {
    const node = byId.get(hit.entity) ?? { '@id': hit.entity };
    if (!byId.has(hit.entity)) graph.push(node);
    for (const key of Object.keys(node)) if (/(^|:)(score|distanceKm|rank)$/.test(key)) delete node[key];
    if (hit.score !== undefined) node.score = Math.round(hit.score * 1000) / 1000;
    if (hit.distanceKm !== undefined) node.distanceKm = Math.round(hit.distanceKm * 1000) / 1000;
  });
  const collection = byId.get(collectionUrl);
  if (collection) for (const key of Object.keys(collection)) if (/(^|:)(totalItems|totalItemsExact)$/.test(key)) delete collection[key];
  // The collection first, then the members in rank order, then the rest.
  const rank = new Map(result.items.map((h, i) => [h.entity, i]));
  const order = (n: Record<string, unknown>) => (n['@id'] === collectionUrl ? -1 : (rank.get(n['@id'] as string) ?? result.items.length));
  graph.sort((a, b) => order(a) - order(b));
  const out = {
    '@context': [...context, SEARCH_CONTEXT],
    totalItems: result.total,
    totalItemsExact: result.totalExact,
    itemsPerPage: limit,
    facets: facetsOut(result),
    member: result.items.map((h) => h.entity),
    '@graph': graph,
  };
  return JSON.stringify(out, null, 1);
}

const FACET_NAMES: Record<string, string> = { type: 'types', theme: 'themes', region: 'regions', organisation: 'organisations', language: 'languages', label: 'labels', objectType: 'objectTypes', maker: 'makers', material: 'materials', rightsCategory: 'rightsCategories', decade: 'decades' };

/** Facets under the names the client asked for (types, makers …). */
function facetsOut(result: SearchResult): Record<string, unknown> {
  return Object.fromEntries(Object.entries(result.facets).map(([field, values]) => [FACET_NAMES[field] ?? field, values]));
}

function omit(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _drop, ...rest } = o;
  return rest;
}
