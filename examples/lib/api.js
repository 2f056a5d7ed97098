// The hub's open API as this app uses it: build a request URL, fetch it as JSON, and read the
// page's members, totals, facets and next-page cursor. Each view shows the URL it requested, so
// what the app does can be copied into curl or another program as is.

import { ids, indexGraph, pageNode, values } from './jsonld.js';

/** The API's root, relative to this page (/examples/ → /api/v1/), so the app works under a path prefix too. */
export const API_ROOT = new URL('../api/v1/', document.baseURI);

/**
 * A request URL: `apiUrl('activities', { coordinates: '51.05,3.72', 'facets[]': ['types'] })`.
 * Arrays repeat the parameter (facets[]=types&facets[]=themes); empty values are left out.
 */
export function apiUrl(path, params = {}) {
  const url = new URL(path, API_ROOT);
  for (const [name, value] of Object.entries(params)) {
    for (const v of [value].flat()) if (v !== undefined && v !== null && v !== '') url.searchParams.append(name, String(v));
  }
  return url;
}

/** An answer the API refused: its problem+json (title, detail and `invalid-params`) when it sent one. */
export class ApiError extends Error {
  constructor(url, status, problem) {
    const params = (problem?.['invalid-params'] ?? []).map((p) => `${p.name}: ${p.reason}`).join('; ');
    // The detail usually says it all; the invalid-params list where it does not.
    super(`${status} ${problem?.title ?? 'error'}: ${problem?.detail ?? params}`);
    this.url = url;
    this.status = status;
  }
}

/**
 * GETs one page and reads it. `Accept: application/ld+json` asks for the JSON-LD page
 * (`format=json` in the URL would do the same for a link typed into a browser).
 */
export async function getPage(url) {
  const response = await fetch(url, { headers: { accept: 'application/ld+json' } });
  if (!response.ok) throw new ApiError(url, response.status, await response.json().catch(() => undefined));
  const body = await response.json();
  const nodes = indexGraph(body);
  const page = pageNode(nodes) ?? {};
  // The members in the API's order: the page's "member" list (top level), or hydra:member of the page node.
  const top = ids(body, 'member');
  const memberIds = top.length ? top : ids(page, 'member');
  return {
    nodes,
    members: memberIds.map((id) => nodes.get(id) ?? { '@id': id }),
    total: number(pick(body, page, 'totalItems')),
    totalExact: pick(body, page, 'totalItemsExact') !== false && pick(body, page, 'totalItemsExact') !== 'false',
    facets: facetsOf(pick(body, page, 'facets')),
    next: nextLink(response.headers.get('link')) ?? values(page, 'next').map((n) => n?.['@id'] ?? n)[0],
  };
}

/** A page-level value, at the top of the document or on the page node (JSON-LD may put it on either). */
function pick(body, page, name) {
  const found = body[name] ?? values(body, name)[0] ?? values(page, name)[0];
  return typeof found === 'object' && found !== null && '@value' in found ? found['@value'] : found;
}

const number = (v) => (v === undefined || v === null || Number.isNaN(Number(v)) ? undefined : Number(v));

/** `{ types: [{ value, label, count }] }`; a facet as JSON-LD text (a JSON literal) is parsed too. */
function facetsOf(raw) {
  const facets = typeof raw === 'string' ? JSON.parse(raw) : raw;
  return facets && typeof facets === 'object' ? facets : {};
}

/** The URL of Link: <…>; rel="next". */
function nextLink(header) {
  const match = header?.split(',').find((part) => /rel="?next"?/.test(part))?.match(/<([^>]+)>/);
  return match?.[1];
}
