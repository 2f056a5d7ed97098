/**
 * LDES server: /ldes/{collection} is the ldes:EventStream of a REST collection, its pages are
 * /ldes/{collection}/page/{n}. Full pages never change and are served immutable; the last page
 * grows and is served with a short max-age. JSON-LD by default; TriG, N-Quads, Turtle and
 * N-Triples on request. A member's nested nodes are in its named graph (ldes-documents.ts): the
 * quad formats keep them there, Turtle and N-Triples (triples only) carry them in the one graph,
 * where a member extraction (CBD of the member IRI) does not reach them.
 */
import express, { type Request, type Response, type Router } from 'express';
import jsonld from 'jsonld';
import N3 from 'n3';
import type { AppPorts } from '../../pipeline/ports.js';
import { normaliseBase } from '../../core/identifiers.js';
import { HttpError } from '../http-errors.js';
import { pageDocument, streamDocument, type StreamUrls } from '../../publication/ldes/ldes-documents.js';
import { VersionLog } from '../../publication/ldes/version-log.js';
import { negotiate } from '../negotiation.js';
import { collectionOf, COLLECTIONS } from '../../publication/indexes/collections.js';
import { PREFIXES } from '../rest/rdf-serialise.js';

const OFFERS = ['application/ld+json', 'application/json', 'application/trig', 'application/n-quads', 'text/turtle', 'application/n-triples'];
const WRITER_FORMAT: Record<string, string> = { 'application/trig': 'application/trig', 'application/n-quads': 'N-Quads', 'text/turtle': 'text/turtle', 'application/n-triples': 'N-Triples' };
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface LdesRouterOptions {
  /** Members per page. @defaultValue 250 */
  pageSize?: number;
  /** Seconds clients may cache the open (last) page. @defaultValue 10 */
  openPageMaxAge?: number;
  log?: VersionLog;
}

async function send(req: Request, res: Response, doc: Record<string, unknown>): Promise<void> {
  const type = negotiate(req.headers.accept, OFFERS);
  if (!type) throw new HttpError(406, `No acceptable format; offered: ${OFFERS.join(', ')}`);
  res.set('vary', 'Accept');
  res.set('access-control-allow-origin', '*');
  res.set('access-control-expose-headers', 'etag, link');
  if (type === 'application/ld+json' || type === 'application/json') return void res.type(`${type}; charset=utf-8`).send(JSON.stringify(doc));
  const nquads = (await jsonld.toRDF(doc as never, { format: 'application/n-quads' })) as unknown as string;
  // The labels jsonld gave (_:b0 …), not fresh ones per parse: the same page gives the same bytes, so its ETag holds.
  const quads = new N3.Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(nquads);
  const triplesOnly = type === 'text/turtle' || type === 'application/n-triples';
  const prefixed = type === 'text/turtle' || type === 'application/trig';
  const writer = new N3.Writer({ format: WRITER_FORMAT[type], ...(prefixed ? { prefixes: PREFIXES } : {}) });
  writer.addQuads(triplesOnly ? quads.map((q) => N3.DataFactory.quad(q.subject, q.predicate, q.object)) : quads);
  writer.end((_e, out) => res.type(`${type}; charset=utf-8`).send(out));
}

export function createLdesRouter({ store, config }: Pick<AppPorts, 'store' | 'config'>, options: LdesRouterOptions = {}): Router {
  const router = express.Router();
  const base = normaliseBase(config.hub.baseIri);
  const pageSize = options.pageSize ?? 250;
  const log = options.log ?? new VersionLog(store, base, config.hub.dataDir);
  const streams = COLLECTIONS.filter((c) => c.name !== 'sources');
  const urls = (name: string): StreamUrls => ({ stream: `${base}ldes/${name}`, page: (n) => `${base}ldes/${name}/page/${n}`, shape: `${base}ldes/${name}/shape` });
  const collection = (req: Request) => {
    const c = collectionOf(String(req.params.collection));
    if (!c || c.name === 'sources') throw new HttpError(404, `No event stream ${String(req.params.collection)}; the streams are ${streams.map((s) => s.name).join(', ')}`);
    return c;
  };
  const wrap = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: (e?: unknown) => void) => void fn(req, res).catch(next);

  router.get('/ldes', (_req, res) => {
    res.json({ streams: streams.map((c) => ({ name: c.name, title: c.title, href: `${base}ldes/${c.name}` })) });
  });
  router.get(
    '/ldes/:collection',
    wrap(async (req, res) => {
      const c = collection(req);
      res.set('cache-control', 'public, max-age=60');
      await send(req, res, streamDocument(urls(c.name), c.title));
    }),
  );
  router.get(
    '/ldes/:collection/page/:n',
    wrap(async (req, res) => {
      const c = collection(req);
      const n = Number(req.params.n);
      if (!Number.isInteger(n) || n < 0) throw new HttpError(404, `No page ${String(req.params.n)}`);
      const members = await log.of(c.name);
      const page = await pageDocument(urls(c.name), c.title, members, n, pageSize);
      if (!page.found) throw new HttpError(404, `No page ${n} of ${c.name} (yet)`);
      res.set('cache-control', page.closed ? IMMUTABLE : `public, max-age=${options.openPageMaxAge ?? 10}`);
      await send(req, res, page.doc);
    }),
  );
  return router;
}
