/**
 * The full-text part of the search index, on MiniSearch: one field per text kind and language
 * (title_nl, description_fr …, maker, place), each indexed with its language's stemmer
 * (text-analysis.ts), BM25-ranked with titles boosted. Documents are known by their slot number
 * in the search index; changed records are discarded and added again.
 */
import MiniSearch, { type Query } from 'minisearch';
import { indexTerm, queryTerms, STEMMED_LANGUAGES, tokenize } from './text-analysis.js';
import type { SearchDoc } from './search-document.js';

const LANGS = [...STEMMED_LANGUAGES, 'und'] as const;
const FIELDS = [...LANGS.map((l) => `title_${l}`), ...LANGS.map((l) => `description_${l}`), 'maker', 'place'];
const BOOST: Record<string, number> = Object.fromEntries(FIELDS.map((f) => [f, f.startsWith('title') ? 3 : f === 'maker' ? 2 : f === 'place' ? 1.5 : 1]));

interface Entry {
  id: number;
  doc: SearchDoc;
}

/** The language a field is stemmed in (maker and place names only folded). */
const fieldLanguage = (field: string) => field.split('_')[1];
const langOf = (lang: string) => {
  const base = lang.split('-')[0]!;
  return (STEMMED_LANGUAGES as readonly string[]).includes(base) ? base : 'und';
};

function fieldText(doc: SearchDoc, field: string): string {
  if (field === 'maker') return doc.makers.flatMap((m) => [m.label ?? '', ...Object.values(m.labels ?? {})]).join(' ');
  if (field === 'place') return [...doc.places.flatMap((p) => [p.label ?? '', ...Object.values(p.labels ?? {})]), ...doc.municipalities].join(' ');
  const [kind, lang] = field.split('_');
  const list = kind === 'title' ? doc.titles : doc.descriptions;
  return list.filter((t) => langOf(t.lang) === lang).map((t) => t.text).join(' ');
}

export type TextField = 'title' | 'description' | 'maker' | 'place';

export class FullText {
  private readonly mini = new MiniSearch<Entry>({
    fields: FIELDS,
    idField: 'id',
    extractField: (entry, field) => (field === 'id' ? (entry.id as unknown as string) : fieldText(entry.doc, field)),
    tokenize: (text) => tokenize(text),
    processTerm: (term, field) => indexTerm(term, field === undefined ? undefined : fieldLanguage(field)),
    searchOptions: { tokenize: (text) => [text], processTerm: (term) => term, boost: BOOST },
  });

  add(slot: number, doc: SearchDoc): void {
    this.mini.add({ id: slot, doc });
  }

  discard(slot: number): void {
    if (this.mini.has(slot)) this.mini.discard(slot);
  }

  /**
   * Slots whose texts hold every word of `text` (in any of its forms), with their scores; in
   * `field` only when given.
   */
  search(text: string, field?: TextField): Map<number, number> {
    const words = tokenize(text);
    const out = new Map<number, number>();
    if (words.length === 0) return out;
    const query: Query = { combineWith: 'AND', queries: words.map((w) => ({ combineWith: 'OR', queries: queryTerms(w) })) };
    const fields = field === undefined ? undefined : FIELDS.filter((f) => f === field || f.startsWith(`${field}_`));
    for (const r of this.mini.search(query, fields ? { fields } : {})) out.set(r.id as number, r.score);
    return out;
  }
}
