/**
 * The full-text part of the search index, on MiniSearch: titles, descriptions, makers and places,
 * each word indexed in the form its text's language stems it to (text-analysis.ts; the terms are
 * made before MiniSearch sees them, as it knows fields but not languages), BM25-ranked with titles
 * boosted. Documents are known by their slot number in the search index; changed records are
 * discarded and added again.
 */
import MiniSearch, { type Query } from 'minisearch';
import { indexTerm, queryTerms, tokenize } from './text-analysis.js';
import type { SearchDoc } from './search-document.js';

const FIELDS = ['title', 'description', 'maker', 'place'] as const;
const BOOST: Record<string, number> = { title: 3, maker: 2, place: 1.5, description: 1 };

interface Entry {
  id: number;
  doc: SearchDoc;
}

const langOf = (lang: string) => lang.split('-')[0]!;
const names = (refs: SearchDoc['makers']) => refs.flatMap((r) => [r.label ?? '', ...Object.values(r.labels ?? {})]);

/** A field's text as indexed terms (each word stemmed in its text's language), joined by spaces. */
function fieldTerms(doc: SearchDoc, field: string): string {
  const terms: string[] = [];
  const add = (text: string, lang: string | undefined) => {
    for (const w of tokenize(text)) terms.push(indexTerm(w, lang));
  };
  if (field === 'maker') for (const n of new Set(names(doc.makers))) add(n, undefined);
  else if (field === 'place') for (const n of new Set([...names(doc.places), ...doc.municipalities])) add(n, undefined);
  else for (const t of field === 'title' ? doc.titles : doc.descriptions) add(t.text, langOf(t.lang));
  return terms.join(' ');
}

export type TextField = 'title' | 'description' | 'maker' | 'place';

export class FullText {
  private readonly mini = new MiniSearch<Entry>({
    fields: [...FIELDS],
    idField: 'id',
    extractField: (entry, field) => (field === 'id' ? (entry.id as unknown as string) : fieldTerms(entry.doc, field)),
    tokenize: (terms) => terms.split(' '),
    processTerm: (term) => term || null,
    searchOptions: { tokenize: (text) => [text], processTerm: (term) => term, boost: BOOST },
  });

  /** Recent answers (the pages of one query ask the same), until the next change. */
  private readonly recent = new Map<string, Map<number, number>>();

  add(slot: number, doc: SearchDoc): void {
    this.mini.add({ id: slot, doc });
    this.recent.clear();
  }

  discard(slot: number): void {
    if (this.mini.has(slot)) this.mini.discard(slot);
    this.recent.clear();
  }

  /**
   * Slots whose texts hold every word of `text` (in any of its forms), with their scores; in
   * `field` only when given.
   */
  search(text: string, field?: TextField): ReadonlyMap<number, number> {
    const key = `${field ?? ''}\n${text}`;
    const known = this.recent.get(key);
    if (known) return known;
    const words = tokenize(text);
    const out = new Map<number, number>();
    if (words.length > 0) {
      const query: Query = { combineWith: 'AND', queries: words.map((w) => ({ combineWith: 'OR', queries: queryTerms(w) })) };
      for (const r of this.mini.search(query, field ? { fields: [field] } : {})) out.set(r.id as number, r.score);
    }
    if (this.recent.size >= 32) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(key, out);
    return out;
  }
}
