/**
 * The hub in one process (embedded mode): the store, every source's runtime, harvest runs
 * (one at a time per source) and the schedules. `hub serve`, `hub harvest` and the API use it.
 */
import type { HubConfig, SourceConfig } from '../config/schema.js';
import { findConnector } from '../connectors/index.js';
import { errorMessage, NotFoundError } from '../core/errors.js';
import { upgradeProvenance } from '../store/provenance-upgrade.js';
import { createStore } from '../store/create-store.js';
import type { Store } from '../store/store.js';
import { runSource, type RunOptions, type SourceRuntime } from './run-source.js';
import type { RunSummary } from '../reports/run-summary.js';
import { buildRuntime } from './source-runtime.js';
import { StateStore } from './state-store.js';
import { defaultMatching } from './matching/default-matching.js';
import type { MatchingSetup } from './matching/setup.js';
import { MatchStep } from './steps/match.js';
import { scoresAtClose } from './steps/run-scores.js';
import { pushAfterRun } from './steps/push.js';
import type { EntryApiFactory } from './push/push-wiring.js';

export interface HubLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const silent: HubLogger = { info: () => undefined, error: () => undefined };

export class Hub {
  readonly states: StateStore;
  private readonly runtimes = new Map<string, Promise<SourceRuntime>>();
  private readonly running = new Map<string, Promise<RunSummary>>();
  private readonly timers: NodeJS.Timeout[] = [];
  /** The pending poll of each source polled at its own interval. */
  private readonly pollTimers = new Map<string, NodeJS.Timeout>();
  private closing = false;
  /** The match step of this store (steps/match.ts), when matching is set up; also the curators' ReclusterPort. */
  readonly match?: MatchStep;

  private constructor(
    readonly config: HubConfig,
    readonly store: Store,
    private readonly log: HubLogger,
    matching: MatchingSetup | undefined,
    /** The Entry API of the push step (steps/push.ts); unset: the client the configuration names. */
    readonly entryApi?: EntryApiFactory,
  ) {
    this.states = new StateStore(config.hub.dataDir);
    if (matching) this.match = new MatchStep(matching, store, config.hub.baseIri);
  }

  /**
   * `matching`: the matcher, clustering and decisions to match with; null for none. @defaultValue defaultMatching()
   * `entryApi`: the UiTdatabank Entry API the push after each run uses (tests). @defaultValue the Entry API client
   */
  static async open(config: HubConfig, options: { store?: Store; log?: HubLogger; readOnly?: boolean; matching?: MatchingSetup | null; entryApi?: EntryApiFactory } = {}): Promise<Hub> {
    const store = options.store ?? (await createStore(config.hub, { readOnly: options.readOnly, log: options.log && ((message) => options.log!.info(message)) }));
    await store.open();
    // The embedded store upgrades old-form provenance as it opens; a remote one here, once it answers (provenance-upgrade.ts).
    if (config.hub.store.type === 'sparql' && !options.readOnly && !options.store) {
      await upgradeProvenance(store, (message) => options.log?.info(message)).catch((error: unknown) => options.log?.error('provenance upgrade of the remote store not done; tried again at the next start', { error: String(error) }));
    }
    const matching = options.matching === null ? undefined : (options.matching ?? defaultMatching(config));
    return new Hub(config, store, options.log ?? silent, matching, options.entryApi);
  }

  source(id: string): SourceConfig {
    const source = this.config.sources.find((s) => s.id === id);
    if (!source) throw new NotFoundError(`No source "${id}" in the configuration (known: ${this.config.sources.map((s) => s.id).join(', ') || 'none'})`);
    return source;
  }

  private runtime(source: SourceConfig): Promise<SourceRuntime> {
    let rt = this.runtimes.get(source.id);
    if (!rt) {
      rt = buildRuntime(this.config, source);
      rt.catch(() => this.runtimes.delete(source.id));
      this.runtimes.set(source.id, rt);
    }
    return rt;
  }

  /** Harvests one source; a second call while it runs joins the running harvest. */
  harvest(id: string, options: RunOptions = {}): Promise<RunSummary> {
    const existing = this.running.get(id);
    if (existing) return existing;
    const source = this.source(id);
    const run = (async () => {
      const rt = await this.runtime(source);
      this.log.info('harvest started', { sourceId: id, full: options.full === true });
      const log = (message: string, fields: Record<string, unknown>) => this.log.info(message, fields);
      const afterClose = (run: RunSummary) => pushAfterRun({ config: this.config, store: this.store, log, entryApi: this.entryApi }, run);
      const scores = (run: RunSummary) => scoresAtClose({ store: this.store, baseIri: this.config.hub.baseIri, aggregator: this.config.hub.aggregator, baseDir: this.config.baseDir, sources: this.config.sources }, run);
      const summary = await runSource(this.config.hub, rt, this.store, this.states, { log, match: this.match, afterClose, scores, ...options });
      this.log.info('harvest finished', { sourceId: id, runId: summary.runId, status: summary.status, seen: summary.seen, published: summary.published, rejected: summary.rejected, deleted: summary.deleted, errors: summary.errors });
      return summary;
    })();
    this.running.set(id, run);
    const forget = () => this.running.delete(id);
    run.then(forget, forget);
    return run;
  }

  /** Harvests every enabled source, one after another; a failing source never stops the others. */
  async harvestAll(options: RunOptions = {}): Promise<RunSummary[]> {
    const out: RunSummary[] = [];
    for (const source of this.config.sources.filter((s) => s.enabled)) {
      try {
        out.push(await this.harvest(source.id, options));
      } catch (error) {
        this.log.error('harvest could not start', { sourceId: source.id, error: errorMessage(error) });
      }
    }
    return out;
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /**
   * Starts the configured schedules (and the on-start harvests). A source without `everyMinutes`
   * whose connector states its own interval (an LDES stream's ldes:pollingInterval) is polled at
   * that interval, counted from the end of the previous run.
   */
  async startSchedules(): Promise<void> {
    for (const source of this.config.sources.filter((s) => s.enabled)) {
      const run = () =>
        this.harvest(source.id).catch((error) => {
          this.log.error('scheduled harvest failed', { sourceId: source.id, error: errorMessage(error) });
        });
      const { onStart } = source.schedule;
      const neverRun = !(await this.states.read(source.id)).runs.some((r) => r.status === 'completed');
      const first = onStart === 'always' || (onStart === 'if-never-run' && neverRun) ? run() : Promise.resolve();
      if (source.schedule.everyMinutes) {
        const timer = setInterval(() => void run(), source.schedule.everyMinutes * 60_000);
        timer.unref();
        this.timers.push(timer);
        continue;
      }
      const definition = findConnector(source.connector.type);
      const intervalOf = definition?.pollIntervalSeconds?.bind(definition);
      if (!definition || !intervalOf) continue;
      const settings = definition.configSchema.parse(source.connector);
      const pollAfter = async () => {
        if (this.closing) return;
        const seconds = intervalOf(settings, (await this.states.read(source.id)).connector);
        if (!seconds || this.closing) return;
        const timer = setTimeout(() => void run().then(pollAfter), Math.max(1, seconds) * 1000);
        timer.unref();
        this.pollTimers.set(source.id, timer);
      };
      void first.then(pollAfter);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const t of this.timers) clearInterval(t);
    for (const t of this.pollTimers.values()) clearTimeout(t);
    await Promise.allSettled(this.running.values());
    await this.store.close();
  }
}
