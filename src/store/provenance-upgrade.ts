/**
 * A store written before provenance was made lean (docs/data-model.md, "Provenance") is upgraded
 * once, when it is opened for writing: every provenance graph in the old form (`<G> a
 * hub:RecordGraph` or `hub:Tombstone` with the run-level facts on it) is rewritten into the new
 * form, its publication (or deletion) node written, and the source record's facts (its own IRI,
 * link and modification date) moved into its record graph, whose content hash is taken again so
 * that the next harvest finds the record unchanged, and a matched record's features and own IRIs
 * into its matching graph. One commit, logged; none when nothing is old.
 */
import { createHash } from 'node:crypto';
import { deletionIri, deletionQuads, publicationIri, publicationQuads, RECORD_FACTS, type PublicationFacts } from '../core/provenance-form.js';
import { literal, namedNode, nQuadLines, quad, type Quad } from '../core/rdf.js';
import { DCT, HUB, PROV, RDF } from '../core/vocab.js';
import type { GraphWrite, Store } from './store.js';

const TIMEOUT_MS = 300_000;
const CHUNK = 500;

/** Upgrades the old-form provenance graphs the store holds; how many it rewrote. */
export async function upgradeProvenance(store: Store, log: (message: string) => void = () => undefined): Promise<number> {
  // Constant objects: an index lookup, not a scan of every rdf:type, on every open.
  const old = `{ GRAPH ?pg { ?g a <${HUB('RecordGraph')}> } } UNION { GRAPH ?pg { ?g a <${HUB('Tombstone')}> } }`;
  if (!(await store.ask(`ASK { ${old} }`, { timeoutMs: TIMEOUT_MS }))) return 0;
  const graphs = (await store.select(`SELECT DISTINCT ?pg WHERE { ${old} }`, { timeoutMs: TIMEOUT_MS })).map((r) => r.pg!.value);
  const put = new Map<string, GraphWrite>();
  for (let i = 0; i < graphs.length; i += CHUNK) {
    const values = graphs
      .slice(i, i + CHUNK)
      .map((g) => `<${g}>`)
      .join(' ');
    const rows = await store.select(`SELECT ?pg ?s ?p ?o WHERE { VALUES ?pg { ${values} } GRAPH ?pg { ?s ?p ?o } }`, { timeoutMs: TIMEOUT_MS });
    const byGraph = new Map<string, Quad[]>();
    for (const r of rows) {
      const list = byGraph.get(r.pg!.value) ?? [];
      list.push(quad(r.s as Quad['subject'], r.p as Quad['predicate'], r.o as Quad['object']));
      byGraph.set(r.pg!.value, list);
    }
    for (const [pg, quads] of byGraph) for (const w of await upgraded(store, pg, quads)) put.set(w.graph, w);
  }
  await store.commit({ put: [...put.values()] });
  log(`provenance: upgraded ${graphs.length} provenance graphs to the lean form (docs/data-model.md, Provenance) in one commit`);
  return graphs.length;
}

/** The writes that replace one old-form provenance graph. */
async function upgraded(store: Store, pg: string, quads: Quad[]): Promise<GraphWrite[]> {
  const typed = quads.find((q) => q.predicate.value === RDF('type') && (q.object.value === HUB('RecordGraph') || q.object.value === HUB('Tombstone')));
  if (!typed) return [];
  const g = typed.subject;
  const one = (p: string) => quads.find((q) => q.subject.equals(g) && q.predicate.value === p)?.object;
  const all = (p: string) => quads.filter((q) => q.subject.equals(g) && q.predicate.value === p);
  const source = one(HUB('source'))?.value ?? '';
  const entityType = one(HUB('entityType'))?.value ?? '';
  const keep = (p: string) => all(p).map((q) => quad(g, q.predicate, q.object));
  if (typed.object.value === HUB('Tombstone')) {
    const run = one(PROV('wasInvalidatedBy'))?.value ?? source;
    const node = deletionIri(run);
    const record = [...keep(HUB('describes')), quad(g, namedNode(PROV('wasInvalidatedBy')), namedNode(node)), ...keep(HUB('recordId')), ...keep(HUB('entity')), ...keep(PROV('invalidatedAtTime'))];
    return [{ graph: pg, quads: record }, { graph: node, quads: strip(deletionQuads(node, { run, source, entityType })) }];
  }
  const organisation = one(HUB('organisation'))?.value;
  const facts: PublicationFacts = {
    run: one(PROV('wasGeneratedBy'))?.value ?? source,
    source,
    entityType,
    mapping: one(HUB('mapping'))?.value ?? '',
    mappingVersion: one(HUB('mappingVersion'))?.value ?? '',
    shapes: one(HUB('shapes'))?.value ?? '',
    shapesVersion: one(HUB('shapesVersion'))?.value ?? '',
    conforms: ['true', '1'].includes(one(HUB('conforms'))?.value ?? 'true'),
    publishedAt: one(PROV('generatedAtTime'))?.value ?? '',
    ...(organisation ? { organisation } : {}),
  };
  const node = publicationIri(facts);
  const out: GraphWrite[] = [{ graph: node, quads: strip(publicationQuads(node, facts)) }];
  // The source record's facts join its record graph (about the graph itself), and its hash is taken again.
  const moved = [
    ...keep(HUB('sourceEntity')).map((q) => quad(g, namedNode(RECORD_FACTS.sourceEntity), q.object)),
    ...keep(PROV('wasDerivedFrom')).map((q) => quad(g, namedNode(RECORD_FACTS.link), q.object)),
    ...keep(DCT('modified')).map((q) => quad(g, namedNode(RECORD_FACTS.modified), q.object)),
  ];
  let hash = one(HUB('contentHash'));
  if (moved.length > 0) {
    const data = (await store.graph(g.value)).map((q) => quad(q.subject, q.predicate, q.object));
    if (data.length > 0) {
      const lines = [...new Set(nQuadLines([...data, ...moved]))].sort();
      out.push({ graph: g.value, quads: [...data, ...moved], entity: true });
      hash = literal(createHash('sha256').update(lines.join('')).digest('hex'));
    }
  }
  const record = [quad(g, namedNode(PROV('wasGeneratedBy')), namedNode(node)), ...keep(HUB('recordId')), ...keep(HUB('entity')), ...(hash ? [quad(g, namedNode(HUB('contentHash')), hash)] : [])];
  out.push({ graph: pg, quads: record });
  // A matched record's features and own IRIs (its record graph is on canonical IRIs) go to its matching graph.
  if (all(HUB('matchingVersion')).length > 0) out.push({ graph: `${g.value}/matching`, quads: [...keep(HUB('matchingVersion')), ...keep(HUB('describes')), ...keep(HUB('matchFeatures'))] });
  return out;
}

const strip = (quads: Quad[]) => quads.map((q) => quad(q.subject, q.predicate, q.object));
