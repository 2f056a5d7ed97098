/** What every job processor of one worker process shares: configuration, queues, state, runtimes, logger. */
import type { HubConfig, SourceConfig } from '../config/schema.js';
import type { Logger } from '../core/logger.js';
import { NotFoundError } from '../core/errors.js';
import type { SourceRuntime } from '../pipeline/source-runtime.js';
import { buildRuntime } from '../pipeline/source-runtime.js';
import type { Store } from '../store/store.js';
import type { HubQueueSet } from './hub-queues.js';
import type { MatchStep } from '../pipeline/steps/match.js';
import type { Matcher } from '../publication/matching/contract.js';

export class WorkerContext {
  private readonly runtimes = new Map<string, Promise<SourceRuntime>>();

  constructor(
    readonly config: HubConfig,
    readonly set: HubQueueSet,
    readonly log: Logger,
    /** Only in processes that publish (the store owner, or workers on a remote store). */
    readonly store?: Store,
    /** Matching: the matcher the process jobs extract features with, and (where batches are published) the match step. */
    readonly matching: { matcher?: Matcher; step?: MatchStep } = {},
  ) {}

  source(id: string): SourceConfig {
    const source = this.config.sources.find((s) => s.id === id);
    if (!source) throw new NotFoundError(`No source "${id}" in this worker's configuration`, { context: { sourceId: id } });
    return source;
  }

  /** The source's connector, mapper and validator, built once per process. */
  runtime(id: string): Promise<SourceRuntime> {
    let rt = this.runtimes.get(id);
    if (!rt) {
      rt = buildRuntime(this.config, this.source(id));
      rt.catch(() => this.runtimes.delete(id));
      this.runtimes.set(id, rt);
    }
    return rt;
  }
}
