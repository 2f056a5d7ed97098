/**
 * Reconciliation queries against the label index: candidates of the asked types scored by label
 * similarity (0–100), then property constraints as evidence (each agreeing property +10, each
 * contradicting one −10, a property the candidate lacks nothing). A candidate is a match only
 * when its score reaches the threshold and leads the next one by the margin, so two equally
 * good "Jan Janssens" are left for a person to choose. Order: score, then name, then IRI.
 */
import { BadRequestError } from '../../core/errors.js';
import type { StoreReader } from '../../store/store.js';
import { agrees, type QueryValue } from './evidence.js';
import { readPropertyValues } from './entity-data.js';
import type { IndexedEntity, LabelIndex } from './label-index.js';
import { labelSimilarity, prepareLabel, type PreparedLabel } from './similarity.js';
import { propertyById, typeById, type ReconcileProperty } from './vocabulary.js';

export interface ReconcileSettings {
  /** Score (0–100) a candidate needs to be a match. */
  matchThreshold: number;
  /** Points a match must lead the next candidate by. */
  matchMargin: number;
  /** Label similarity (0–1) below which an entity is no candidate at all. */
  minSimilarity: number;
  /** Most queries in one batch. */
  maxQueries: number;
  /** Candidates per query when the query gives no limit, and the most it may ask for. */
  defaultLimit: number;
  maxLimit: number;
}

export const DEFAULT_RECONCILE_SETTINGS: ReconcileSettings = { matchThreshold: 90, matchMargin: 10, minSimilarity: 0.5, maxQueries: 100, defaultLimit: 5, maxLimit: 50 };

/** Points one agreeing (or contradicting) property adds (or takes). */
const EVIDENCE_POINTS = 10;
/** Candidates whose properties are read for evidence, per query (the best by label). */
const EVIDENCE_POOL = 25;

export interface ParsedQuery {
  query: string;
  types: string[];
  limit: number;
  properties: { property: ReconcileProperty; values: QueryValue[] }[];
}

export interface Candidate {
  id: string;
  name: string;
  score: number;
  match: boolean;
  type: { id: string; name: string }[];
  features: { id: string; value: number | boolean }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isQueryValue(v: unknown): v is QueryValue {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || (isRecord(v) && typeof v.id === 'string' && (v.name === undefined || typeof v.name === 'string'));
}

/** Checks one query of a batch; every problem names the query key and the field. */
export function parseQuery(key: string, raw: unknown, settings: ReconcileSettings): ParsedQuery {
  const where = `query "${key}"`;
  if (!isRecord(raw)) throw new BadRequestError(`${where}: must be an object with "query" and optional "type", "limit", "properties"`);
  const query = raw.query === undefined ? '' : raw.query;
  if (typeof query !== 'string') throw new BadRequestError(`${where}: "query" must be a string`);
  const typeList = raw.type === undefined ? [] : Array.isArray(raw.type) ? raw.type : [raw.type];
  for (const t of typeList) {
    if (typeof t !== 'string' || !typeById(t)) throw new BadRequestError(`${where}: unknown type ${JSON.stringify(t)} (this service knows agent, organisation, place, concept, activity)`);
  }
  let limit = settings.defaultLimit;
  if (raw.limit !== undefined) {
    if (typeof raw.limit !== 'number' || !Number.isInteger(raw.limit) || raw.limit < 1) throw new BadRequestError(`${where}: "limit" must be a positive integer`);
    if (raw.limit > settings.maxLimit) throw new BadRequestError(`${where}: "limit" ${raw.limit} is over the maximum ${settings.maxLimit}`);
    limit = raw.limit;
  }
  const properties: ParsedQuery['properties'] = [];
  if (raw.properties !== undefined) {
    if (!Array.isArray(raw.properties)) throw new BadRequestError(`${where}: "properties" must be an array of { "pid", "v" }`);
    raw.properties.forEach((p: unknown, i) => {
      if (!isRecord(p) || typeof p.pid !== 'string') throw new BadRequestError(`${where}: properties[${i}] must be an object with a string "pid"`);
      const property = propertyById(p.pid);
      if (!property) throw new BadRequestError(`${where}: properties[${i}]: unknown property ${JSON.stringify(p.pid)} (see /reconcile/suggest/property, or give a predicate IRI)`);
      const values = Array.isArray(p.v) ? p.v : [p.v];
      if (values.length === 0 || !values.every(isQueryValue)) throw new BadRequestError(`${where}: properties[${i}] "v" must be a string, number, boolean, { "id" }, or an array of them`);
      properties.push({ property, values });
    });
  }
  if (query.trim() === '' && properties.length === 0) throw new BadRequestError(`${where}: give a "query" string or "properties"`);
  return { query, types: typeList as string[], limit, properties };
}

/** Checks a whole batch: an object of queries keyed by the client's ids, at most maxQueries. */
export function parseBatch(raw: unknown, settings: ReconcileSettings): Map<string, ParsedQuery> {
  if (!isRecord(raw)) throw new BadRequestError('queries: must be a JSON object mapping query ids to queries, e.g. {"q0":{"query":"Royal Boch","type":"agent"}}');
  const keys = Object.keys(raw);
  if (keys.length > settings.maxQueries) throw new BadRequestError(`queries: ${keys.length} queries in one batch, the most is ${settings.maxQueries}`);
  return new Map(keys.map((k) => [k, parseQuery(k, raw[k], settings)]));
}

const round = (n: number) => Math.round(n * 100) / 100;

function compareCandidates(a: { score: number; entity: IndexedEntity }, b: { score: number; entity: IndexedEntity }): number {
  return b.score - a.score || (a.entity.name < b.entity.name ? -1 : a.entity.name > b.entity.name ? 1 : 0) || (a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : 0);
}

export class Reconciler {
  constructor(
    private readonly index: LabelIndex,
    private readonly store: StoreReader,
    private readonly base: string,
    readonly settings: ReconcileSettings = DEFAULT_RECONCILE_SETTINGS,
  ) {}

  /** Candidates for each query of a batch (parsed with parseBatch). */
  async reconcileBatch(batch: Map<string, ParsedQuery>): Promise<Record<string, { result: Candidate[] }>> {
    await this.index.refresh();
    const out: Record<string, { result: Candidate[] }> = {};
    for (const [key, q] of batch) out[key] = { result: await this.reconcile(q) };
    return out;
  }

  /**
   * The best similarity of the query to any label of the entity, or 0 when none can reach
   * minSimilarity: the ratio of two strings is at most shorter / longer length, so most labels
   * are skipped without computing a distance.
   */
  private bestSimilarity(wanted: PreparedLabel, entity: IndexedEntity): number {
    let best = 0;
    for (const label of entity.prepared) {
      const [short, long] = wanted.sorted.length < label.sorted.length ? [wanted.sorted.length, label.sorted.length] : [label.sorted.length, wanted.sorted.length];
      if (long > 0 && short / long < this.settings.minSimilarity) continue;
      best = Math.max(best, labelSimilarity(wanted, label, Math.max(best, this.settings.minSimilarity)));
    }
    return best;
  }

  private async reconcile(q: ParsedQuery): Promise<Candidate[]> {
    const wanted = prepareLabel(q.query);
    const scored: { entity: IndexedEntity; similarity: number; score: number }[] = [];
    // With a label, only entities sharing a word's first letters with it (label-index.ts blocking); without, all.
    const considered = q.query.trim() === '' ? this.index.candidates(q.types) : this.index.similarCandidates(wanted, q.types);
    for (const entity of considered) {
      const similarity = q.query.trim() === '' ? 0 : this.bestSimilarity(wanted, entity);
      if (similarity >= this.settings.minSimilarity || (q.query.trim() === '' && q.properties.length > 0)) scored.push({ entity, similarity, score: similarity * 100 });
    }
    scored.sort(compareCandidates);
    const pool = scored.slice(0, Math.max(EVIDENCE_POOL, q.limit));
    const evidence = new Map<string, { id: string; value: boolean }[]>();
    if (q.properties.length > 0 && pool.length > 0) {
      const values = await readPropertyValues(this.store, this.base, pool.map((c) => c.entity.id), q.properties.map((p) => p.property));
      for (const c of pool) {
        const features: { id: string; value: boolean }[] = [];
        for (const { property, values: wantedValues } of q.properties) {
          const theirs = values.get(c.entity.id)?.get(property.id) ?? [];
          if (theirs.length === 0) continue;
          const ok = wantedValues.some((v) => agrees(property, v, theirs));
          c.score += ok ? EVIDENCE_POINTS : -EVIDENCE_POINTS;
          features.push({ id: `property:${property.id}`, value: ok });
        }
        c.score = Math.max(0, Math.min(100, c.score));
        evidence.set(c.entity.id, features);
      }
      pool.sort(compareCandidates);
      // Without a label to compare, only candidates with some agreeing property are candidates.
      if (q.query.trim() === '') pool.splice(0, pool.length, ...pool.filter((c) => evidence.get(c.entity.id)!.some((f) => f.value)));
    }
    const top = pool.slice(0, q.limit);
    return top.map((c, i) => {
      const next = pool[i + 1]?.score ?? 0;
      const match = i === 0 && c.score >= this.settings.matchThreshold && c.score - next >= this.settings.matchMargin;
      return {
        id: c.entity.id,
        name: c.entity.name,
        score: round(c.score),
        match,
        type: c.entity.types.map((t) => ({ id: t, name: typeById(t)!.name })),
        features: [{ id: 'name', value: round(c.similarity) }, ...(evidence.get(c.entity.id) ?? [])],
      };
    });
  }
}
