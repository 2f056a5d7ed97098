/**
 * What the HTTP API needs from the rest of the hub, and no more: `createApp` receives these ports
 * instead of the whole Hub. The Hub provides them in one process (hub-ports.ts); in distributed
 * mode the queue provides the harvest trigger, job admin and queue status (queue/app-ports.ts).
 */
import type { HubSettings, SourceConfig } from '../config/schema.js';
import type { RunSummary } from '../reports/run-summary.js';
import type { LinkDecision, ReclusterPort } from '../publication/matching/contract.js';
import type { DecisionInput } from '../publication/matching/decisions.js';
import type { LinkSuggestion } from '../publication/matching/suggestions-graph.js';
import type { AskResult } from './ask-external-services.js';
import type { PushReport } from './push/push-report.js';
import type { PushPlan } from './push/push-source.js';
import type { StoreReader } from '../store/store.js';

export type { StoreReader };

/** The configuration as the API reads it. */
export interface ConfigView {
  hub: Pick<HubSettings, 'baseIri' | 'aggregator' | 'api' | 'sparql' | 'admission' | 'adminKey' | 'dataDir' | 'trustProxy'> & Partial<Pick<HubSettings, 'organisationNames'>>;
  sources: SourceConfig[];
  /** The folder the configuration's relative paths start from (shown paths are relative to it). */
  baseDir: string;
  /** The configured source with this id; NotFoundError naming the known ids when there is none. */
  source(id: string): SourceConfig;
}

/** Runs of the sources: whether one is running, and the kept reports. */
export interface RunReader {
  isRunning(sourceId: string): boolean;
  /** Run summaries of a source (without problems), oldest first. */
  runs(sourceId: string): Promise<RunSummary[]>;
  /** The full report of one run, problems included; NotFoundError when there is none. */
  run(sourceId: string, runId: string): Promise<RunSummary>;
  /** The full report of the source's most recent run, if it has one. */
  latest(sourceId: string): Promise<RunSummary | undefined>;
}

/** Starts a harvest (in this process) or queues one (distributed); the answer says which, as the admin API returns it. */
export interface HarvestTrigger {
  harvest(sourceId: string, options?: { full?: boolean }): Promise<object>;
}

/** Distributed mode: the jobs on the queues (`/admin/jobs`). */
export interface JobsAdmin {
  list(options: { state?: string; queue?: string; limit?: number }): Promise<unknown>;
  show(id: string, queue?: string): Promise<unknown>;
  retry(id: string, queue?: string): Promise<unknown>;
}

/** Distributed mode: whether the queues answer (`/health`) and their depths (`/metrics`). */
export interface QueueStatus {
  health(): Promise<{ ok: boolean; message: string }>;
  depths(): Promise<Record<string, Record<string, number>>>;
}

/** Distributed mode: the sources' runs as the queues see them (a run going, or stuck behind a failed job). */
export interface RunStates {
  /** Per source id: whether a run holds its run lock, that run's id, and why it is stuck, if it is. */
  of(sourceIds: string[]): Promise<Map<string, { running: boolean; runId?: string; stuck?: string }>>;
  /** Why each stuck run is stuck (which job failed, how to retry it), for /health. */
  stuck(): Promise<string[]>;
}

/** Curator decisions on entity links (publication/matching/decisions.ts), written through the hub's store. */
export interface LinkDecisionsAdmin {
  /** Checks and keeps a decision; `created: false` when the same one was kept already. BadRequestError, DecisionConflictError. */
  record(input: DecisionInput): Promise<{ decision: LinkDecision; created: boolean }>;
  /** Removes a decision; NotFoundError when there is none. */
  withdraw(id: string): Promise<LinkDecision>;
}

/** Suggested authority links (ask-external-services.ts, suggestions-graph.ts), written through the hub's store. */
export interface LinkSuggestionsAdmin {
  /** Asks the configured services about the agents and concepts without an authority link; warnings, never a throw, for a failing service. */
  ask(options?: { sourceId?: string }): Promise<AskResult>;
  /** A curator accepts (publishes owl:sameAs) or rejects a suggestion; NotFoundError when there is none. */
  decide(id: string, status: 'accepted' | 'rejected', curator?: string): Promise<LinkSuggestion>;
}

/** The push into UiTdatabank by hand (`/admin/push/:source`): its dry run and a push now. NotFoundError for a source that does not push. */
export interface PushAdmin {
  plan(sourceId: string): Promise<PushPlan>;
  push(sourceId: string): Promise<PushReport>;
}

export interface AppPorts {
  store: StoreReader;
  config: ConfigView;
  runs: RunReader;
  harvest: HarvestTrigger;
  jobs?: JobsAdmin;
  queue?: QueueStatus;
  runStates?: RunStates;
  /** Writes curator decisions (`/admin/links/decisions`); absent, the links admin only reads. */
  linkDecisions?: LinkDecisionsAdmin;
  /** Asks other services and decides on their suggestions (`/admin/links/suggestions`); absent, suggestions are only read. */
  linkSuggestions?: LinkSuggestionsAdmin;
  /** Applies curators' link decisions now (the match step, steps/match.ts); absent when matching is off, and decisions apply at the next harvest. */
  recluster?: ReclusterPort;
  /** Pushes into UiTdatabank by hand (`/admin/push`); absent, the push admin only shows the last report. */
  push?: PushAdmin;
}
