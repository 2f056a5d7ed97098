/**
 * Query-parameter errors in plain words: a 400 problem+json whose `detail` names each parameter,
 * the value sent and what is expected ("Parameter limit is "abc": expected a whole number from 1
 * to 500."), and whose `invalid-params` member lists the same for programs (RFC 9457 §3.2,
 * the example of RFC 7807). The validator's own wording ("Expected number, received nan") never
 * reaches the client.
 */
import type { z } from 'zod';
import { HttpError } from '../http-errors.js';

export interface InvalidParam {
  name: string;
  /** The value as sent (all values, comma-joined, when the parameter was repeated). */
  value?: string;
  reason: string;
}

/** What each parameter takes, in the words a client reads; `limit` depends on the configured maximum. */
export function expectations(maxPageSize: number): Record<string, string> {
  return {
    q: 'text of 1 to 200 characters (words that must all occur)',
    type: 'an absolute IRI, e.g. http://www.cidoc-crm.org/cidoc-crm/E7_Activity',
    organisation: 'an organisation name',
    location: 'a place IRI or text in a place name or address',
    from: 'an ISO 8601 date or date-time, e.g. 2026-05-01',
    to: 'an ISO 8601 date or date-time, e.g. 2026-05-31',
    modifiedSince: 'an ISO 8601 date-time with a time zone, e.g. 2026-05-01T00:00:00Z',
    source: 'a source id: lower-case letters, digits and dashes, e.g. ghent-dmg',
    cursor: 'the cursor of a next link, as the API gave it',
    limit: `a whole number from 1 to ${maxPageSize}`,
    format: 'one of jsonld, json, ttl, turtle, nt, rdf, rdfxml, html',
  };
}

const shown = (value: unknown): string | undefined => (value === undefined ? undefined : Array.isArray(value) ? value.map(String).join(',') : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** One problem per parameter, in the order the schema lists them; unknown parameters last. */
export function invalidParams(issues: z.ZodIssue[], query: Record<string, unknown>, expected: Record<string, string>, known: string[]): InvalidParam[] {
  const out = new Map<string, InvalidParam>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.set(key, { name: key, value: shown(query[key]), reason: `is not a parameter here; the parameters are ${known.join(', ')}` });
      continue;
    }
    const name = String(issue.path[0] ?? '');
    if (out.has(name)) continue;
    const value = query[name];
    const expectation = expected[name] ?? issue.message;
    const reason = Array.isArray(value) ? `was given ${value.length} times; give it once, as ${expectation}` : typeof value === 'object' && value !== null ? `is not one value; expected ${expectation}` : `expected ${expectation}`;
    out.set(name, { name, value: shown(value), reason });
  }
  return [...out.values()];
}

/** The 400 for a list of invalid parameters. */
export function queryProblem(params: InvalidParam[]): HttpError {
  const sentence = (p: InvalidParam) => (p.value === undefined ? `Parameter ${p.name}: ${p.reason}.` : `Parameter ${p.name} is "${p.value}": ${p.reason}.`);
  return new HttpError(400, params.map(sentence).join(' '), {}, { 'invalid-params': params });
}

/** Parses req.query with the schema, or throws the 400 that says what is wrong in plain words. */
export function parseQueryParams<T extends z.AnyZodObject>(schema: T, query: Record<string, unknown>, expected: Record<string, string>): z.output<T> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  throw queryProblem(invalidParams(result.error.issues, query, expected, Object.keys(schema.shape)));
}
