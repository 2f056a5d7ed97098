/**
 * How words are compared in full text: lower case, diacritics folded ("muséum" = "museum"), and
 * stemmed (Snowball stemmers of @orama/stemmers) in the language of the text they come from.
 * A query word cannot know its language, so it matches any of its stems (nl, fr, en, de) or
 * itself, folded: "fietsen" finds "fiets" through the Dutch stem.
 */
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';

export const STEMMED_LANGUAGES = ['nl', 'fr', 'en', 'de'] as const;
export type StemmedLanguage = (typeof STEMMED_LANGUAGES)[number];

/**
 * Snowball's Dutch stemmer takes one suffix per pass, so an inflected form and its stem can end
 * apart ("fietsen" → "fiets", "fiets" → "fiet"): stemmed again until it holds still, both meet.
 */
function dutchFixedPoint(word: string): string {
  let w = word;
  for (let i = 0; i < 3; i++) {
    const next = dutch(w);
    if (next === w) break;
    w = next;
  }
  return w;
}

const STEMMERS: Record<StemmedLanguage, (w: string) => string> = { nl: dutchFixedPoint, fr: french, en: english, de: german };

/** Words: runs of letters and digits (apostrophes and hyphens split words). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Stems already computed, per language: texts repeat their words, and stemming is the costly part of indexing. */
const CACHE_LIMIT = 100_000;
const cache = new Map<string, Map<string, string>>();

/** The indexed form of a word of a text in `language` (unknown languages and names are only folded). */
export function indexTerm(word: string, language: string | undefined): string {
  const stem = STEMMERS[language as StemmedLanguage];
  if (!stem) return fold(word);
  let known = cache.get(language!);
  if (!known) cache.set(language!, (known = new Map()));
  let term = known.get(word);
  if (term === undefined) {
    term = fold(stem(word.toLowerCase()));
    if (known.size >= CACHE_LIMIT) known.clear();
    known.set(word, term);
  }
  return term;
}

/** Every indexed form a query word may have: itself folded and its stem in each language. */
export function queryTerms(word: string): string[] {
  const lower = word.toLowerCase();
  return [...new Set([fold(lower), ...STEMMED_LANGUAGES.map((l) => indexTerm(lower, l))])];
}
