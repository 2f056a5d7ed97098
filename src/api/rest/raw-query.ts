/**
 * The query string as the client wrote it, read without Express's query parser: publiq's
 * parameters are `facets[]=a&facets[]=b`, `sort[start]=asc` and comma lists, and the app's
 * "extended" parser (qs) turns them into arrays or objects depending on counts (arrayLimit 20:
 * the 21st `facets[]` makes an object). Reading the raw string keeps the order (sort keys apply
 * in the order given) and bounds the counts in one place.
 */
import { queryProblem } from './query-problems.js';

/** At most this many name=value pairs, and values per parameter: a longer query is a mistake or an attack. */
export const MAX_PAIRS = 200;
export const MAX_VALUES = 50;

export interface RawParam {
  /** The name without a trailing `[]` and without a `[key]` (e.g. `sort` for `sort[start]`). */
  name: string;
  /** `start` for `sort[start]`; undefined for `name` and `name[]`. */
  key?: string;
  /** The name as sent, for error messages. */
  sent: string;
  value: string;
}

/** Every name=value pair of the URL's query, in order. `+` is a space, as forms send it. */
export function rawQuery(url: string): RawParam[] {
  const mark = url.indexOf('?');
  if (mark < 0) return [];
  const pairs = url.slice(mark + 1).split('&').filter((p) => p !== '');
  if (pairs.length > MAX_PAIRS) throw queryProblem([{ name: '(query)', value: `${pairs.length} parameters`, reason: `at most ${MAX_PAIRS} parameters per request` }]);
  return pairs.map((pair) => {
    const eq = pair.indexOf('=');
    const sent = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const m = /^([^[\]]+)(?:\[([^[\]]*)\])?$/.exec(sent);
    if (!m) return { name: sent, sent, value };
    return { name: m[1]!, key: m[2] === '' || m[2] === undefined ? undefined : m[2], sent, value };
  });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw queryProblem([{ name: text.slice(0, 40), reason: 'is not valid percent-encoding (encode % as %25)' }]);
  }
}

/** The values of one parameter (`name` and `name[]` alike), in order, bounded. */
export function valuesOf(params: RawParam[], name: string): string[] {
  const values = params.filter((p) => p.name === name && p.key === undefined).map((p) => p.value);
  if (values.length > MAX_VALUES) throw queryProblem([{ name, value: `${values.length} values`, reason: `at most ${MAX_VALUES} values` }]);
  return values;
}

/** The values of a parameter that also takes comma-separated lists (`status=Available,Unavailable`). */
export function listOf(params: RawParam[], name: string): string[] {
  const values = valuesOf(params, name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (values.length > MAX_VALUES) throw queryProblem([{ name, value: `${values.length} values`, reason: `at most ${MAX_VALUES} values` }]);
  return values;
}
