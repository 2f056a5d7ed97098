/**
 * The entities graph (`{base}graph/entities`, core/identifiers.ts): every triple of every record
 * graph, each once, kept by the store on every commit; the public SPARQL default graph. What
 * both stores share to find the record graphs of a store written before it, to build it once.
 */
import { normaliseBase } from '../core/identifiers.js';

/**
 * A SPARQL expression true when `variable` is a record graph: `{base}graph/{sourceId}/{recordId}`,
 * two path segments (the record id is percent-encoded, slashes included). Provenance graphs
 * (`…/provenance`) and report graphs (`{base}graph/reports/{sourceId}/{runId}`) have three, the
 * entities graph one.
 */
export function recordGraphFilter(variable: string, base: string): string {
  const prefix = JSON.stringify(`${normaliseBase(base)}graph/`);
  return `STRSTARTS(STR(${variable}), ${prefix}) && REGEX(STRAFTER(STR(${variable}), ${prefix}), "^[^/]+/[^/]+$")`;
}

/** `items` in slices of at most `size`. */
export function batchesOf<T>(items: T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
