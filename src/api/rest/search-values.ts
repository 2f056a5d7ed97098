/**
 * The value formats of the search parameters, read leniently where publiq's own examples need it
 * (a `+` of a time zone sent unencoded arrives as a space) and strictly otherwise: each returns
 * undefined for a value it cannot read, and the caller says what was expected.
 */

/** ISO 8601 date or date-time (zone optional); "2025-07-01T00:00:00 02:00" (an unencoded +) is read as +02:00. */
export function isoInstant(value: string): string | undefined {
  const v = value
    .trim()
    .replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$/, '$1+$2')
    // "+02:0" (a typo in publiq's own docs) is +02:00.
    .replace(/([+-]\d{2}):(\d)$/, '$1:$20');
  if (!/^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.test(v)) return undefined;
  return Number.isNaN(Date.parse(v.length === 4 ? `${v}-01-01` : v.length === 7 ? `${v}-01` : v)) ? undefined : v;
}

/** publiq's local time: HHmm (0600, 2359) or HH:mm; also H:mm and Hmm. Answers HH:MM. */
export function localTime(value: string): string | undefined {
  const m = /^(\d{1,2}):?(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** "lat,lon" in WGS84 decimal degrees. */
export function coordinates(value: string): { lat: number; lon: number } | undefined {
  const m = /^\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!m) return undefined;
  const [lat, lon] = [Number(m[1]), Number(m[2])];
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : undefined;
}

const UNITS: Record<string, number> = { km: 1, kilometers: 1, m: 0.001, meters: 0.001, mi: 1.609344, miles: 1.609344 };

/** publiq's distance ("10km", "500m", "2.5 mi") in kilometres; a bare number is kilometres. */
export function distanceKm(value: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  if (!m) return undefined;
  const factor = m[2] ? UNITS[m[2].toLowerCase()] : 1;
  const km = factor === undefined ? undefined : Number(m[1]) * factor;
  return km !== undefined && km > 0 && km <= 20_000 ? km : undefined;
}

/** "swLat,swLon|neLat,neLon". */
export function bounds(value: string): { south: number; west: number; north: number; east: number } | undefined {
  const [sw, ne, extra] = value.split('|');
  if (extra !== undefined || sw === undefined || ne === undefined) return undefined;
  const a = coordinates(sw);
  const b = coordinates(ne);
  if (!a || !b || a.lat > b.lat) return undefined;
  return { south: a.lat, west: a.lon, north: b.lat, east: b.lon };
}

export function boolean(value: string): boolean | undefined {
  return /^true$/i.test(value) ? true : /^false$/i.test(value) ? false : undefined;
}

/** A year or an EDTF date/interval end ("1890", "-0500", "189X", "1890-05", "1890/1900"): the year it starts (`end`: the last year it covers). */
export function periodYear(value: string, end: boolean): number | undefined {
  const part = value.includes('/') ? value.split('/')[end ? 1 : 0]! : value;
  const m = /^(-?)(\d{1,3}[\dX]?X?)(?:-\d{2}(?:-\d{2})?)?[?~%]?$/.exec(part.trim());
  if (!m) return undefined;
  const digits = m[2]!.padStart(4, '0');
  const year = Number((end ? digits.replace(/X/g, '9') : digits.replace(/X/g, '0')));
  return Number.isFinite(year) ? (m[1] ? -year : year) : undefined;
}
