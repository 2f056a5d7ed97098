/**
 * Content negotiation for the API and dereferenceable IRIs: Accept (or `?format=` for links
 * people click) picks JSON-LD, Turtle, N-Triples, RDF/XML or HTML; 406 when none fits.
 */
import type { Request, Response } from 'express';
import { HttpError } from '../http-errors.js';
import { negotiate } from '../negotiation.js';
import { queryProblem } from './query-problems.js';
import type { RdfMediaType } from './rdf-serialise.js';

export type Representation = RdfMediaType | 'text/html' | 'application/json';

/** JSON-LD first: clients that send no Accept (or *\/*) get JSON-LD. */
const OFFERS: Representation[] = ['application/ld+json', 'application/json', 'text/turtle', 'application/n-triples', 'application/rdf+xml', 'text/html'];
const FORMATS: Record<string, Representation> = { jsonld: 'application/ld+json', json: 'application/json', ttl: 'text/turtle', turtle: 'text/turtle', nt: 'application/n-triples', rdf: 'application/rdf+xml', rdfxml: 'application/rdf+xml', html: 'text/html' };

export const FORMAT_NAMES = Object.keys(FORMATS) as [string, ...string[]];

export function chooseRepresentation(req: Request, format?: string): Representation {
  if (format !== undefined) {
    const chosen = FORMATS[format];
    if (!chosen) throw queryProblem([{ name: 'format', value: format, reason: `expected one of ${Object.keys(FORMATS).join(', ')}` }]);
    return chosen;
  }
  const chosen = negotiate(req.headers.accept, OFFERS);
  if (!chosen) throw new HttpError(406, `No acceptable representation; offered: ${OFFERS.join(', ')}`);
  return chosen as Representation;
}

/** Sends a representation; http-cache/conditional-get.ts adds its ETag and answers 304 to a matching If-None-Match. */
export function sendRepresentation(res: Response, type: Representation, body: string): void {
  res.set('vary', 'Accept');
  res.type(`${type === 'application/json' ? 'application/json' : type}; charset=utf-8`).send(body);
}
