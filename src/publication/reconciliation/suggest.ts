/**
 * Suggest services (auto-complete in a client): entities whose label starts with the typed
 * prefix (a whole label first, then a word of it), types and properties by id or name.
 * `cursor` is the offset of the first result, as the specification defines it.
 */
import { BadRequestError } from '../../core/errors.js';
import type { IndexedEntity, LabelIndex } from './label-index.js';
import { normaliseLabel } from './similarity.js';
import { RECONCILE_PROPERTIES, RECONCILE_TYPES, typeById } from './vocabulary.js';

export const SUGGEST_LIMIT = 20;

export interface SuggestRequest {
  prefix: string;
  cursor: number;
  /** Entity suggest: only entities of these types. */
  types?: string[];
}

/** Reads prefix, cursor and type from query parameters; problems name the parameter. */
export function parseSuggest(params: Record<string, unknown>): SuggestRequest {
  const prefix = params.prefix;
  if (typeof prefix !== 'string') throw new BadRequestError('parameter prefix: required, the text typed so far');
  let cursor = 0;
  if (params.cursor !== undefined) {
    cursor = Number(params.cursor);
    if (typeof params.cursor !== 'string' || !/^\d+$/.test(params.cursor) || !Number.isSafeInteger(cursor)) throw new BadRequestError('parameter cursor: a non-negative integer (the offset of the first result)');
  }
  const types = params.type === undefined ? undefined : [params.type].flat();
  for (const t of types ?? []) if (typeof t !== 'string' || !typeById(t)) throw new BadRequestError(`parameter type: unknown type ${JSON.stringify(t)} (agent, organisation, place, concept, activity)`);
  return { prefix, cursor, types: types as string[] | undefined };
}

/** 0: the whole label starts with the prefix; 1: one of its words does; undefined: neither. */
function prefixRank(entity: IndexedEntity, prefix: string): number | undefined {
  let best: number | undefined;
  for (const l of entity.prepared) {
    if (l.normalised.startsWith(prefix)) return 0;
    if (l.normalised.split(' ').some((w) => w.startsWith(prefix))) best = 1;
  }
  return best;
}

export async function suggestEntities(index: LabelIndex, request: SuggestRequest): Promise<{ result: { id: string; name: string; notable: { id: string; name: string }[] }[] }> {
  await index.refresh();
  const prefix = normaliseLabel(request.prefix);
  if (prefix === '') return { result: [] };
  const hits: { entity: IndexedEntity; rank: number }[] = [];
  for (const entity of index.candidates(request.types)) {
    const rank = prefixRank(entity, prefix);
    if (rank !== undefined) hits.push({ entity, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || (a.entity.name < b.entity.name ? -1 : a.entity.name > b.entity.name ? 1 : 0) || (a.entity.id < b.entity.id ? -1 : 1));
  return {
    result: hits.slice(request.cursor, request.cursor + SUGGEST_LIMIT).map(({ entity }) => ({ id: entity.id, name: entity.name, notable: entity.types.map((t) => ({ id: t, name: typeById(t)!.name })) })),
  };
}

const matches = (prefix: string, ...texts: string[]) => texts.some((t) => normaliseLabel(t).split(' ').some((w) => w.startsWith(prefix)) || normaliseLabel(t).startsWith(prefix));

export function suggestTypes(request: SuggestRequest): { result: { id: string; name: string }[] } {
  const prefix = normaliseLabel(request.prefix);
  const hits = RECONCILE_TYPES.filter((t) => prefix === '' || matches(prefix, t.id, t.name));
  return { result: hits.slice(request.cursor, request.cursor + SUGGEST_LIMIT).map((t) => ({ id: t.id, name: t.name })) };
}

export function suggestProperties(request: SuggestRequest): { result: { id: string; name: string }[] } {
  const prefix = normaliseLabel(request.prefix);
  const hits = RECONCILE_PROPERTIES.filter((p) => prefix === '' || matches(prefix, p.id, p.name));
  return { result: hits.slice(request.cursor, request.cursor + SUGGEST_LIMIT).map((p) => ({ id: p.id, name: p.name })) };
}
