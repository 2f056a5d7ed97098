/** OAI-PMH datestamps: seconds granularity out, day or seconds granularity accepted in. */

export type Granularity = 'day' | 'seconds';

export interface ParsedDate {
  /** Epoch seconds: the start of the day, or the end of it for `until`. */
  seconds: number;
  granularity: Granularity;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** Parses a from/until argument; undefined when it is not a legal OAI date. */
export function parseOaiDate(value: string, bound: 'from' | 'until'): ParsedDate | undefined {
  const day = DAY.exec(value);
  const secs = SECONDS.exec(value);
  const m = day ?? secs;
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((x) => x ?? '0');
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(ms);
  // Reject dates the calendar does not have (2026-02-30) and out-of-range times.
  if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const seconds = Math.floor(ms / 1000) + (day && bound === 'until' ? 86_399 : 0);
  return { seconds, granularity: day ? 'day' : 'seconds' };
}

/** A stored time (ISO 8601) as an OAI datestamp, truncated to seconds. */
export function toDatestamp(iso: string | number): string {
  return new Date(typeof iso === 'number' ? iso : Date.parse(iso)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Epoch seconds of a stored time, truncated the way its datestamp is. */
export function toSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}
