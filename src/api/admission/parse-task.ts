/** What the main thread asks the query-parsing worker, and what it answers (plain data, cloned between threads). */

export interface ParseTask {
  query: string;
  /** The endpoint's IRI: the protocol's base for relative IRIs. */
  base: string;
  /** Protocol dataset (default-graph-uri / named-graph-uri): replaces the query's FROM / FROM NAMED. */
  defaultGraphs: string[];
  namedGraphs: string[];
  maxNestingDepth: number;
  maxTriplePatterns: number;
}

export type QueryForm = 'bindings' | 'boolean' | 'graph';

export type ParseAnswer =
  | {
      ok: true;
      form: QueryForm;
      /** The query to run: the text as sent, or rewritten (absolute IRIs, the protocol dataset). */
      query: string;
      services: string[];
      /** A DESCRIBE of constant IRIs alone (no WHERE, no dataset): those IRIs. */
      describes?: string[];
    }
  /** `limit`: the setting a refused query went past. */
  | { ok: false; status: 400 | 403; message: string; limit?: string };
