/**
 * REST API v1 (/api/v1): collections of published entities with filters and cursor paging (no
 * cap: the cursor is the last entity IRI of the page), single resources, and the sources. Every
 * answer is RDF in the representation the client asks for; the OpenAPI document describes it.
 */
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { AppPorts } from '../../pipeline/ports.js';
import { normaliseBase, segment, sourceIri } from '../../core/identifiers.js';
import { literal, namedNode, quad, type Quad } from '../../core/rdf.js';
import { DCT, HUB, HYDRA, PROV, RDF, XSD } from '../../core/vocab.js';
import { HttpError } from '../http-errors.js';
import { organisationNameIn, sourceNameIn } from '../../config/names.js';
import { pickLang } from '../i18n/lang.js';
import { collectionPage, labelOf } from '../pages/entity-page.js';
import { COLLECTION_NAMES, collectionForEntityType, collectionOf, COLLECTIONS, type CollectionDef } from '../../publication/indexes/collections.js';
import { EntityCache } from '../../publication/indexes/entity-cache.js';
import { apiId, recordGraphs, type EntityFilters, type EntityRow } from '../../publication/indexes/entity-index.js';
import { listDescribed } from '../../publication/indexes/described-index.js';
import { descriptionPage } from '../pages/description-page.js';
import { ListPages } from '../../publication/indexes/list-pages.js';
import type { ListIndex } from '../../publication/indexes/list-index.js';
import { apiRateLimit } from '../rest/rate-limit.js';
import { expectations, parseQueryParams, queryProblem } from '../rest/query-problems.js';
import { contextDocument, serialise } from '../rest/rdf-serialise.js';
import { rawQuery, valuesOf } from '../rest/raw-query.js';
import type { SearchReadModel } from '../../publication/search/search-contract.js';
import { searchKindOf, searchPage } from './api-v1-search.js';
import { chooseRepresentation, FORMAT_NAMES, sendRepresentation, type Representation } from '../rest/representation.js';

/** ISO 8601 date or date-time (the prefix compared against the record's dates). */
const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/, 'an ISO 8601 date, e.g. 2026-05-01');

export const ListQuerySchema = z
  .object({
    q: z.string().min(1).max(200).optional().describe('Words that must all occur in a title, name, label or description (case-insensitive)'),
    type: z.string().url().optional().describe('rdf:type IRI a resource of the record has, e.g. http://www.cidoc-crm.org/cidoc-crm/E7_Activity'),
    organisation: z.string().min(1).optional().describe('Holding or organising organisation (exact name, case-insensitive)'),
    location: z.string().min(1).optional().describe('A place IRI, or text in the name or address of the place'),
    from: isoDate.optional().describe('The record has a date (event, production) on or after this date'),
    to: isoDate.optional().describe('The record has a date on or before this date'),
    modifiedSince: z.string().datetime({ offset: true }).optional().describe('Published or republished by the hub at or after this instant'),
    source: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional().describe('Source id'),
    cursor: z.string().max(2000).optional().describe('Opaque cursor from the previous page (Link rel="next" / hydra:next)'),
    limit: z.coerce.number().int().min(1).optional().describe('Items per page'),
    format: z.enum(FORMAT_NAMES).optional().describe('Representation, instead of the Accept header: jsonld, json, ttl, nt, rdf, html'),
  })
  .strict();

const SingleQuerySchema = z.object({ format: z.enum(FORMAT_NAMES).optional() }).strict();


const param = (req: Request, name: string): string => String((req.params as Record<string, unknown>)[name]);

const encodeCursor = (entity: string) => Buffer.from(entity, 'utf8').toString('base64url');
function decodeCursor(cursor: string): string {
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^https?:\/\//.test(value)) throw queryProblem([{ name: 'cursor', value: cursor, reason: 'is not a cursor this API gave out; follow the next link of a page' }]);
  return value;
}

export interface ApiRoute {
  path: string;
  summary: string;
}

/** The routes this router serves, in OpenAPI path syntax; the OpenAPI test checks both ways. */
export const API_V1_ROUTES: ApiRoute[] = [
  { path: '/api/v1', summary: 'The collections' },
  { path: '/api/v1/contexts/{file}', summary: 'A JSON-LD context the API uses' },
  ...COLLECTIONS.flatMap((c) => [
    { path: `/api/v1/${c.name}`, summary: `${c.title}: one page` },
    { path: `/api/v1/${c.name}/{id}`, summary: `${c.title}: one resource` },
  ]),
  { path: '/api/v1/events', summary: 'Events: publiq\'s path name for the activities search' },
];

/** publiq's path name for activities. */
const ALIASES: Record<string, string> = { events: 'activities' };
const collectionNamed = (name: string) => collectionOf(ALIASES[name] ?? name);

export interface ApiV1Options {
  /** Builds the search read model (once, on the first search) on the router's list index; without it a search answers 503. */
  searchModel?: (shared: { list: ListIndex }) => SearchReadModel;
  /** Registers what to close with the app (the read model). */
  onClose?: (close: () => void) => void;
}

export function createApiV1Router({ store, config }: Pick<AppPorts, 'store' | 'config'>, options: ApiV1Options = {}): Router {
  const router = express.Router();
  const base = normaliseBase(config.hub.baseIri);
  const settings = config.hub.api;
  const cache = new EntityCache(store, base);
  const lists = new ListPages(store, base);
  let model: SearchReadModel | undefined;
  options.onClose?.(() => model?.close());
  const searchModel = (): SearchReadModel => {
    if (!options.searchModel) throw new HttpError(503, 'Search is not available on this hub (no search read model); the list parameters q, type, organisation, location, from, to, modifiedSince and source still work');
    model ??= options.searchModel({ list: lists.list });
    // A store with neither a commit feed nor a change counter (a remote one today) is not indexed: docs/api-search.md.
    if ((model as { usable?: boolean }).usable === false) throw new HttpError(503, 'Search needs a store the hub can follow (a commit feed or a change counter); this store has neither. The list parameters q, type, organisation, location, from, to, modifiedSince and source still work');
    return model;
  };
  const expected = expectations(settings.maxPageSize);
  const parseQuery = <T extends z.AnyZodObject>(schema: T, req: Request): z.output<T> => parseQueryParams(schema, req.query as Record<string, unknown>, expected);

  router.use('/api/v1', (req, res, next) => {
    res.set('access-control-allow-origin', '*');
    res.set('access-control-allow-headers', 'accept, x-api-key, if-none-match');
    res.set('access-control-expose-headers', 'link, etag, retry-after, ratelimit, ratelimit-policy');
    if (req.method === 'OPTIONS') return void res.status(204).end();
    if (req.method !== 'GET' && req.method !== 'HEAD') return next(new HttpError(405, 'The API is read-only: use GET'));
    next();
  });
  router.use('/api/v1', ...apiRateLimit(settings));

  /** A member's record graph, through the cache when the IRI is the hub's own ({base}graph/{source}/{record}). */
  const memberData = async (recordGraph: string): Promise<Quad[]> => {
    const [sourceId, record] = recordGraph.startsWith(`${base}graph/`) ? recordGraph.slice(base.length + 6).split('/') : [];
    if (!sourceId || record === undefined) return store.graph(recordGraph);
    const state = await cache.state(sourceId, decodeURIComponent(record));
    return state.state === 'published' ? state.data : [];
  };

  const wrap = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: (e?: unknown) => void) => void fn(req, res).catch(next);

  router.get(
    '/api/v1',
    wrap(async (req, res) => {
      parseQuery(SingleQuerySchema, req);
      res.json({
        title: 'Culture LOD Hub open API v1',
        openapi: `${base}api/openapi.json`,
        docs: `${base}api/docs`,
        collections: COLLECTIONS.map((c) => ({ name: c.name, title: c.title, href: `${base}api/v1/${c.name}` })),
      });
    }),
  );

  router.get('/api/v1/contexts/:file', (req, res, next) => {
    const doc = contextDocument(param(req, 'file'));
    if (doc === undefined) return next(new HttpError(404, `No context ${req.params.file}`));
    res.set('cache-control', 'public, max-age=86400').type('application/ld+json').send(JSON.stringify(doc));
  });

  const send = async (req: Request, res: Response, type: Representation, quads: Quad[], collection: CollectionDef, root: string, html: () => string) => {
    if (type === 'text/html') return sendRepresentation(res, type, html());
    const rdfType = type === 'application/json' ? 'application/ld+json' : type;
    sendRepresentation(res, type, await serialise(quads, rdfType, { base, context: collection.context, root }));
  };

  // Sources: the configured sources, described from the configuration.
  const sourceQuads = (id: string): Quad[] => {
    const s = config.source(id);
    const subject = namedNode(sourceIri(base, s.id));
    const out = [quad(subject, namedNode(RDF('type')), namedNode(HUB('Source'))), quad(subject, namedNode(DCT('identifier')), literal(s.id)), quad(subject, namedNode(HUB('connectorType')), literal(String(s.connector.type))), quad(subject, namedNode(HUB('entityType')), literal(s.entityType))];
    if (s.name) out.push(quad(subject, namedNode(DCT('title')), literal(s.name)));
    // The name per language where configured, as language-tagged titles beside the plain one.
    for (const [lang, name] of Object.entries(s.names ?? {})) if (name && name !== s.name) out.push(quad(subject, namedNode(DCT('title')), literal(name, lang)));
    if (s.organisation) out.push(quad(subject, namedNode(HUB('organisation')), literal(s.organisation)));
    return out;
  };
  const sources = collectionOf('sources')!;
  router.get(
    '/api/v1/sources',
    wrap(async (req, res) => {
      const query = parseQuery(ListQuerySchema.pick({ format: true }).strict(), req);
      const type = chooseRepresentation(req, query.format);
      const self = `${base}api/v1/sources`;
      const quads: Quad[] = [quad(namedNode(self), namedNode(RDF('type')), namedNode(HYDRA('Collection')))];
      for (const s of config.sources) {
        quads.push(quad(namedNode(self), namedNode(HYDRA('member')), namedNode(sourceIri(base, s.id))), ...sourceQuads(s.id));
      }
      quads.push(quad(namedNode(self), namedNode(HYDRA('totalItems')), literal(String(config.sources.length), namedNode(XSD('integer')))));
      const lang = pickLang(undefined, req.headers['accept-language']);
      await send(req, res, type, quads, sources, self, () =>
        collectionPage({ title: sources.title, base, self, items: config.sources.map((s) => ({ entity: sourceIri(base, s.id), label: sourceNameIn(config, s.id, lang), published: s.organisation ? organisationNameIn(config, s.organisation, lang) : '', source: s.connector.type })) }),
      );
    }),
  );
  router.get(
    '/api/v1/sources/:id',
    wrap(async (req, res) => {
      const query = parseQuery(SingleQuerySchema, req);
      const type = chooseRepresentation(req, query.format);
      const id = param(req, 'id');
      if (!config.sources.some((s) => s.id === id)) throw new HttpError(404, `No source ${id}`);
      const quads = sourceQuads(id);
      await send(req, res, type, quads, sources, sourceIri(base, id), () =>
        collectionPage({ title: `Source ${id}`, base, self: '', items: [{ entity: sourceIri(base, id), label: sourceNameIn(config, id, pickLang(undefined, req.headers['accept-language'])), published: '', source: id }] }),
      );
    }),
  );

  router.get(
    '/api/v1/:collection',
    wrap(async (req, res) => {
      const collection = collectionNamed(param(req, 'collection'));
      if (!collection || collection.name === 'sources') throw new HttpError(404, `No collection ${req.params.collection}; the collections are ${COLLECTION_NAMES.join(', ')}`);
      const kind = searchKindOf(req, collection);
      if (kind) {
        const type = chooseRepresentation(req, valuesOf(rawQuery(req.originalUrl), 'format')[0]);
        return searchPage({ base, limits: settings, model: searchModel, memberData }, req, res, collection, kind, type);
      }
      const query = parseQuery(ListQuerySchema, req);
      const type = chooseRepresentation(req, query.format);
      const limit = query.limit ?? settings.pageSize;
      if (limit > settings.maxPageSize) throw queryProblem([{ name: 'limit', value: String(limit), reason: `expected ${expected.limit} (items per page; paging itself has no cap: follow the next links)` }]);
      const filters: EntityFilters = { entityTypes: collection.entityTypes, ...query };
      const after = query.cursor !== undefined ? decodeCursor(query.cursor) : undefined;
      const described = collection.classes !== undefined;
      const rows: EntityRow[] = described ? await listDescribed(store, { ...filters, classes: collection.classes! }, base, after, limit + 1) : await lists.page(filters, base, after, limit + 1);
      const page = rows.slice(0, limit);
      const params = new URLSearchParams(Object.entries(query).filter(([k, v]) => v !== undefined && k !== 'cursor' && k !== 'format').map(([k, v]) => [k, String(v)]));
      const collectionUrl = `${base}api/v1/${collection.name}${params.size ? `?${params}` : ''}`;
      const pageUrl = (cursor?: string) => {
        const p = new URLSearchParams(params);
        if (cursor) p.set('cursor', cursor);
        return `${base}api/v1/${collection.name}${p.size ? `?${p}` : ''}`;
      };
      const self = pageUrl(query.cursor);
      const next = rows.length > limit ? pageUrl(encodeCursor(page[page.length - 1]!.entity)) : undefined;
      const links = [`<${pageUrl()}>; rel="first"`];
      if (next) links.push(`<${next}>; rel="next"`);
      res.set('link', links.join(', '));

      // A store with a change counter is read through the cache; another in one query for the page.
      const datas = described
        ? await Promise.all(page.map((r) => cache.description(r.entity).then((d) => (d.state === 'published' ? d.data : []))))
        : store.changeSeq
          ? await Promise.all(page.map((r) => memberData(r.recordGraph))) : await recordGraphs(store, page.map((r) => r.recordGraph)).then((m) => page.map((r) => m.get(r.recordGraph)!));
      const c = namedNode(collectionUrl);
      const view = namedNode(self);
      const quads: Quad[] = [quad(c, namedNode(RDF('type')), namedNode(HYDRA('Collection'))), quad(c, namedNode(HYDRA('view')), view), quad(view, namedNode(RDF('type')), namedNode(HYDRA('PartialCollectionView'))), quad(view, namedNode(HYDRA('first')), namedNode(pageUrl()))];
      if (next) quads.push(quad(view, namedNode(HYDRA('next')), namedNode(next)));
      page.forEach((r, i) => {
        const member = namedNode(r.entity);
        quads.push(quad(c, namedNode(HYDRA('member')), member), quad(member, namedNode(PROV('generatedAtTime')), literal(r.published, namedNode(XSD('dateTime')))));
        quads.push(...datas[i]!.map((q) => quad(q.subject as never, q.predicate as never, q.object as never)));
      });
      await send(req, res, type, quads, collection, collectionUrl, () =>
        collectionPage({
          title: collection.title,
          base,
          self,
          next,
          items: page.map((r, i) => ({ entity: r.entity, label: labelOf(datas[i]!, datas[i]!.map((q) => q.subject.value)), published: r.published, source: r.source })),
        }),
      );
    }),
  );

  /**
   * One hub IRI of a collection of described things: `{sourceId}:{rest}` names
   * {base}id/{type}/{sourceId}/{rest} for one of the collection's entity types (rest: the record
   * id as one segment, or its slash-separated parts, e.g. concepts `materiaal/olieverf`).
   */
  const describedResource = async (res: Response, collection: CollectionDef, type: Representation, sourceId: string, rest: string, id: string) => {
    const tails = [...new Set([segment(rest), rest.split('/').map(segment).join('/')])];
    for (const entityType of collection.entityTypes) {
      for (const tail of tails) {
        const iri = `${base}id/${entityType}/${segment(sourceId)}/${tail}`;
        const d = await cache.description(iri);
        if (d.state === 'unknown') continue;
        if (d.state === 'deleted') throw new HttpError(410, `${iri} is no longer described by any record`);
        const path = `/${iri.slice(base.length)}`;
        const body = await cache.descriptionBody(iri, `api ${collection.name} ${type}`, () => {
          if (type === 'text/html') return descriptionPage({ ...d, base, path });
          return serialise(d.data, type === 'application/json' ? 'application/ld+json' : type, { base, context: collection.context, root: iri });
        });
        return sendRepresentation(res, type, body);
      }
    }
    throw new HttpError(404, `No ${collection.name} resource ${id}`);
  };

  router.get(
    '/api/v1/:collection/:id',
    wrap(async (req, res) => {
      const collection = collectionNamed(param(req, 'collection'));
      if (!collection) throw new HttpError(404, `No collection ${req.params.collection}`);
      const query = parseQuery(SingleQuerySchema, req);
      const type = chooseRepresentation(req, query.format);
      const id = param(req, 'id');
      const colon = id.indexOf(':');
      if (colon <= 0) throw new HttpError(400, `parameter id: {sourceId}:{recordId}, e.g. ghent-dmg:530000002, not ${id}`);
      const [sourceId, recordId] = [id.slice(0, colon), id.slice(colon + 1)];
      if (collection.classes !== undefined) return describedResource(res, collection, type, sourceId, recordId, id);
      const state = await cache.state(sourceId, recordId);
      if (state.state === 'unknown' || collectionForEntityType(state.entityType) !== collection) throw new HttpError(404, `No ${collection.name} resource ${id}`);
      if (state.state === 'deleted') throw new HttpError(410, `${state.entity} was deleted at its source`);
      const path = `/${state.entity.slice(base.length)}`;
      const published = state;
      const body = await cache.body(sourceId, recordId, `api ${type}`, async () => {
        if (type === 'text/html') return descriptionPage({ iri: published.entity, base, path, data: published.data, provenance: published.provenance, recordGraphs: [published.recordGraph], provenanceGraphs: [published.provenanceGraph] });
        return serialise(published.data, type === 'application/json' ? 'application/ld+json' : type, { base, context: collection.context, root: published.entity });
      });
      sendRepresentation(res, type, body);
    }),
  );
  return router;
}

export { apiId };
