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

/** Two reusable rows of the distance table (labels are short; longer strings get fresh rows). */
let rowA = new Int32Array(256);
let rowB = new Int32Array(256);

/**
 * Edit distance (insert, delete, substitute) between two strings, by code unit. With `cutoff`,
 * stops as soon as the distance must exceed it and returns cutoff + 1: a candidate that cannot
 * reach the minimum similarity costs only the rows it takes to tell.
 */
export function levenshtein(a: string, b: string, cutoff = Infinity): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  if (Math.abs(a.length - b.length) > cutoff) return cutoff + 1;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Every later cell is at least the smallest of this row.
    if (rowMin > cutoff) return cutoff + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[b.length]!;
}

/** 1 for equal strings, 0 for strings with nothing in common: 1 − distance / longer length. */
export function ratio(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - levenshtein(a, b) / longer;
}

/** ratio(a, b) when it is at least `floor`, else some value below `floor` (computed only as far as needed). */
export function ratioAtLeast(a: string, b: string, floor: number): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  return 1 - levenshtein(a, b, Math.floor((1 - floor) * longer)) / longer;
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

/**
 * Similarity in [0, 1] of two prepared labels; 0 when either has no letters or digits. With
 * `floor`, a similarity below it may be returned as any value below it (cheaper to find).
 */
export function labelSimilarity(a: PreparedLabel, b: PreparedLabel, floor = 0): number {
  if (a.normalised === '' || b.normalised === '') return 0;
  if (a.sorted === b.sorted) return 1;
  const sorted = ratioAtLeast(a.sorted, b.sorted, floor);
  if (a.sorted === a.normalised && b.sorted === b.normalised) return sorted;
  return Math.max(sorted, ratioAtLeast(a.normalised, b.normalised, Math.max(floor, sorted)));
}
