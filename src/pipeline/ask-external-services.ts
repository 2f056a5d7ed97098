/**
 * Asking others (issue 16, item 7), the whole round: the agents and concepts without an authority
 * link (authority-scope.ts) are sent to every configured service (`hub.matching.externalServices`,
 * authority-suggestions.ts), and the answers are kept as suggestions in the one suggestions graph
 * (publication/matching/suggestions-graph.ts), which this rewrites whole:
 *
 * - curators' decisions stay (accepted, rejected, auto-accepted): a rejected candidate is never
 *   suggested again, and an entity with an accepted candidate from a service is not asked there again;
 * - the pending suggestions of an entity a service answered about now are replaced by its answer;
 *   those of a service that failed, and of entities outside this ask (another source), stay; those
 *   of an entity that needs no asking any more (its record links it now, or it is gone) go;
 * - a candidate at or above the service's autoAcceptScore, alone there, is auto-accepted: its
 *   owl:sameAs is published by the same commit.
 *
 * A service that fails (unreachable, malformed answer) is a warning naming it; the others go on.
 */
import type { ExternalReconciliationService } from '../config/matching-external.js';
import { errorMessage } from '../core/errors.js';
import { ReconciliationClient, type ReconciliationLookup } from '../connectors/reconciliation/client.js';
import {
  isAccepted,
  loadSuggestions,
  serialisedSuggestions,
  sortSuggestions,
  suggestionId,
  writeSuggestions,
  type LinkSuggestion,
} from '../publication/matching/suggestions-graph.js';
import type { Store } from '../store/store.js';
import { suggestAuthorities } from './authority-suggestions.js';
import { unlinkedEntities } from './authority-scope.js';

export interface AskOptions {
  /** Only entities a record of this source describes. */
  sourceId?: string;
  /** The time the answers are stamped with. @defaultValue now */
  now?: string;
  /** Stand-ins for the services' clients (tests, other transports); by service URL. */
  clientFor?: (service: ExternalReconciliationService) => ReconciliationLookup;
}

export interface AskResult {
  /** Entities asked about (agents and concepts without an authority link, in scope). */
  asked: number;
  services: { url: string; asked: number; suggestions: number; autoAccepted: number; error?: string }[];
  /** New or renewed pending suggestions, and the ones auto-accepted, by this ask. */
  pending: number;
  autoAccepted: number;
  /** One per failed service or unusable answer; never thrown. */
  warnings: string[];
}

type AskStore = Pick<Store, 'graph' | 'commit' | 'select'>;
type AskConfig = { hub: { baseIri: string; matching: { externalServices: readonly ExternalReconciliationService[] } } };

const isHttpIri = (value: string) => /^https?:\/\/[^\s<>"{}|\\^`]+$/i.test(value);

function defaultClient(service: ExternalReconciliationService): ReconciliationClient {
  return new ReconciliationClient(service.url, { batchSize: service.batchSize, http: { timeoutMs: service.timeoutMs, maxAttempts: service.maxAttempts } });
}

/** Makes a service's candidate id an IRI: ids that are not (Wikidata's `Q158840`) are put in its manifest's identifierSpace. */
async function candidateIris(client: ReconciliationLookup, ids: string[]): Promise<(id: string) => string | undefined> {
  if (ids.every(isHttpIri) || !(client instanceof ReconciliationClient)) return (id) => (isHttpIri(id) ? id : undefined);
  const space = (await client.manifest()).identifierSpace;
  return (id) => (isHttpIri(id) ? id : isHttpIri(`${space}${id}`) ? `${space}${id}` : undefined);
}

export async function askExternalServices(store: AskStore, config: AskConfig, options: AskOptions = {}): Promise<AskResult> {
  const base = config.hub.baseIri;
  const services = config.hub.matching.externalServices;
  const now = options.now ?? new Date().toISOString();
  const result: AskResult = { asked: 0, services: [], pending: 0, autoAccepted: 0, warnings: [] };
  if (services.length === 0) {
    result.warnings.push('No reconciliation service is configured (hub.matching.externalServices): nothing asked');
    return result;
  }
  const entities = await unlinkedEntities(store, base, { sourceId: options.sourceId });
  result.asked = entities.length;
  const byIri = new Map(entities.map((e) => [e.iri, e]));
  // An entity whose candidate from a service was accepted is settled there (its candidate may lie outside the authority namespaces).
  const settled = new Set((await loadSuggestions(store, base)).filter((s) => isAccepted(s.status)).map((s) => `${s.service}\u0000${s.entity}`));
  /** Pending suggestions replaced by this ask: (service, entity) pairs a service answered. */
  const answered = new Set<string>();
  const fresh = new Map<string, LinkSuggestion>();
  for (const service of services) {
    const mine = entities.filter((e) => service.types.includes(e.type) && !settled.has(`${service.url}\u0000${e.iri}`));
    const report: AskResult['services'][number] = { url: service.url, asked: mine.length, suggestions: 0, autoAccepted: 0 };
    result.services.push(report);
    if (mine.length === 0) continue;
    try {
      const client = options.clientFor?.(service) ?? defaultClient(service);
      const answers = await suggestAuthorities(client, mine, service);
      const toIri = await candidateIris(client, answers.map((a) => a.candidate));
      for (const e of mine) answered.add(`${service.url}\u0000${e.iri}`);
      for (const a of answers) {
        const candidate = toIri(a.candidate);
        if (!candidate) {
          result.warnings.push(`Reconciliation service ${service.url}: candidate "${a.candidate}" for ${a.iri} is not an IRI; left out`);
          continue;
        }
        const id = suggestionId(a.iri, candidate);
        if (fresh.has(id)) continue;
        const entity = byIri.get(a.iri)!;
        fresh.set(id, {
          id,
          entity: a.iri,
          kind: entity.type,
          label: entity.name,
          candidate,
          name: a.name,
          ...(a.description ? { description: a.description } : {}),
          score: a.score,
          service: service.url,
          at: now,
          status: a.autoAccept ? 'auto-accepted' : 'pending',
          sources: entity.sources,
          organisations: entity.organisations,
          ...(a.autoAccept ? { decidedBy: 'auto', decidedAt: now } : {}),
        });
      }
    } catch (error) {
      report.error = errorMessage(error);
      result.warnings.push(`Reconciliation service ${service.url} failed; its earlier suggestions are kept: ${report.error}`);
    }
  }
  // The services were asked outside the lock (they may take minutes); curators' decisions taken meanwhile are read here and win.
  await serialisedSuggestions(store, async () => {
    const kept = await loadSuggestions(store, base);
    const decided = new Set(kept.filter((s) => s.status !== 'pending').map((s) => s.id));
    const added = [...fresh.values()].filter((s) => !decided.has(s.id));
    // Pending ones go when answered again, and when their entity, in this ask's scope, needs no asking any more (linked by its record, or gone).
    const inScope = (s: LinkSuggestion) => options.sourceId === undefined || s.sources.includes(options.sourceId);
    const stays = (s: LinkSuggestion) => s.status !== 'pending' || (!answered.has(`${s.service}\u0000${s.entity}`) && !fresh.has(s.id) && !(inScope(s) && !byIri.has(s.entity)));
    await writeSuggestions(store, base, sortSuggestions([...kept.filter(stays), ...added]));
    for (const s of added) {
      const report = result.services.find((r) => r.url === s.service)!;
      report.suggestions++;
      if (s.status === 'auto-accepted') report.autoAccepted++;
    }
    result.pending = added.filter((s) => s.status === 'pending').length;
    result.autoAccepted = added.filter((s) => s.status === 'auto-accepted').length;
  });
  return result;
}
