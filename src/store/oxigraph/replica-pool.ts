/**
 * The embedded store's dataset lives in these worker threads, each holding a replica loaded
 * from snapshot + journal and sent every commit. They answer SPARQL queries and the store's
 * own reads (a graph, a count, a snapshot); there is no other copy, so each commit is loaded
 * into Oxigraph once per replica and never on the main thread.
 *
 * A request goes to the least busy replica that is loaded. A query past its time limit gets
 * its replica terminated (the only way to stop WASM evaluation) and a fresh one rebuilt from
 * snapshot + journal while the others keep answering; requests that were waiting behind the
 * runaway query are sent again to a live replica rather than failed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StoreDamagedError, StoreError } from '../../core/errors.js';
import { projectPath } from '../../core/paths.js';
import { QuerySyntaxError, QueryTimeoutError } from '../query-errors.js';
import type { PlainTerm } from '../results-format.js';
import type { JournalEntry } from './journal.js';
import type { WorkerRequest, WorkerResponse } from './worker-protocol.js';

type Request = Exclude<WorkerRequest, { type: 'apply' }>;
type Answer = Extract<WorkerResponse, { type: 'result' | 'done' }>;
type Result = Extract<WorkerResponse, { type: 'result' }>;
type Done = Extract<WorkerResponse, { type: 'done' }>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Call {
  request: Request;
  resolve: (r: Answer) => void;
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
  /** Journal sequence the replica held when it was ready. */
  seq: number;
  busy: number;
  inflight: Map<number, Call>;
  /** Commits sent with an acknowledgement asked, by sequence. */
  acks: Map<number, () => void>;
}

/** The compiled worker script; tests run from src/ and use the build in dist/. */
export function workerScript(): URL {
  const sibling = new URL('./replica-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const built = projectPath('dist/src/store/oxigraph/replica-worker.js');
  if (!existsSync(built)) throw new StoreError(`replica worker script not found at ${built}: run npm run build first`);
  return new URL(`file://${built}`);
}

export class ReplicaPool {
  private slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  /** Every replica loaded once: a replica that fails to load later is a rebuild. */
  private started = false;
  /** Set when a rebuilt replica found a store file damaged. */
  damaged?: StoreDamagedError;
  /** Set when a replica could not apply a commit: its dataset is no longer the journal's. */
  private failure?: Error;

  constructor(
    private readonly size: number,
    private readonly files: { snapshotPath: string; journalPath: string },
    /** Told when a replica rebuilt at run time finds a store file damaged. */
    private readonly onDamaged: (error: StoreDamagedError) => void = () => undefined,
  ) {}

  /** Loads every replica; resolves with the journal sequence they hold. */
  async start(): Promise<number> {
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
    try {
      await Promise.all(this.slots.map((s) => s.ready));
    } catch (error) {
      // One could not load (a damaged file): the others are of no use, and would keep the process alive.
      await this.close();
      throw error;
    }
    this.started = true;
    return Math.max(0, ...this.slots.map((s) => s.seq));
  }

  /** Whether a worker is still rebuilding (the store must not snapshot meanwhile). */
  get rebuilding(): boolean {
    return this.slots.some((s) => s.loading);
  }

  private spawn(): Slot {
    const worker = new Worker(workerScript(), { workerData: this.files });
    const slot: Slot = { worker, busy: 0, loading: true, seq: 0, inflight: new Map(), acks: new Map(), ready: Promise.resolve() };
    slot.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerResponse) => {
        if (message.type === 'ready') {
          slot.loading = false;
          slot.seq = message.seq;
          resolve();
        } else if (message.type === 'fatal') {
          if (!message.damaged) return reject(new StoreError(`a replica of the embedded store could not load the dataset: ${message.message}`));
          const damaged = new StoreDamagedError(message.message, { code: 'STORE_DAMAGED' });
          reject(damaged);
          // Found while rebuilding a replica: reads and commits fail with it, and /health says so.
          if (!this.started) return;
          if (!this.damaged) this.onDamaged(damaged);
          this.damaged ??= damaged;
          this.fail(damaged);
        } else if (message.type === 'applied') {
          slot.acks.get(message.seq)?.();
          slot.acks.delete(message.seq);
        } else if (message.type === 'apply-failed') {
          this.fail(new StoreError(`a replica of the embedded store could not apply commit ${message.seq}: ${message.message}`));
        } else {
          const call = slot.inflight.get(message.id);
          if (!call) return;
          slot.inflight.delete(message.id);
          slot.busy--;
          clearTimeout(call.timer);
          if (message.type === 'error') call.reject(call.request.type === 'query' ? new QuerySyntaxError(message.message, { code: 'QUERY_ERROR' }) : new StoreError(message.message));
          else call.resolve(message);
        }
      });
      worker.on('error', (error) => {
        reject(error);
        this.fail(new StoreError(`a replica of the embedded store failed: ${error.message}`, { cause: error }));
      });
    });
    slot.ready.catch(() => undefined);
    return slot;
  }

  /** Every waiting and later call fails: a replica no longer matches the journal. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const slot of this.slots) {
      for (const call of slot.inflight.values()) {
        clearTimeout(call.timer);
        call.reject(this.failure);
      }
      slot.inflight.clear();
      slot.busy = 0;
      // Commits waiting on an acknowledgement see the failure instead of waiting for ever.
      for (const ack of slot.acks.values()) ack();
      slot.acks.clear();
    }
  }

  /**
   * Sends a journaled commit to every replica (ordered per replica by its port). Resolves once
   * a loaded replica holds it, so a replica held up by a long query does not hold up publishing
   * (one being rebuilt reads it from the journal or applies it after loading); rejects once a
   * replica has failed to apply this or an earlier commit.
   */
  apply(entry: JournalEntry): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const waits: Promise<void>[] = [];
    for (const slot of this.slots) {
      const wanted = !slot.loading;
      if (wanted) waits.push(new Promise<void>((resolve) => slot.acks.set(entry.seq, resolve)));
      slot.worker.postMessage({ type: 'apply', entry, ack: wanted } satisfies WorkerRequest);
    }
    return (waits.length > 0 ? Promise.race(waits) : Promise.resolve()).then(() => {
      if (this.failure) throw this.failure;
    });
  }

  /** A SPARQL query, stopped (its replica replaced) past timeoutMs. */
  async run(query: string, mediaType: string, maxResults: number, timeoutMs: number): Promise<Result> {
    return (await this.call({ type: 'query', query, mediaType, maxResults }, timeoutMs)) as Result;
  }

  async triples(graph: string): Promise<[PlainTerm, PlainTerm, PlainTerm][]> {
    return ((await this.call({ type: 'graph', graph })) as Done).triples ?? [];
  }

  /** Quads in the dataset, or in the given graphs. */
  async count(graphs?: string[]): Promise<number> {
    return ((await this.call({ type: 'count', graphs })) as Done).count ?? 0;
  }

  /** Writes one replica's whole dataset to `path`; it holds every commit applied before this call. */
  async snapshot(path: string): Promise<void> {
    await this.call({ type: 'snapshot', path });
  }

  private call(message: DistributiveOmit<Request, 'id'>, timeoutMs?: number): Promise<Answer> {
    if (this.closed) return Promise.reject(new StoreError('store is closed'));
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      const call: Call = { request: { ...message, id } as Request, resolve, reject };
      if (timeoutMs !== undefined) {
        call.timer = setTimeout(() => {
          const slot = this.slots.find((s) => s.inflight.has(id));
          reject(new QueryTimeoutError(timeoutMs));
          if (!slot) return;
          slot.inflight.delete(id);
          // Only a worker that is evaluating the query needs stopping; one still loading is left to load.
          if (call.sent) this.replace(slot);
          else slot.busy--;
        }, timeoutMs);
      }
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
    // Its successor loads every journaled commit: nobody waits on this one's acknowledgements.
    for (const ack of slot.acks.values()) ack();
    slot.acks.clear();
    void slot.worker.terminate();
    if (this.closed) {
      for (const call of waiting) {
        clearTimeout(call.timer);
        call.reject(new StoreError('store is closed'));
      }
      return;
    }
    this.slots[index] = this.spawn();
    // The requests that waited behind the runaway one did nothing wrong: run them elsewhere.
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
