/**
 * A record's provenance as one set of statements about its record graph: its provenance graph,
 * the facts of its publication (or deletion) node restated about the graph, and the source
 * record's facts its record graph keeps about itself (docs/data-model.md, Provenance). Pages and
 * headers read it as they read the per-record provenance before it was made lean.
 */
import { RECORD_FACTS } from '../../core/provenance-form.js';
import { namedNode, quad, type Quad } from '../../core/rdf.js';
import { DCT, HUB, PROV, RDF } from '../../core/vocab.js';
import type { StoreReader } from '../../store/store.js';

/** Publication-node predicates restated about the record graph, under the names they had there. */
const RESTATED: Record<string, string> = {
  [HUB('source')]: HUB('source'),
  [HUB('entityType')]: HUB('entityType'),
  [HUB('mapping')]: HUB('mapping'),
  [HUB('mappingVersion')]: HUB('mappingVersion'),
  [HUB('shapes')]: HUB('shapes'),
  [HUB('shapesVersion')]: HUB('shapesVersion'),
  [HUB('conforms')]: HUB('conforms'),
  [HUB('organisation')]: HUB('organisation'),
  [PROV('endedAtTime')]: PROV('generatedAtTime'),
};

export async function recordProvenance(store: Pick<StoreReader, 'graph'>, provenanceGraph: string): Promise<Quad[]> {
  const own = await store.graph(provenanceGraph);
  const generated = own.find((q) => q.predicate.value === PROV('wasGeneratedBy'));
  const invalidated = own.find((q) => q.predicate.value === PROV('wasInvalidatedBy'));
  const about = (generated ?? invalidated)?.subject;
  if (!about) return own;
  const node = (generated ?? invalidated)!.object.value;
  const [shared, recordGraph] = await Promise.all([store.graph(node), generated ? store.graph(about.value) : Promise.resolve([])]);
  // The run the node is part of stands where the node stood (the page links the run's report).
  const run = shared.find((q) => q.subject.value === node && q.predicate.value === DCT('isPartOf'))?.object;
  const out = own.map((q) => (run && q.object.value === node ? quad(q.subject, q.predicate, run) : q));
  out.push(quad(about, namedNode(RDF('type')), namedNode(HUB(generated ? 'RecordGraph' : 'Tombstone'))));
  for (const q of shared) {
    const p = q.subject.value === node ? RESTATED[q.predicate.value] : undefined;
    if (p) out.push(quad(about, namedNode(p), q.object));
  }
  const facts = new Set<string>(Object.values(RECORD_FACTS));
  for (const q of recordGraph) if (q.subject.value === about.value && facts.has(q.predicate.value)) out.push(quad(about, q.predicate, q.object));
  return out;
}
