/**
 * Query workers for the embedded store. Each query goes to the least busy worker that has its
 * replica loaded; a query past its time limit gets its worker terminated (the only way to stop
 * WASM evaluation) and a fresh worker rebuilt from snapshot + journal, while the other workers
 * keep answering. Queries that were waiting on the terminated worker behind the runaway one are
 * sent again to a live worker, within their own time limits, rather than failed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { HubError, StoreError } from '../../core/errors.js';
import { projectPath } from '../../core/paths.js';
import type { JournalEntry } from './journal.js';
import type { WorkerRequest, WorkerResponse } from './worker-protocol.js';

export class QueryTimeoutError extends HubError {
  constructor(ms: number) {
    super(`Query stopped after ${ms} ms (time limit)`, { code: 'QUERY_TIMEOUT' });
  }
}

export class QuerySyntaxError extends HubError {}

type Result = Extract<WorkerResponse, { type: 'result' }>;

interface Call {
  request: Extract<WorkerRequest, { type: 'query' }>;
  resolve: (r: Result) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
  /** Posted to a worker (not still waiting for one to load its replica). */
  sent?: boolean;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  /** True while the worker loads its replica. */
  loading: boolean;
  busy: number;
  inflight: Map<number, Call>;
}

/** The compiled worker script; tests run from src/ and use the build in dist/. */
export function workerScript(): URL {
  const sibling = new URL('./query-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const built = projectPath('dist/src/store/oxigraph/query-worker.js');
  if (!existsSync(built)) throw new StoreError(`query worker script not found at ${built}: run npm run build first`);
  return new URL(`file://${built}`);
}

export class QueryPool {
  private slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly files: { snapshotPath: string; journalPath: string },
  ) {}

  async start(): Promise<void> {
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
    await Promise.all(this.slots.map((s) => s.ready));
  }

  /** Whether a worker is still rebuilding (the store must not snapshot meanwhile). */
  get rebuilding(): boolean {
    return this.slots.some((s) => s.loading);
  }

  private spawn(): Slot {
    const worker = new Worker(workerScript(), { workerData: this.files });
    const slot: Slot = { worker, busy: 0, loading: true, inflight: new Map(), ready: Promise.resolve() };
    slot.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerResponse) => {
        if (message.type === 'ready') {
          slot.loading = false;
          resolve();
        } else if (message.type === 'fatal') {
          reject(new StoreError(`query worker could not load the dataset: ${message.message}`));
        } else if (message.type === 'error' || message.type === 'result') {
          const call = slot.inflight.get(message.id);
          if (!call) return;
          slot.inflight.delete(message.id);
          slot.busy--;
          clearTimeout(call.timer);
          if (message.type === 'error') call.reject(new QuerySyntaxError(message.message, { code: 'QUERY_ERROR' }));
          else call.resolve(message);
        }
      });
      worker.on('error', (error) => {
        reject(error);
        for (const call of slot.inflight.values()) call.reject(new StoreError(`query worker failed: ${error.message}`));
        slot.inflight.clear();
      });
    });
    slot.ready.catch(() => undefined);
    return slot;
  }

  /** Forwards a committed journal entry to every worker (ordered per worker by its port). */
  apply(entry: JournalEntry): void {
    for (const slot of this.slots) slot.worker.postMessage({ type: 'apply', entry } satisfies WorkerRequest);
  }

  async run(query: string, mediaType: string, maxResults: number, timeoutMs: number): Promise<Result> {
    if (this.closed) throw new StoreError('store is closed');
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      const call: Call = { request: { type: 'query', id, query, mediaType, maxResults }, resolve, reject };
      call.timer = setTimeout(() => {
        const slot = this.slots.find((s) => s.inflight.has(id));
        reject(new QueryTimeoutError(timeoutMs));
        if (!slot) return;
        slot.inflight.delete(id);
        // Only a worker that is evaluating the query needs stopping; one still loading is left to load.
        if (call.sent) this.replace(slot);
        else slot.busy--;
      }, timeoutMs);
      this.dispatch(call);
    });
  }

  /** The least busy worker, preferring those whose replica is loaded over one being rebuilt. */
  private pick(): Slot {
    const live = this.slots.filter((s) => !s.loading);
    return (live.length > 0 ? live : this.slots).reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private dispatch(call: Call): void {
    const slot = this.pick();
    slot.busy++;
    slot.inflight.set(call.request.id, call);
    slot.ready.then(
      () => {
        // Gone meanwhile: timed out, or moved on when this worker was replaced.
        if (slot.inflight.get(call.request.id) !== call) return;
        call.sent = true;
        slot.worker.postMessage(call.request satisfies WorkerRequest);
      },
      () => undefined,
    );
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const waiting = [...slot.inflight.values()];
    slot.inflight.clear();
    void slot.worker.terminate();
    if (this.closed) {
      for (const call of waiting) {
        clearTimeout(call.timer);
        call.reject(new StoreError('store is closed'));
      }
      return;
    }
    this.slots[index] = this.spawn();
    // The queries that waited behind the runaway one did nothing wrong: run them elsewhere.
    for (const call of waiting) {
      call.sent = false;
      this.dispatch(call);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}
