/**
 * A tombstone keeps the `hub:describes` list of the record's last published version, so that an
 * IRI all of whose records are deleted answers 410 Gone rather than 404 (docs/data-model.md).
 * The list is read from the store where a batch is committed, not where its deletes are built:
 * only there does the store hold every batch before it (a distributed run processes batches
 * ahead of publishing them). One query per batch (per 1,000 tombstones), none without tombstones.
 * The record graph is still in the store then: the IRIs are derived from it.
 */
import { namedNode, nQuadLines, quad } from '../core/rdf.js';
import { HUB, PROV } from '../core/vocab.js';
import type { ChangeSet, EncodedChangeSet, GraphWrite, StoreReader } from '../store/store.js';

const CHUNK = 1000;
const TIMEOUT_MS = 60_000;
const TOMBSTONE_LINE = `<${PROV('wasInvalidatedBy')}> `;

/** The change set with each tombstone given the `hub:describes` its provenance graph holds now. */
export async function withLastDescribes<C extends ChangeSet | EncodedChangeSet>(store: Pick<StoreReader, 'select'>, changes: C, encoded: boolean): Promise<C> {
  const puts = changes.put ?? [];
  const tombstones = puts.filter((w) => (encoded ? isEncodedTombstone(w as EncodedWrite) : isTombstone(w as GraphWrite))).map((w) => w.graph);
  if (tombstones.length === 0) return changes;
  const described = await describedIn(store, tombstones);
  if (described.size === 0) return changes;
  const put = puts.map((w) => {
    const found = described.get(w.graph);
    if (!found) return w;
    if (encoded) {
      const e = w as EncodedWrite;
      const known = new Set(e.nquads.split('\n'));
      const lines = nQuadLines(found.map((d) => quad(namedNode(d.subject), namedNode(HUB('describes')), namedNode(d.iri), namedNode(e.graph)))).filter((l) => !known.has(l.trimEnd()));
      return { ...e, nquads: e.nquads + lines.join(''), quads: e.quads + lines.length };
    }
    const g = w as GraphWrite;
    const have = new Set(g.quads.filter((q) => q.predicate.value === HUB('describes')).map((q) => q.object.value));
    const extra = found.filter((d) => !have.has(d.iri)).map((d) => quad(namedNode(d.subject), namedNode(HUB('describes')), namedNode(d.iri)));
    return { ...g, quads: [...g.quads, ...extra] };
  });
  return { ...changes, put } as C;
}

type EncodedWrite = NonNullable<EncodedChangeSet['put']>[number];

function isTombstone(w: GraphWrite): boolean {
  return w.quads.some((q) => q.predicate.value === PROV('wasInvalidatedBy'));
}

function isEncodedTombstone(w: EncodedWrite): boolean {
  return w.nquads.includes(TOMBSTONE_LINE);
}

/**
 * Provenance graph → the hub IRIs its record graph describes, as the store holds them: derived
 * from the record graph (its subjects under `{base}id/`, no hash IRIs; docs/data-model.md), or
 * the `hub:describes` a matched record's provenance (or an earlier tombstone) lists.
 */
async function describedIn(store: Pick<StoreReader, 'select'>, graphs: string[]): Promise<Map<string, { subject: string; iri: string }[]>> {
  const listed = new Map<string, { subject: string; iri: string }[]>();
  const derived = new Map<string, { subject: string; iri: string }[]>();
  for (let i = 0; i < graphs.length; i += CHUNK) {
    const slice = graphs.slice(i, i + CHUNK);
    const values = slice.map((g) => `<${g}>`).join(' ');
    // A matched record lists its own IRIs in its matching graph (its record graph is on canonical IRIs).
    const pairs = slice.map((g) => `(<${g}> <${g.replace(/\/provenance$/, '/matching')}>)`).join(' ');
    const rows = await store.select(
      `SELECT DISTINCT ?p ?g ?iri ?listed WHERE {
  { VALUES ?p { ${values} } GRAPH ?p { ?g <${HUB('describes')}> ?iri } BIND("true" AS ?listed) }
  UNION
  { VALUES (?p ?m) { ${pairs} } GRAPH ?m { ?g <${HUB('describes')}> ?iri } BIND("true" AS ?listed) }
  UNION
  { VALUES ?p { ${values} } GRAPH ?p { ?g <${PROV('wasGeneratedBy')}> ?by } GRAPH ?g { ?iri ?x ?y } FILTER(isIRI(?iri) && !CONTAINS(STR(?iri), "#")) BIND("false" AS ?listed) }
}`,
      { timeoutMs: TIMEOUT_MS },
    );
    for (const row of rows) {
      const g = row.g!.value;
      const iri = row.iri!.value;
      const into = row.listed!.value === 'true' ? listed : derived;
      // The record graph's own facts (about the graph itself) and IRIs not minted under {base}id/ are no entities it describes.
      if (into === derived && !iri.startsWith(`${baseOf(g)}id/`)) continue;
      const list = into.get(row.p!.value) ?? [];
      list.push({ subject: g, iri });
      into.set(row.p!.value, list);
    }
  }
  for (const [p, list] of derived) if (!listed.has(p)) listed.set(p, list);
  return listed;
}

/** `{base}` of a record graph IRI `{base}graph/{sourceId}/{recordId}`. */
function baseOf(recordGraph: string): string {
  return recordGraph.replace(/graph\/[^/]+\/[^/]+$/, '');
}
