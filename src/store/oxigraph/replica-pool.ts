/**
 * The embedded store's dataset lives in these worker threads, each holding a replica loaded
 * from snapshot + journal and sent every commit. They answer SPARQL queries and the store's
 * own reads (a graph, a count, a snapshot); there is no other copy, so each commit is loaded
 * into Oxigraph once per replica and never on the main thread.
 *
 * Requests wait in one queue and go to a loaded replica that is free, so nothing waits behind
 * a runaway query while another replica could answer. A query past its time limit gets its
 * replica terminated (the only way to stop WASM evaluation) and a fresh one rebuilt from
 * snapshot + journal while the others keep answering. A replica whose WASM instance trapped
 * (a query that overflowed the engine's stack, say) is treated the same way: its memory may be
 * corrupt, so it answers nothing more and is replaced; no query can leave the store degraded.
 *
 * Queries tagged with a client (the API's per-client key) never occupy every replica: one
 * client's queries, plus the replicas being rebuilt after its queries ran out of time or
 * trapped, hold at most all replicas but one, so another client always finds one.
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
  /** Who asked (the API's client key); internal reads have none. */
  client?: string;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  /** True while the worker loads its replica. */
  loading: boolean;
  /** Journal sequence the replica held when it was ready. */
  seq: number;
  /** The requests posted to this worker and not answered yet. */
  inflight: Map<number, Call>;
  /** Commits sent with an acknowledgement asked, by sequence. */
  acks: Map<number, () => void>;
  /** While rebuilding: the client whose query made the predecessor stop (time limit or trap). */
  blame?: string;
}

/** The compiled worker script; tests run from src/ and use the build in dist/. */
export function workerScript(): URL {
  const sibling = new URL('./replica-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const built = projectPath('dist/src/store/oxigraph/replica-worker.js');
  if (!existsSync(built)) throw new StoreError(`replica worker script not found at ${built}: run npm run build first`);
  return new URL(`file://${built}`);
}

/**
 * A commit's bytes in shared memory: every replica reads the same copy, where posting a Buffer
 * would copy it once per replica (megabytes per commit). Nobody writes to it after this.
 */
function shared(nquads: string | Uint8Array): string | Uint8Array {
  if (typeof nquads === 'string' || nquads.byteLength === 0) return nquads;
  const bytes = new Uint8Array(new SharedArrayBuffer(nquads.byteLength));
  bytes.set(nquads);
  return bytes;
}

export class ReplicaPool {
  private slots: Slot[] = [];
  /** Requests not yet posted to a worker, oldest first. */
  private waiting: Call[] = [];
  private nextId = 1;
  private closed = false;
  /** Every replica loaded once: a replica that fails to load later is a rebuild. */
  private started = false;
  /** Set when a rebuilt replica found a store file damaged. */
  damaged?: StoreDamagedError;
  /** Set when a replica could not apply a commit: its dataset is no longer the journal's. */
  private failure?: Error;
  /** Replicas replaced because their WASM instance trapped (for logs and tests). */
  traps = 0;

  constructor(
    private readonly size: number,
    private readonly files: { snapshotPath: string; journalPath: string; entitiesGraph?: string },
    /** Told when a replica rebuilt at run time finds a store file damaged. */
    private readonly onDamaged: (error: StoreDamagedError) => void = () => undefined,
    /** Told when a replica trapped and is being replaced. */
    private readonly onTrap: (message: string) => void = () => undefined,
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

  /** Whether a loaded replica is free now (answers a request at once). */
  get idle(): boolean {
    return this.slots.some((s) => !s.loading && s.inflight.size === 0);
  }

  /** Resolves true as soon as a loaded replica is free, false if none is within `ms`. */
  async whenIdle(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (!this.idle) {
      if (Date.now() >= until || this.closed) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return true;
  }

  /** Replicas loaded and answering, and replicas being rebuilt; read without asking any of them. */
  state(): { loaded: number; rebuilding: number; failure?: string } {
    const rebuilding = this.slots.filter((s) => s.loading).length;
    return { loaded: this.slots.length - rebuilding, rebuilding, failure: this.failure?.message };
  }

  private spawn(blame?: string): Slot {
    const worker = new Worker(workerScript(), { workerData: this.files });
    const slot: Slot = { worker, loading: true, seq: 0, inflight: new Map(), acks: new Map(), ready: Promise.resolve(), blame };
    slot.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerResponse) => {
        if (!this.slots.includes(slot)) return;
        if (message.type === 'ready') {
          slot.loading = false;
          slot.blame = undefined;
          slot.seq = message.seq;
          resolve();
          this.pump();
        } else if (message.type === 'fatal') {
          if (!message.damaged) {
            const error = new StoreError(`a replica of the embedded store could not load the dataset: ${message.message}`);
            reject(error);
            // A rebuild that cannot load leaves requests with nowhere to go: fail them rather than let them wait.
            if (this.started) this.fail(error);
            return;
          }
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
          // A trapped instance is replaced; its successor loads the commit from the journal.
          if (message.trapped) return this.trapped(slot, `commit ${message.seq}: ${message.message}`);
          this.fail(new StoreError(`a replica of the embedded store could not apply commit ${message.seq}: ${message.message}`));
        } else {
          const call = slot.inflight.get(message.id);
          if (!call) return;
          slot.inflight.delete(message.id);
          clearTimeout(call.timer);
          if (message.type === 'error') {
            const failed = message.trapped ? `the query engine failed on this query and was restarted (${message.message})` : message.message;
            call.reject(call.request.type === 'query' ? new QuerySyntaxError(failed, { code: 'QUERY_ERROR' }) : new StoreError(failed));
            // The request that trapped is answered (it would trap again); the others go to a healthy replica.
            if (message.trapped) return this.trapped(slot, message.message, call.client);
          } else call.resolve(message);
          this.pump();
        }
      });
      worker.on('error', (error) => {
        reject(error);
        if (!this.slots.includes(slot)) return;
        this.fail(new StoreError(`a replica of the embedded store failed: ${error.message}`, { cause: error }));
      });
    });
    slot.ready.catch(() => undefined);
    return slot;
  }

  private trapped(slot: Slot, message: string, client?: string): void {
    this.traps++;
    this.onTrap(`a replica of the embedded store trapped (${message}); it is discarded and rebuilt from snapshot + journal`);
    this.replace(slot, client);
  }

  /** Every waiting and later call fails: a replica no longer matches the journal. */
  private fail(error: Error): void {
    this.failure ??= error;
    const calls = [...this.waiting, ...this.slots.flatMap((s) => [...s.inflight.values()])];
    this.waiting = [];
    for (const call of calls) {
      clearTimeout(call.timer);
      call.reject(this.failure);
    }
    for (const slot of this.slots) {
      slot.inflight.clear();
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
    const sent = { ...entry, nquads: shared(entry.nquads) };
    for (const slot of this.slots) {
      const wanted = !slot.loading;
      if (wanted) waits.push(new Promise<void>((resolve) => slot.acks.set(entry.seq, resolve)));
      slot.worker.postMessage({ type: 'apply', entry: sent, ack: wanted } satisfies WorkerRequest);
    }
    return (waits.length > 0 ? Promise.race(waits) : Promise.resolve()).then(() => {
      if (this.failure) throw this.failure;
    });
  }

  /** A SPARQL query, stopped (its replica replaced) past timeoutMs; `client` tags it for fairness. */
  async run(query: string, mediaType: string, maxResults: number, timeoutMs: number, client?: string, defaultGraph?: 'union' | 'entities'): Promise<Result> {
    return (await this.call({ type: 'query', query, mediaType, maxResults, ...(defaultGraph ? { defaultGraph } : {}) }, timeoutMs, client)) as Result;
  }

  async triples(graph: string): Promise<[PlainTerm, PlainTerm, PlainTerm][]> {
    return ((await this.call({ type: 'graph', graph })) as Done).triples ?? [];
  }

  /** Quads in the dataset, or in the given graphs. */
  async count(graphs?: string[]): Promise<number> {
    return ((await this.call({ type: 'count', graphs })) as Done).count ?? 0;
  }

  /** Writes one replica's whole dataset to `path`; it holds every commit applied before this call. */
  async snapshot(path: string, timeoutMs?: number): Promise<void> {
    await this.call({ type: 'snapshot', path }, timeoutMs);
  }

  private call(message: DistributiveOmit<Request, 'id'>, timeoutMs?: number, client?: string): Promise<Answer> {
    if (this.closed) return Promise.reject(new StoreError('store is closed'));
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      const call: Call = { request: { ...message, id } as Request, resolve, reject, client };
      if (timeoutMs !== undefined) {
        call.timer = setTimeout(() => {
          reject(new QueryTimeoutError(timeoutMs));
          const queued = this.waiting.indexOf(call);
          if (queued >= 0) return void this.waiting.splice(queued, 1);
          const slot = this.slots.find((s) => s.inflight.get(id) === call);
          if (!slot) return;
          slot.inflight.delete(id);
          // The worker is evaluating it: terminating the thread is the only way to stop it.
          this.replace(slot, client);
        }, timeoutMs);
      }
      this.waiting.push(call);
      this.pump();
    });
  }

  /** Replicas one client holds: running its queries, or rebuilding after one of its queries. */
  private heldBy(client: string): number {
    return this.slots.filter((s) => (s.loading && s.blame === client) || [...s.inflight.values()].some((c) => c.client === client)).length;
  }

  /** Posts waiting requests to free loaded replicas, oldest first, skipping a client that holds its share. */
  private pump(): void {
    if (this.closed) return;
    const share = Math.max(1, this.slots.length - 1);
    for (let i = 0; i < this.waiting.length; ) {
      const free = this.slots.find((s) => !s.loading && s.inflight.size === 0);
      if (!free) return;
      const call = this.waiting[i]!;
      if (call.client !== undefined && this.heldBy(call.client) >= share) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      free.inflight.set(call.request.id, call);
      free.worker.postMessage(call.request satisfies WorkerRequest);
    }
  }

  /** Terminates a worker and starts its successor; the requests it still held are queued again first. */
  private replace(slot: Slot, blame?: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const held = [...slot.inflight.values()];
    slot.inflight.clear();
    // Its successor loads every journaled commit: nobody waits on this one's acknowledgements.
    for (const ack of slot.acks.values()) ack();
    slot.acks.clear();
    void slot.worker.terminate();
    if (this.closed) {
      for (const call of held) {
        clearTimeout(call.timer);
        call.reject(new StoreError('store is closed'));
      }
      return;
    }
    this.slots[index] = this.spawn(blame);
    // The requests that waited behind the stopped one did nothing wrong: run them elsewhere.
    this.waiting.unshift(...held);
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    // Queries still running are stopped with their workers: their callers hear so now, not at their time limit.
    for (const call of [...this.waiting, ...this.slots.flatMap((s) => [...s.inflight.values()])]) {
      clearTimeout(call.timer);
      call.reject(new StoreError('store is closed'));
    }
    this.waiting = [];
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}
