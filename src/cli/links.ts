/**
 * `hub links …`: curators' decisions on entity links from the command line.
 *
 *   hub links review [--limit N] [--offset N]     pairs waiting for a decision, best score first
 *   hub links decisions                           the kept decisions
 *   hub links merge A B | never-merge A B | split A [--note …] [--curator …]
 *   hub links withdraw ID
 *   hub links cluster IRI                         the cluster an entity is in
 *   hub links suggest [--source S]                asks the configured reconciliation services (hub.matching.externalServices)
 *   hub links suggestions [--json]                suggested authority links and their status
 *   hub links accept ID | reject ID               a curator's decision on a suggestion (accept publishes owl:sameAs)
 *
 * Two ways to the decisions, as for the store's other writers: with `--url` (or $HUB_URL) the CLI
 * asks the running hub's admin API (the admin key from $HUB_ADMIN_KEY or hub.adminKey), which
 * applies a decision at once when the hub can recluster; without it the CLI opens the configured
 * store itself, which for the embedded store means the hub must be stopped (one writer per data
 * directory; reads open it read-only), and the decision applies at the next harvest.
 */
import type { HubConfig } from '../config/schema.js';
import { adminApiCall } from './admin-api.js';
import { openStoreForCommand } from './open-store.js';
import type { LinkDecision } from '../publication/matching/contract.js';
import { loadDecisions, makeDecision, recordDecision, withdrawDecision, type DecisionKind } from '../publication/matching/decisions.js';
import { clusterOf, reviewQueue, type ClusterView, type EntitySide, type ReviewPage } from '../publication/matching/links-read.js';
import { askExternalServices, type AskResult } from '../pipeline/ask-external-services.js';
import { decideSuggestion, loadSuggestions, type LinkSuggestion } from '../publication/matching/suggestions-graph.js';

export interface LinksOptions {
  url?: string;
  note?: string;
  curator?: string;
  limit?: string;
  offset?: string;
  source?: string;
  json?: boolean;
}

type Out = { write(text: string): unknown };
type Recorded = { decision: LinkDecision; created: boolean; applied?: string };

/** What `hub links` does, over the admin API or the store. */
interface LinksBackend {
  review(offset?: number, limit?: number): Promise<ReviewPage>;
  decisions(): Promise<LinkDecision[]>;
  record(input: { kind: DecisionKind; a: string; b?: string; note?: string; curator: string }): Promise<Recorded>;
  withdraw(id: string): Promise<{ decision: LinkDecision; applied?: string }>;
  cluster(iri: string): Promise<ClusterView>;
  ask(sourceId?: string): Promise<AskResult>;
  suggestions(): Promise<LinkSuggestion[]>;
  decide(id: string, status: 'accepted' | 'rejected', curator: string): Promise<LinkSuggestion>;
  close(): Promise<void>;
}

function apiBackend(url: string, key: string | undefined): LinksBackend {
  if (!key) throw new Error('hub links --url needs the admin key: set $HUB_ADMIN_KEY (or hub.adminKey in the configuration)');
  const call = <T>(method: string, path: string, body?: object): Promise<T> => adminApiCall<T>(url, key!, method, path, body);
  return {
    review: (offset, limit) => call('GET', `admin/links/review?${new URLSearchParams({ ...(offset !== undefined ? { offset: String(offset) } : {}), ...(limit !== undefined ? { limit: String(limit) } : {}) })}`),
    decisions: async () => (await call<{ items: LinkDecision[] }>('GET', 'admin/links/decisions')).items,
    record: (input) => call('POST', 'admin/links/decisions', input),
    withdraw: (id) => call('DELETE', `admin/links/decisions/${encodeURIComponent(id)}`),
    cluster: (iri) => call('GET', `admin/links/clusters?iri=${encodeURIComponent(iri)}`),
    ask: (sourceId) => call('POST', 'admin/links/suggestions/ask', sourceId ? { source: sourceId } : {}),
    suggestions: async () => (await call<{ items: LinkSuggestion[] }>('GET', 'admin/links/suggestions')).items,
    decide: async (id, status, curator) => (await call<{ suggestion: LinkSuggestion }>('POST', `admin/links/suggestions/${encodeURIComponent(id)}/${status === 'accepted' ? 'accept' : 'reject'}`, { curator })).suggestion,
    close: async () => undefined,
  };
}

async function storeBackend(config: HubConfig, write: boolean): Promise<LinksBackend> {
  const base = config.hub.baseIri;
  const store = await openStoreForCommand(config, { write });
  return {
    review: (offset, limit) => reviewQueue(store, base, { offset, limit }),
    decisions: () => loadDecisions(store, base),
    record: async (input) => ({ ...(await recordDecision(store, base, makeDecision(base, input))), applied: 'next-harvest' }),
    withdraw: async (id) => ({ decision: await withdrawDecision(store, base, id), applied: 'next-harvest' }),
    cluster: (iri) => clusterOf(store, base, iri),
    // The hub block alone is loaded (no sources): an unknown source id asks about nothing.
    ask: (sourceId) => askExternalServices(store, config, { sourceId }),
    suggestions: () => loadSuggestions(store, base),
    decide: (id, status, curator) => decideSuggestion(store, base, id, status, curator),
    close: () => store.close(),
  };
}

const sideText = (s: EntitySide) => `${s.label ?? '(no label)'}  <${s.iri}>${s.records.length ? `  [${[...new Set(s.records.map((r) => r.source))].join(', ')}]` : ''}`;
const decisionLine = (d: LinkDecision) => [d.id, d.kind, d.a, d.b ?? '-', d.curator, d.at, d.note ?? ''].join('\t');
const appliedText = (applied?: string) => (applied === 'now' ? 'applied now' : 'applies at the next harvest of these entities');

const suggestionLine = (s: LinkSuggestion) => [s.id, s.status, s.score, s.entity, s.label, s.candidate, s.name, s.service, s.organisations.join('; ')].join('\t');

const ACTIONS = ['review', 'decisions', 'merge', 'never-merge', 'split', 'withdraw', 'cluster', 'suggest', 'suggestions', 'accept', 'reject'];
const WRITES = ['merge', 'never-merge', 'split', 'withdraw', 'suggest', 'accept', 'reject'];

/** Runs one `hub links` action; returns the exit code. */
export async function linksCommand(config: HubConfig, action: string, args: string[], opts: LinksOptions, out: Out = process.stdout): Promise<number> {
  if (!ACTIONS.includes(action)) throw new Error(`Unknown action "${action}" (${ACTIONS.join(', ')})`);
  const need = action === 'merge' || action === 'never-merge' ? 2 : ['split', 'withdraw', 'cluster', 'accept', 'reject'].includes(action) ? 1 : 0;
  if (args.length !== need) throw new Error(`hub links ${action} takes ${need} argument(s), got ${args.length}`);
  const url = opts.url ?? process.env.HUB_URL;
  const write = WRITES.includes(action);
  const backend = url ? apiBackend(url, process.env.HUB_ADMIN_KEY ?? config.hub.adminKey) : await storeBackend(config, write);
  const print = (value: unknown, text: () => string) => out.write(opts.json ? `${JSON.stringify(value, null, 1)}\n` : text());
  try {
    if (action === 'review') {
      const page = await backend.review(opts.offset ? Number(opts.offset) : undefined, opts.limit ? Number(opts.limit) : undefined);
      print(page, () =>
        [
          `${page.total} pair(s) to review${page.total ? `; ${page.offset + 1}–${page.offset + page.items.length} shown` : ''}\n`,
          ...page.items.map((l) => `\n${l.score.toFixed(2)} ${l.type}\n  A ${sideText(l.a)}\n  B ${sideText(l.b)}\n${l.evidence.map((e) => `    ${e.weight >= 0 ? '+' : '-'} ${e.detail || e.rule}\n`).join('')}`),
        ].join(''),
      );
    } else if (action === 'decisions') {
      const decisions = await backend.decisions();
      print(decisions, () => `${decisions.length ? `${['ID', 'KIND', 'A', 'B', 'CURATOR', 'AT', 'NOTE'].join('\t')}\n${decisions.map(decisionLine).join('\n')}` : 'No decisions'}\n`);
    } else if (action === 'withdraw') {
      const result = await backend.withdraw(args[0]!);
      print(result, () => `Withdrew ${result.decision.kind} ${result.decision.id}; ${appliedText(result.applied)}\n`);
    } else if (action === 'suggest') {
      const result = await backend.ask(opts.source);
      // A failing service is a warning (stderr), never a failed command: the others were asked.
      for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
      print(result, () => `Asked about ${result.asked} entities without an authority link: ${result.pending} suggestion(s) pending, ${result.autoAccepted} auto-accepted\n`);
    } else if (action === 'suggestions') {
      const items = await backend.suggestions();
      print(items, () => `${items.length ? `${['ID', 'STATUS', 'SCORE', 'ENTITY', 'LABEL', 'CANDIDATE', 'NAME', 'SERVICE', 'ORGANISATIONS'].join('\t')}\n${items.map(suggestionLine).join('\n')}` : 'No suggestions'}\n`);
    } else if (action === 'accept' || action === 'reject') {
      const decided = await backend.decide(args[0]!, action === 'accept' ? 'accepted' : 'rejected', opts.curator ?? 'cli');
      print(decided, () => `${decided.status === 'accepted' ? 'Accepted' : 'Rejected'} ${decided.id}: <${decided.entity}> ${decided.status === 'accepted' ? 'owl:sameAs' : 'is not'} <${decided.candidate}>\n`);
    } else if (action === 'cluster') {
      const cluster = await backend.cluster(args[0]!);
      print(cluster, () => `Cluster <${cluster.iri}>, ${cluster.members.length} member(s)\n${cluster.members.map((m) => `  ${sideText(m)}\n`).join('')}`);
    } else {
      const result = await backend.record({ kind: action as DecisionKind, a: args[0]!, ...(args[1] ? { b: args[1] } : {}), ...(opts.note ? { note: opts.note } : {}), curator: opts.curator ?? 'cli' });
      print(result, () => (result.created ? `Kept ${result.decision.kind} ${result.decision.id}; ${appliedText(result.applied)}\n` : `Already kept as ${result.decision.id} (${result.decision.at})\n`));
    }
    return 0;
  } finally {
    await backend.close();
  }
}
