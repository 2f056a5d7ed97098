/**
 * Asking others (issue 16, item 7): the hub's agents and concepts that carry no authority link
 * are sent, in batches, to another reconciliation service (a term network, Wikidata's); the
 * candidates come back as suggestions for the organisation's report. Nothing is written here: a
 * suggestion becomes an `owl:sameAs` only when a curator accepts it, or when it is `autoAccept`:
 * at or above the configured score and the only candidate of its entity there (two candidates
 * above the bar are a choice for a person, whatever their scores).
 *
 * Independent of the run: the caller picks the entities (features of the match step, a report's
 * list) and decides when to ask; the service is never asked about anything else.
 */
import type { ExternalReconciliationService } from '../config/matching-external.js';
import { ReconciliationClient, type ReconciliationLookup, type ReconciliationQuery } from '../connectors/reconciliation/client.js';

export interface AuthorityQuestion {
  /** The hub IRI of the agent or concept. */
  iri: string;
  type: 'agent' | 'concept';
  /** Its preferred name or label. */
  name: string;
  /** Agents: life dates as ISO 8601 dates or years, sent as the service's date properties. */
  birth?: string;
  death?: string;
}

export interface AuthoritySuggestion {
  /** The hub entity the suggestion is for. */
  iri: string;
  /** The candidate's id at the service (an IRI for Wikidata, AAT and most term networks). */
  candidate: string;
  name: string;
  description?: string;
  /** The service's score, on its own scale. */
  score: number;
  /** The service's own `match` flag (false when it gave none). */
  match: boolean;
  /** Written without a curator: score ≥ autoAcceptScore and no other candidate of the entity that high. */
  autoAccept: boolean;
  /** The service that answered. */
  service: string;
}

export interface SuggestOptions {
  /** Undefined: nothing is auto-accepted. */
  autoAcceptScore?: number;
  /** The service's type id per kind; absent: the query names no type. */
  typeIds?: { agent?: string; concept?: string };
  /** The service's life-date properties. @defaultValue Wikidata's P569 / P570 */
  birthProperty?: string;
  deathProperty?: string;
  /** Candidates per entity. @defaultValue 3 */
  limit?: number;
}

function queryFor(entity: AuthorityQuestion, options: SuggestOptions): ReconciliationQuery {
  const query: ReconciliationQuery = { query: entity.name, limit: options.limit ?? 3 };
  const type = options.typeIds?.[entity.type];
  if (type) query.type = type;
  if (entity.type === 'agent') {
    const properties: NonNullable<ReconciliationQuery['properties']> = [];
    if (entity.birth) properties.push({ pid: options.birthProperty ?? 'P569', v: entity.birth });
    if (entity.death) properties.push({ pid: options.deathProperty ?? 'P570', v: entity.death });
    if (properties.length) query.properties = properties;
  }
  return query;
}

/** Suggestions for every entity with a name, best first per entity, in the order of the entities. */
export async function suggestAuthorities(client: ReconciliationLookup, entities: readonly AuthorityQuestion[], options: SuggestOptions = {}): Promise<AuthoritySuggestion[]> {
  const asked = entities.filter((e) => e.name.trim() !== '');
  const answers = await client.reconcile(asked.map((e) => queryFor(e, options)));
  const bar = options.autoAcceptScore;
  return asked.flatMap((entity, i) => {
    const candidates = [...answers[i]].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    const above = bar === undefined ? 0 : candidates.filter((c) => c.score >= bar).length;
    return candidates.map((c) => ({
      iri: entity.iri,
      candidate: c.id,
      name: c.name,
      ...(c.description !== undefined ? { description: c.description } : {}),
      score: c.score,
      match: c.match ?? false,
      autoAccept: bar !== undefined && c.score >= bar && above === 1,
      service: client.service,
    }));
  });
}

/** Every configured service asked about the entities of its types (hub.matching.externalServices), one after another. */
export async function suggestFromServices(services: readonly ExternalReconciliationService[], entities: readonly AuthorityQuestion[]): Promise<AuthoritySuggestion[]> {
  const out: AuthoritySuggestion[] = [];
  for (const service of services) {
    const mine = entities.filter((e) => service.types.includes(e.type));
    if (mine.length === 0) continue;
    const client = new ReconciliationClient(service.url, { batchSize: service.batchSize, http: { timeoutMs: service.timeoutMs, maxAttempts: service.maxAttempts } });
    out.push(...(await suggestAuthorities(client, mine, service)));
  }
  return out;
}
