/**
 * Conditional GET for every buffered answer: a strong ETag per representation
 * (entity-tags.ts) on each 200 to GET or HEAD, and 304 Not Modified when If-None-Match names it.
 *
 * Express's own ETag and freshness check (the `fresh` package) are switched off in app.ts because
 * `fresh` answers 200 whenever the request carries `Cache-Control: no-cache`. The Fetch standard
 * adds exactly that header (and `Pragma: no-cache`) to every request that sets If-None-Match
 * itself, so Node's and browsers' fetch never got a 304 where curl did. The request's
 * Cache-Control speaks to caches (RFC 9111 §5.2.1.4); an origin server evaluates If-None-Match
 * regardless (RFC 9110 §13.2.1). Streamed answers (res.write / pipe) carry no ETag.
 */
import type { RequestHandler, Response } from 'express';
import { noneMatchHits, representationTag } from './entity-tags.js';

const header = (res: Response, name: string): string | undefined => {
  const v = res.get(name);
  return typeof v === 'string' ? v : undefined;
};

export function conditionalGet(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      const buffered = typeof body === 'string' || Buffer.isBuffer(body);
      if (res.statusCode === 200 && buffered) {
        // res.send types a string without Content-Type as HTML; tag what will be sent.
        if (typeof body === 'string' && !res.get('content-type')) res.type('html');
        let tag = header(res, 'etag');
        if (tag === undefined) {
          tag = representationTag(body, { contentType: header(res, 'content-type'), contentLanguage: header(res, 'content-language'), contentEncoding: header(res, 'content-encoding') });
          res.set('etag', tag);
        }
        // A 304 keeps ETag, Vary, Cache-Control and Content-Location; Express drops the body and its headers.
        if (noneMatchHits(req.get('if-none-match'), tag)) res.status(304);
      }
      return send(body);
    };
    next();
  };
}
