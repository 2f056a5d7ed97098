/**
 * Data extension: for entities a client reconciled, the values of the properties it asks for
 * (label, sameAs, type, dates, place, organisation or any predicate IRI), and the property
 * proposals a client offers its user for a type.
 */
import { BadRequestError } from '../../core/errors.js';
import type { StoreReader } from '../../store/store.js';
import { readPropertyValues, type PropertyValue } from './entity-data.js';
import { propertyById, RECONCILE_PROPERTIES, typeById, type ReconcileProperty } from './vocabulary.js';

export interface ExtendRequest {
  ids: string[];
  properties: ReconcileProperty[];
}

/** Entities one extension request may ask about, and properties per request. */
export const MAX_EXTEND_IDS = 500;
export const MAX_EXTEND_PROPERTIES = 20;

/** An entity id: an absolute http(s) IRI without characters an IRI may not hold. */
export const ENTITY_ID = /^https?:\/\/[^\s<>"{}|^`\\]+$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseExtend(raw: unknown): ExtendRequest {
  if (!isRecord(raw)) throw new BadRequestError('extend: must be a JSON object {"ids": [...], "properties": [{"id": ...}]}');
  if (!Array.isArray(raw.ids) || !raw.ids.every((i) => typeof i === 'string' && ENTITY_ID.test(i))) throw new BadRequestError('extend: "ids" must be an array of entity IRIs (http or https)');
  if (raw.ids.length > MAX_EXTEND_IDS) throw new BadRequestError(`extend: ${raw.ids.length} ids, the most is ${MAX_EXTEND_IDS}`);
  if (!Array.isArray(raw.properties)) throw new BadRequestError('extend: "properties" must be an array of {"id": ...}');
  if (raw.properties.length > MAX_EXTEND_PROPERTIES) throw new BadRequestError(`extend: ${raw.properties.length} properties, the most is ${MAX_EXTEND_PROPERTIES}`);
  const properties = raw.properties.map((p: unknown, i) => {
    if (!isRecord(p) || typeof p.id !== 'string') throw new BadRequestError(`extend: properties[${i}] must be an object with a string "id"`);
    const property = propertyById(p.id);
    if (!property) throw new BadRequestError(`extend: properties[${i}]: unknown property ${JSON.stringify(p.id)}`);
    return property;
  });
  return { ids: raw.ids as string[], properties };
}

type Cell = { id: string; name: string } | { str: string } | { date: string } | { float: number } | { int: number };

/** A value as the extension response's cell: a node, a date-time, a number, or a string. */
function cell(value: PropertyValue): Cell {
  if (value.id !== undefined) return { id: value.id, name: value.text ?? value.id };
  const text = value.text ?? '';
  const dt = value.datatype ?? '';
  if (dt.endsWith('#integer') && /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))) return { int: Number(text) };
  if (dt.endsWith('#decimal') || dt.endsWith('#double') || dt.endsWith('#float')) {
    const n = Number(text);
    if (Number.isFinite(n)) return { float: n };
  }
  // The response's date is a full date-time; a plain date is its start (UTC), other forms stay text.
  if (dt.endsWith('#dateTime') && /^-?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return { date: text };
  if (dt.endsWith('#date') && /^\d{4}-\d{2}-\d{2}$/.test(text)) return { date: `${text}T00:00:00Z` };
  return { str: text };
}

export async function extendData(store: StoreReader, base: string, request: ExtendRequest): Promise<{ meta: { id: string; name: string }[]; rows: Record<string, Record<string, Cell[]>> }> {
  const values = await readPropertyValues(store, base, request.ids, request.properties);
  const rows: Record<string, Record<string, Cell[]>> = {};
  for (const id of request.ids) {
    rows[id] = {};
    for (const p of request.properties) rows[id][p.id] = (values.get(id)?.get(p.id) ?? []).map(cell);
  }
  return { meta: request.properties.map((p) => ({ id: p.id, name: p.name })), rows };
}

/** The properties proposed for a type (every type has them all: they are generic paths). */
export function proposeProperties(type: unknown, limit: unknown): { type: string; limit: number; properties: { id: string; name: string }[] } {
  if (typeof type !== 'string' || !typeById(type)) throw new BadRequestError(`parameter type: required, one of agent, organisation, place, concept, activity (got ${JSON.stringify(type)})`);
  let n = RECONCILE_PROPERTIES.length;
  if (limit !== undefined) {
    n = Number(limit);
    if (typeof limit !== 'string' || !/^\d+$/.test(limit) || n < 1) throw new BadRequestError('parameter limit: a positive integer');
  }
  return { type, limit: n, properties: RECONCILE_PROPERTIES.slice(0, n).map((p) => ({ id: p.id, name: p.name })) };
}
