/** Messages between the embedded store and its query workers. */
import type { JournalEntry } from './journal.js';
import type { PlainBindings, PlainTerm } from '../results-format.js';

export type WorkerRequest =
  | { type: 'apply'; entry: JournalEntry }
  /** mediaType 'plain' asks for RDF/JS-ready values instead of a serialisation. */
  | { type: 'query'; id: number; query: string; mediaType: string; maxResults: number };

export type WorkerResponse =
  | { type: 'ready'; seq: number }
  | { type: 'fatal'; message: string }
  | { type: 'error'; id: number; message: string }
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
