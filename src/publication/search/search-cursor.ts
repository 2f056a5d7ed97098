/**
 * The opaque cursor of a result page: the sort values and IRI of the page's last hit and a hash of
 * the query, base64url-encoded JSON. The next page starts after that position in the sort order
 * (not at an offset), so records added or removed between two pages neither repeat nor skip others.
 */
import { SearchQueryError, type SearchQuery } from './search-contract.js';

export type SortValue = number | string | null;

export interface CursorPosition {
  values: SortValue[];
  entity: string;
}

/** FNV-1a of what makes two queries the same result list (not the page: cursor, start, limit, facets). */
export function queryHash(q: SearchQuery): string {
  const text = JSON.stringify([q.kind, q.text ?? null, q.filter ?? null, q.sort, q.origin ?? null]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export function encodeCursor(position: CursorPosition, hash: string): string {
  return Buffer.from(JSON.stringify({ v: position.values, e: position.entity, h: hash })).toString('base64url');
}

export function decodeCursor(cursor: string, hash: string): CursorPosition {
  let parsed: { v?: unknown; e?: unknown; h?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw new SearchQueryError('cursor', 'is not a cursor this API gave (take it from the previous page\'s next link)');
  }
  if (!Array.isArray(parsed.v) || typeof parsed.e !== 'string') throw new SearchQueryError('cursor', 'is not a cursor this API gave (take it from the previous page\'s next link)');
  if (parsed.h !== hash) throw new SearchQueryError('cursor', 'belongs to another query (a cursor only pages the query that gave it; change parameters without it)');
  return { values: parsed.v as SortValue[], entity: parsed.e };
}
