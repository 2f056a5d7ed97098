/**
 * Property constraints as evidence for a candidate: a query value agrees with one of the
 * candidate's values of that property (dates by their common prefix, so "1880" agrees with
 * "1880-03-30"; nodes by IRI or by a similar label; texts by similar normalised text).
 */
import type { PropertyValue } from './entity-data.js';
import { labelSimilarity, prepareLabel } from './similarity.js';
import type { ReconcileProperty } from './vocabulary.js';

/** Texts at least this similar agree. */
export const TEXT_AGREEMENT = 0.85;

/** A query value: a string, number or boolean, or an entity reconciled before ({ id, name }). */
export type QueryValue = string | number | boolean | { id: string; name?: string };

const DATE = /^-?\d{4}(-\d{2}(-\d{2})?)?/;

function dateAgrees(query: string, value: string): boolean {
  const q = DATE.exec(query.trim())?.[0];
  const v = DATE.exec(value.trim())?.[0];
  if (q === undefined || v === undefined) return false;
  const n = Math.min(q.length, v.length);
  return q.slice(0, n) === v.slice(0, n);
}

function textAgrees(query: string, value: string | undefined): boolean {
  return value !== undefined && labelSimilarity(prepareLabel(query), prepareLabel(value)) >= TEXT_AGREEMENT;
}

/** Whether one query value agrees with any of the candidate's values of the property. */
export function agrees(property: ReconcileProperty, query: QueryValue, values: readonly PropertyValue[]): boolean {
  if (typeof query === 'object') return values.some((v) => v.id === query.id) || (query.name !== undefined && values.some((v) => textAgrees(query.name!, v.text)));
  const text = String(query);
  if (property.kind === 'date') return values.some((v) => v.text !== undefined && dateAgrees(text, v.text));
  if (/^https?:\/\/\S+$/.test(text)) return values.some((v) => v.id === text);
  return values.some((v) => textAgrees(text, v.text) || (v.id !== undefined && v.id === text));
}
