/**
 * SPARQL results over an RDF file (rml-io: `formats:SPARQL_Results_CSV|JSON|XML` with the query
 * as rml:iterator). The file (N-Triples, Turtle, N-Quads, TriG) is loaded into an N3 store and
 * queried with Comunica; each solution is a record and a reference names a variable (`name` or
 * `?name`). The results format decides what a value keeps: CSV results carry text only, so a
 * number-looking value reads as a number (as SPARQL CSV readers do) when that loses nothing; JSON and XML results keep
 * the datatypes, so only xsd:integer, xsd:double and xsd:boolean literals read as such.
 */
import type { Readable } from 'node:stream';
import N3 from 'n3';
import type { Term } from '../../../core/rdf.js';
import type { Format, Reference, Value } from './format.js';
import { readAll } from './format.js';

export type SparqlResults = 'csv' | 'json' | 'xml';
export type Solution = Map<string, Term>;

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const INTEGER = /^[-+]?[0-9]+$/;
const DOUBLE = /^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$/;

interface QueryEngine {
  queryBindings(query: string, context: { sources: unknown[] }): Promise<AsyncIterable<Iterable<[{ value: string }, Term]>>>;
}

let engine: Promise<QueryEngine> | undefined;

/** Comunica is large: it is loaded on the first SPARQL source only. */
function queryEngine(): Promise<QueryEngine> {
  engine ??= import('@comunica/query-sparql').then(({ QueryEngine }) => new QueryEngine() as unknown as QueryEngine);
  return engine;
}

/** N3 parser format for an RDF file name (Turtle, a superset of N-Triples, by default). */
function rdfFormat(path: string): string {
  const ext = path.toLowerCase().split('.').pop();
  return ext === 'nq' ? 'N-Quads' : ext === 'trig' ? 'TriG' : ext === 'nt' ? 'N-Triples' : 'Turtle';
}

export class SparqlFormat implements Format<Solution> {
  constructor(
    private readonly query: string | undefined,
    private readonly results: SparqlResults,
    /** The RDF file's path, for its syntax. */
    private readonly path: string,
  ) {}

  reference(expression: string): Reference<Solution> {
    const variable = expression.replace(/^[?$]/, '');
    if (!/^[A-Za-z0-9_\u00c0-\uffff]+$/.test(variable)) throw new Error(`"${expression}" is not a SPARQL variable name`);
    const typed = this.results !== 'csv';
    return (solution) => {
      const term = solution.get(variable);
      return term ? [valueOf(term, typed)] : [];
    };
  }

  records(): Iterable<Solution> {
    throw new Error('a SPARQL results source is read from its file only (the query runs asynchronously)');
  }

  async *streamRecords(input: Readable): AsyncIterable<Solution[]> {
    if (!this.query) throw new Error('a SPARQL results source needs its query as rml:iterator');
    const store = new N3.Store(new N3.Parser({ format: rdfFormat(this.path) }).parse(await readAll(input)));
    const bindings = await (await queryEngine()).queryBindings(this.query, { sources: [store] });
    let batch: Solution[] = [];
    for await (const b of bindings) {
      batch.push(new Map([...b].map(([v, t]) => [v.value, t])));
      if (batch.length >= 512) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
}

/** The value a bound term gives a reference. */
function valueOf(term: Term, typed: boolean): Value {
  if (term.termType !== 'Literal') return term.value;
  const v = term.value;
  if (!typed) return (INTEGER.test(v) || DOUBLE.test(v)) && String(Number(v)) === v ? Number(v) : v;
  const dt = term.datatype.value;
  if (dt === `${XSD}integer` && INTEGER.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
  if (dt === `${XSD}double` && (DOUBLE.test(v) || INTEGER.test(v))) return Number(v);
  if (dt === `${XSD}boolean` && (v === 'true' || v === 'false')) return v === 'true';
  return v;
}
