/**
 * A reference formulation (JSONPath, XPath, CSV): how to cut a text into records for an iterator
 * and how to evaluate a reference on one record. References and iterators are compiled once, so
 * mapping a record runs closures only.
 */
import type { Readable } from 'node:stream';

/** A value a reference yields: JSON keeps numbers and booleans (they get their natural datatype). */
export type Value = string | number | boolean;

/** Evaluates one compiled reference on a record; an empty array means "no value". */
export type Reference<R> = (record: R) => Value[];

export interface FormatOptions {
  iterator?: string;
  /** XPath namespace prefixes. */
  namespaces: Record<string, string>;
  /** Strings that mean "no value" (rml:null). */
  nulls: string[];
  delimiter?: string;
  /** Current-vocabulary rules: a JSON reference must yield scalars, CSV rows must match the header. */
  strict: boolean;
}

export interface Format<R = unknown> {
  /** Compiles a reference; throws Error with the reason when the expression is malformed. */
  reference(expression: string): Reference<R>;
  /** The records of a whole text, in order. */
  records(text: string): Iterable<R>;
  /**
   * Formats that read a text alike (JSON, XML: the iterator applies after parsing) can share one
   * parse of a record's body between triples maps: `records(text)` is `recordsIn(parse(text))`,
   * and formats with the same `parseKey` can be given each other's `parse` result.
   */
  readonly parseKey?: string;
  parse?(text: string): unknown;
  recordsIn?(parsed: unknown): Iterable<R>;
  /**
   * The records of a stream in batches (one per input chunk), without holding the whole input
   * when the iterator allows it.
   */
  streamRecords(input: Readable): AsyncIterable<R[]>;
}

export async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
