/**
 * Reads the genre map (mappings/uitdatabank-push/ticketmatic-genres.yml: Ticketmatic genre → one
 * publiq event type, at most one theme) and checks every term id against the documented term list
 * beside it (publiq-terms.yml), so a typo cannot send an unknown term to UiTdatabank.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../../core/errors.js';
import type { GenreMap, GenreTerms } from './contract.js';

/** publiq's documented terms, per domain: id → Dutch label. */
export interface PubliqTerms {
  eventtype: Record<string, string>;
  theme: Record<string, string>;
  placetype: Record<string, string>;
}

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** The term list `file` (publiq-terms.yml). */
export async function loadPubliqTerms(file: string): Promise<PubliqTerms> {
  const doc = asRecord(parseYaml(await readFile(file, 'utf8')));
  const domain = (name: string) => Object.fromEntries(Object.entries(asRecord(doc[name])).map(([id, label]) => [String(id), String(label)]));
  return { eventtype: domain('eventtype'), theme: domain('theme'), placetype: domain('placetype') };
}

/** Genre keys compare case-insensitively, surrounding spaces ignored. */
export const genreKey = (genre: string) => genre.trim().toLowerCase();

/**
 * The genre map in `file`, checked against `termsFile` (by default publiq-terms.yml in the same
 * folder). Rejects with a ConfigError naming the file and the genre of a malformed entry or an
 * undocumented term id.
 */
export async function loadGenreMap(file: string, termsFile = join(dirname(file), 'publiq-terms.yml')): Promise<GenreMap> {
  const terms = await loadPubliqTerms(termsFile);
  const doc = asRecord(parseYaml(await readFile(file, 'utf8')));
  return parseGenreMap(asRecord(doc.genres), terms, file);
}

/** Checks a genre → {type, theme?} table (from the file or a source's override) against the documented terms. */
export function parseGenreMap(entries: Record<string, unknown>, terms: PubliqTerms, where: string): GenreMap {
  const out: GenreMap = {};
  for (const [genre, raw] of Object.entries(entries)) {
    const entry = asRecord(raw);
    const type = String(entry.type ?? '');
    const fail = (what: string) => {
      throw new ConfigError([`genres.${genre}: ${what}`], where);
    };
    if (!type) fail('no event type (type: a term id of publiq-terms.yml eventtype)');
    if (!(type in terms.eventtype)) fail(`event type ${type} is not among the documented eventtype terms (publiq-terms.yml)`);
    const terms_: GenreTerms = { type: { id: type, label: terms.eventtype[type]! } };
    if (entry.theme !== undefined && entry.theme !== null) {
      const theme = String(entry.theme);
      if (!(theme in terms.theme)) fail(`theme ${theme} is not among the documented theme terms (publiq-terms.yml)`);
      terms_.theme = { id: theme, label: terms.theme[theme]! };
    }
    const key = genreKey(genre);
    if (key in out) fail('listed twice (genres compare case-insensitively)');
    out[key] = terms_;
  }
  return out;
}
