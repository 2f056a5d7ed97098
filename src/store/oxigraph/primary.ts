/**
 * The store's primary replica, in a worker thread of its own: it applies every commit, answers
 * the store's own reads (a graph, a count) and writes snapshots. It is never given a user
 * query, so a slow query cannot hold up publishing, and loading a commit into Oxigraph no
 * longer takes the main thread, which maps and validates the next batch meanwhile.
 * Messages are handled in order, so a read sent after a commit sees it.
 */
import { Worker } from 'node:worker_threads';
import { StoreError } from '../../core/errors.js';
import type { PlainTerm } from '../results-format.js';
import type { JournalEntry } from './journal.js';
import { workerScript } from './query-pool.js';
import type { WorkerRequest, WorkerResponse } from './worker-protocol.js';

type Done = Extract<WorkerResponse, { type: 'done' }>;
type Call = { resolve: (value: Done) => void; reject: (error: Error) => void };
type Request = Extract<WorkerRequest, { type: 'graph' | 'count' | 'snapshot' }>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class PrimaryWorker {
  private worker?: Worker;
  private readonly calls = new Map<number, Call>();
  private readonly applies = new Map<number, Call>();
  private nextId = 1;
  private failure?: Error;
  /** The journal sequence the worker's dataset held when it was ready. */
  seq = 0;

  constructor(private readonly files: { snapshotPath: string; journalPath: string }) {}

  async start(): Promise<void> {
    const worker = new Worker(workerScript(), { workerData: { ...this.files, role: 'primary' } });
    this.worker = worker;
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerResponse) => {
        if (message.type === 'ready') {
          this.seq = message.seq;
          resolve();
        } else if (message.type === 'fatal') {
          reject(new StoreError(`the store's primary could not load the dataset: ${message.message}`));
        } else if (message.type === 'applied' || message.type === 'apply-failed') {
          const call = this.applies.get(message.seq);
          this.applies.delete(message.seq);
          if (message.type === 'applied') call?.resolve({ type: 'done', id: 0 });
          else this.fail(new StoreError(`the store's primary could not apply commit ${message.seq}: ${message.message}`));
        } else if (message.type === 'done' || message.type === 'error') {
          const call = this.calls.get(message.id);
          this.calls.delete(message.id);
          if (message.type === 'done') call?.resolve(message);
          else call?.reject(new StoreError(message.message));
        }
      });
      worker.on('error', (error) => {
        reject(error);
        this.fail(new StoreError(`the store's primary failed: ${error.message}`, { cause: error }));
      });
      worker.on('exit', (code) => {
        reject(new StoreError(`the store's primary stopped (exit code ${code})`));
        this.fail(new StoreError(`the store's primary stopped (exit code ${code})`));
      });
    });
  }

  /** Every call waiting and every later one fails: the dataset in memory is no longer the journal's. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const call of [...this.calls.values(), ...this.applies.values()]) call.reject(this.failure);
    this.calls.clear();
    this.applies.clear();
  }

  /** Sends a journaled commit; resolves once the primary holds it. */
  apply(entry: JournalEntry): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.applies.set(entry.seq, { resolve: () => resolve(), reject });
      this.worker!.postMessage({ type: 'apply', entry, ack: true } satisfies WorkerRequest);
    });
  }

  private request(message: DistributiveOmit<Request, 'id'>): Promise<Done> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.worker) return Promise.reject(new StoreError('store is not open'));
    const id = this.nextId++;
    return new Promise<Done>((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.worker!.postMessage({ ...message, id } as WorkerRequest);
    });
  }

  async triples(graph: string): Promise<[PlainTerm, PlainTerm, PlainTerm][]> {
    return (await this.request({ type: 'graph', graph })).triples ?? [];
  }

  /** Quads in the dataset, or in the given graphs. */
  async count(graphs?: string[]): Promise<number> {
    return (await this.request({ type: 'count', graphs })).count ?? 0;
  }

  async snapshot(path: string): Promise<void> {
    await this.request({ type: 'snapshot', path });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    worker.removeAllListeners('exit');
    worker.removeAllListeners('error');
    await worker.terminate();
  }
}
