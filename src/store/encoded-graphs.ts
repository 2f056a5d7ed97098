/**
 * Graph writes encoded once as N-Quads text, for changes that cross a process boundary (a
 * distributed run's publish jobs in Redis): the producer encodes (and checks) every term, the
 * embedded store journals and loads the text as it is, and a store that needs quads decodes it.
 */
import { randomUUID } from 'node:crypto';
import { parseRdf } from '../core/rdf.js';
import { graphNQuads } from './oxigraph/nquads.js';
import type { ChangeSet, EncodedChangeSet } from './store.js';

/** Encodes the put graphs; blank node labels get a prefix of their own per graph and call. */
export function encodeChanges(changes: ChangeSet): EncodedChangeSet {
  const tag = randomUUID().slice(0, 8);
  const put = (changes.put ?? []).map((w, i) => ({ graph: w.graph, nquads: graphNQuads(w.graph, w.quads, `e${tag}g${i}_`), quads: w.quads.length, ...(w.entity ? { entity: true } : {}) }));
  return { put, drop: changes.drop ?? [], ...(changes.fresh?.length ? { fresh: changes.fresh } : {}) };
}

/** The quads back, for stores that write terms (each graph's graph terms are its own). */
export function decodeChanges(changes: EncodedChangeSet): ChangeSet {
  const put = (changes.put ?? []).map((w) => ({ graph: w.graph, quads: w.nquads ? parseRdf(w.nquads, { format: 'application/n-quads' }) : [], ...(w.entity ? { entity: true } : {}) }));
  return { put, drop: changes.drop, ...(changes.fresh ? { fresh: changes.fresh } : {}) };
}
