/** Small hand-made search documents for the index tests. */
import { emptyDoc, type SearchDoc } from '../../../src/publication/search/search-document.js';

export const ms = (iso: string) => Date.parse(iso);

export function activity(id: string, fields: Partial<SearchDoc> = {}): SearchDoc {
  return { ...emptyDoc('activities', `http://hub.test/id/activiteit/src/${id}`, `http://hub.test/graph/src/${id}`, 'http://hub.test/source/src'), ...fields };
}

export function object(id: string, fields: Partial<SearchDoc> = {}): SearchDoc {
  return { ...emptyDoc('heritage-objects', `http://hub.test/id/mensgemaaktobject/src/${id}`, `http://hub.test/graph/src/${id}`, 'http://hub.test/source/src'), ...fields };
}

export const nl = (text: string) => [{ lang: 'nl', text }];
