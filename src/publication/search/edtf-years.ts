/**
 * The years an EDTF date or interval covers ("1888", "1888~", "1601-03/1620", "2007/2008",
 * "../1700", "1950s"-style "195X"), as [from, to] inclusive; undefined when the value says no year.
 * Precision beyond the year (months, days, qualifiers ~ ? %) does not change which years are covered.
 */
export function edtfYears(value: string): [number, number] | undefined {
  const v = value.trim();
  const [a, b] = v.includes('/') ? v.split('/', 2) : [v, v];
  const from = yearBound(a!, 'from');
  const to = yearBound(b!, 'to');
  if (from === undefined && to === undefined) return undefined;
  return [from ?? to!, to ?? from!];
}

function yearBound(part: string, side: 'from' | 'to'): number | undefined {
  const m = /^(-?)(\d{3}[Xx]|\d{2}[Xx]{2}|\d{4})(?![\dA-Za-z])/.exec(part.replace(/^[~?%]/, ''));
  if (!m || part === '..' || part === '') return undefined;
  const digits = m[2]!;
  const sign = m[1] === '-' ? -1 : 1;
  if (/[Xx]/.test(digits)) {
    const lo = Number(digits.replace(/[Xx]/g, '0'));
    const hi = Number(digits.replace(/[Xx]/g, '9'));
    return sign * (side === 'from' ? lo : hi);
  }
  return sign * Number(digits);
}
