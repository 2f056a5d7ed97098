/**
 * Label similarity for reconciliation: labels are compared after normalisation (case, accents,
 * punctuation, token order), so "Boch, Royal" and "royal böch" meet. The score is the
 * Levenshtein ratio of the normalised forms, the better of the token-sorted and the as-written
 * order (sorting alone would split "van Eyck, Jan" from "Jan van Eyck" when one token differs).
 */

/** Lower case, accents stripped (NFKD without combining marks), punctuation as spaces, spaces collapsed. */
export function normaliseLabel(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The normalised label's words, sorted: the order-free form. */
export function sortedTokens(normalised: string): string {
  return normalised.split(' ').filter(Boolean).sort().join(' ');
}

/** Edit distance (insert, delete, substitute) between two strings, by code unit; two rows of memory. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** 1 for equal strings, 0 for strings with nothing in common: 1 − distance / longer length. */
export function ratio(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - levenshtein(a, b) / longer;
}

/** A label prepared once for many comparisons. */
export interface PreparedLabel {
  normalised: string;
  sorted: string;
}

export function prepareLabel(label: string): PreparedLabel {
  const normalised = normaliseLabel(label);
  return { normalised, sorted: sortedTokens(normalised) };
}

/** Similarity in [0, 1] of two prepared labels; 0 when either has no letters or digits. */
export function labelSimilarity(a: PreparedLabel, b: PreparedLabel): number {
  if (a.normalised === '' || b.normalised === '') return 0;
  if (a.sorted === b.sorted) return 1;
  return Math.max(ratio(a.sorted, b.sorted), ratio(a.normalised, b.normalised));
}
