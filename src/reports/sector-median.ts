/**
 * The sector median an organisation's score is shown beside: the median of all organisations'
 * scores, so an organisation sees where it stands without any other organisation being named.
 */

/** Median of the known values (nulls are organisations without the score), one decimal; null when none. */
export function median(values: (number | null | undefined)[]): number | null {
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const mid = Math.floor(known.length / 2);
  const m = known.length % 2 ? known[mid]! : (known[mid - 1]! + known[mid]!) / 2;
  return Math.round(m * 10) / 10;
}
