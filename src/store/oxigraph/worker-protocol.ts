/** Messages between the embedded store and its replicas' worker threads. */
import type { JournalEntry } from './journal.js';
import type { PlainBindings, PlainTerm } from '../results-format.js';

export type WorkerRequest =
  /** `ack`: answer `applied` (or `apply-failed`) once the entry is in this worker's dataset. */
  | { type: 'apply'; entry: JournalEntry; ack?: boolean }
  /** mediaType 'plain' asks for RDF/JS-ready values instead of a serialisation; defaultGraph as QueryOptions.defaultGraph. */
  | { type: 'query'; id: number; query: string; mediaType: string; maxResults: number; defaultGraph?: 'union' | 'entities' }
  /** The triples of one named graph. */
  | { type: 'graph'; id: number; graph: string }
  /** How many quads the dataset holds, or only those in `graphs`. */
  | { type: 'count'; id: number; graphs?: string[] }
  /** Writes the whole dataset to `path` (temp file, fsync, rename). */
  | { type: 'snapshot'; id: number; path: string };

export type WorkerResponse =
  | { type: 'ready'; seq: number }
  /** The replica could not load; `damaged`: because a store file is damaged (StoreDamagedError). */
  | { type: 'fatal'; message: string; damaged?: boolean }
  /** `trapped`: the WASM instance trapped; the worker answers nothing more and must be replaced. */
  | { type: 'error'; id: number; message: string; trapped?: boolean }
  | { type: 'applied'; seq: number }
  | { type: 'apply-failed'; seq: number; message: string; trapped?: boolean }
  | { type: 'done'; id: number; count?: number; triples?: [PlainTerm, PlainTerm, PlainTerm][] }
  | {
      type: 'result';
      id: number;
      kind: 'boolean' | 'bindings' | 'graph';
      body: string;
      truncated: boolean;
      boolean?: boolean;
      vars?: string[];
      rows?: PlainBindings[];
      quads?: [PlainTerm, PlainTerm, PlainTerm][];
    };
