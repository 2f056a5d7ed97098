/**
 * Unchanged records are not published again. A record is unchanged when the provenance its
 * publishing would write says what its stored provenance says, apart from when and by which run:
 * the same content hash of the record graph (which holds the source IRI, link and modification
 * date), entity, and on its publication node the same mapping and shapes (file and version),
 * conformance and organisation. Writing it again would only give it a new prov:generatedAtTime, so
 * a new LDES version and OAI-PMH datestamp that say nothing changed. A record the source dates
 * before the version the store holds (dct:modified) is an older version read again and is not
 * written either; both count as unchanged.
 *
 * The check runs in the publish step (both run modes: the embedded run before each commit, the
 * publish job before its commit), so it compares with what the store holds once the batch before
 * it is in: a record changed in one batch and back in the next is written both times. The facts
 * are read from the batch's own provenance graphs (quads, or the encoded text a publish job
 * carries). One query per batch (the records' graph IRIs as VALUES), one row per record; a
 * source's first harvest (fresh graphs) asks nothing. A record whose record graph is missing
 * (a damaged store) is written again.
 */
import { parseRdf, type Quad, type Term } from '../../core/rdf.js';
import { DCT, HUB, PROV } from '../../core/vocab.js';
import type { ChangeSet, EncodedChangeSet, EncodedGraphWrite, GraphWrite, StoreReader } from '../../store/store.js';

/**
 * The facts compared, by the variable that carries them, and where each is said: the record's
 * provenance graph, its publication node (docs/data-model.md, Provenance) or the record graph
 * (the source's modification date, about the graph itself: already in the content hash, and
 * read for the older-version check). `optional` ones may be absent on both sides.
 */
const FACTS: { name: string; predicate: string; from: 'record' | 'publication' | 'graph' | 'matching'; optional?: boolean; kind?: 'boolean' | 'dateTime' }[] = [
  { name: 'contentHash', predicate: HUB('contentHash'), from: 'record' },
  { name: 'entity', predicate: HUB('entity'), from: 'record' },
  // Matched records (steps/match.ts) carry their features in their matching graph: one published before matching is published again once.
  { name: 'matchingVersion', predicate: HUB('matchingVersion'), from: 'matching', optional: true },
  { name: 'mapping', predicate: HUB('mapping'), from: 'publication' },
  { name: 'mappingVersion', predicate: HUB('mappingVersion'), from: 'publication' },
  { name: 'shapes', predicate: HUB('shapes'), from: 'publication' },
  { name: 'shapesVersion', predicate: HUB('shapesVersion'), from: 'publication' },
  { name: 'conforms', predicate: HUB('conforms'), from: 'publication', kind: 'boolean' },
  { name: 'organisation', predicate: HUB('organisation'), from: 'publication', optional: true },
  { name: 'modified', predicate: DCT('modified'), from: 'graph', optional: true, kind: 'dateTime' },
];

/** What a record's publishing would say of it: its record graph and the compared facts of its provenance. */
export interface RecordVersion {
  /** The record graph IRI. */
  graph: string;
  /** The provenance graph IRI. */
  provenance: string;
  /** The publication node's graph IRI (the node itself). */
  publication: string;
  /** Fact name → value (lexical form or IRI); absent optional facts are left out. */
  facts: Record<string, string>;
}

type Write = GraphWrite | EncodedGraphWrite;

/** The quads of a write in the batch (encoded ones parsed; only small graphs are asked for). */
function quadsOf(w: Write | undefined): Quad[] {
  if (!w) return [];
  return 'nquads' in w ? parseRdf(w.nquads, { format: 'application/n-quads' }) : w.quads;
}

/** The version a provenance graph (record-publisher.ts) states; undefined for any other graph (a tombstone, a record graph). */
function versionOf(graph: string, quads: Quad[], writes: Map<string, Write>): RecordVersion | undefined {
  const generated = quads.find((q) => q.predicate.value === PROV('wasGeneratedBy'));
  if (!generated || !quads.some((q) => q.predicate.value === HUB('contentHash'))) return undefined;
  const about = generated.subject.value;
  const publication = generated.object.value;
  const said = { record: quads, publication: quadsOf(writes.get(publication)), graph: modifiedOf(writes.get(about), about), matching: quadsOf(writes.get(`${about}/matching`)) };
  const subjects = { record: about, publication, graph: about, matching: about };
  const facts: Record<string, string> = {};
  for (const f of FACTS) {
    const q = said[f.from].find((x) => x.subject.value === subjects[f.from] && x.predicate.value === f.predicate);
    if (q) facts[f.name] = q.object.value;
  }
  return { graph: about, provenance: graph, publication, facts };
}

/** The record graph's own `dct:modified` (a record graph is not parsed whole for one line). */
function modifiedOf(w: Write | undefined, graph: string): Quad[] {
  if (!w) return [];
  if (!('nquads' in w)) return w.quads.filter((q) => q.subject.value === graph && q.predicate.value === DCT('modified'));
  const line = w.nquads.split('\n').find((l) => l.startsWith(`<${graph}> <${DCT('modified')}> `));
  return line ? parseRdf(line, { format: 'application/n-quads' }) : [];
}

/** The record versions a change set puts, but for fresh graphs (the store holds none of them). */
export function recordVersions(changes: ChangeSet | EncodedChangeSet): RecordVersion[] {
  const fresh = new Set(changes.fresh ?? []);
  const puts = (changes.put ?? []) as Write[];
  const writes = new Map(puts.map((w) => [w.graph, w]));
  const out: RecordVersion[] = [];
  for (const w of puts) {
    if (fresh.has(w.graph)) continue;
    let version: RecordVersion | undefined;
    if ('nquads' in w) {
      // Only provenance graphs are parsed: a few lines each.
      if (w.nquads.includes(HUB('contentHash'))) version = versionOf(w.graph, parseRdf(w.nquads, { format: 'application/n-quads' }), writes);
    } else version = versionOf(w.graph, w.quads, writes);
    if (version) out.push(version);
  }
  return out;
}

/** Characters SPARQL's IRIREF does not allow (graph IRIs are minted percent-encoded, so none should have them). */
// eslint-disable-next-line no-control-regex
const UNSAFE_IRI = /[\u0000-\u0020<>"{}|^`\\]/;

function same(kind: 'boolean' | 'dateTime' | undefined, stored: Term | undefined, value: string | undefined): boolean {
  if (stored === undefined || value === undefined) return stored === undefined && value === undefined;
  // Virtuoso answers an xsd:boolean as 1/0 and may write an xsd:dateTime's lexical form its own way.
  if (kind === 'boolean') return ['true', '1'].includes(stored.value) === ['true', '1'].includes(value);
  if (kind === 'dateTime') {
    const a = Date.parse(stored.value);
    const b = Date.parse(value);
    if (!Number.isNaN(a) && !Number.isNaN(b)) return a === b;
  }
  return stored.value === value;
}

/** The record graphs among `versions` whose stored provenance says the same: one query. */
export async function unchangedRecords(store: StoreReader, versions: RecordVersion[]): Promise<Set<string>> {
  const unchanged = new Set<string>();
  // One the query cannot name is taken for changed: written again.
  const asked = versions.filter((v) => !UNSAFE_IRI.test(v.graph) && !UNSAFE_IRI.test(v.provenance));
  if (asked.length === 0) return unchanged;
  const pattern = (from: 'record' | 'publication', subject: string) =>
    FACTS.filter((f) => f.from === from)
      .map((f) => (f.optional ? `OPTIONAL { ${subject} <${f.predicate}> ?${f.name} }` : `${subject} <${f.predicate}> ?${f.name} .`))
      .join('\n    ');
  // VALUES of ?g alone: Virtuoso answers 500 records in about a second this way, and takes ten
  // times as long with (?g ?pg) pairs; the provenance graph is checked on the answers instead.
  // Inside the GRAPH block: outside it, Oxigraph reads every record graph's provenance first
  // (36 ms for 100 records in a 3,000-record store, growing with the store; 5 ms inside).
  const rows = await store.select(
    `SELECT ?g ?pg ${FACTS.map((f) => `?${f.name}`).join(' ')} WHERE {
  GRAPH ?pg {
    VALUES ?g { ${asked.map((v) => `<${v.graph}>`).join(' ')} }
    ?g <${PROV('wasGeneratedBy')}> ?publication .
    ${pattern('record', '?g')}
  }
  GRAPH ?publication { ${pattern('publication', '?publication')} }
  OPTIONAL { GRAPH ?g { ?g <${DCT('modified')}> ?modified } }
  OPTIONAL { GRAPH ?matching { ?g <${HUB('matchingVersion')}> ?matchingVersion } }
  FILTER EXISTS { GRAPH ?g { ?s ?p ?o } }
}`,
    { timeoutMs: 60_000 },
  );
  const byGraph = new Map(asked.map((v) => [v.graph, v]));
  const answers = rows.filter((row) => byGraph.get(row.g!.value)?.provenance === row.pg?.value);
  const count = new Map<string, number>();
  for (const row of answers) count.set(row.g!.value, (count.get(row.g!.value) ?? 0) + 1);
  for (const row of answers) {
    const v = byGraph.get(row.g!.value)!;
    // A fact stored twice (a damaged graph) is no proof of anything: publish again.
    if (count.get(v.graph) !== 1) continue;
    if (FACTS.every((f) => same(f.kind, row[f.name], v.facts[f.name])) || older(v.facts.modified, row.modified)) unchanged.add(v.graph);
  }
  return unchanged;
}

/**
 * Whether the source dates the record before the version the store holds: an older version read
 * again (a --full read of an LDES stream replays each object's history) must not replace a newer
 * one, nor become a new version when the newer one comes back after it.
 */
function older(modified: string | undefined, stored: Term | undefined): boolean {
  if (modified === undefined || stored === undefined) return false;
  const a = Date.parse(modified);
  const b = Date.parse(stored.value);
  return !Number.isNaN(a) && !Number.isNaN(b) && a < b;
}

/** The change set without the record and provenance graphs of the unchanged records. */
export function withoutUnchanged<T extends ChangeSet | EncodedChangeSet>(changes: T, versions: RecordVersion[], unchanged: Set<string>): T {
  if (unchanged.size === 0) return changes;
  // The publication node stays: other records of the batch may name it, and writing it again changes nothing.
  const skip = new Set(versions.filter((v) => unchanged.has(v.graph)).flatMap((v) => [v.graph, v.provenance, `${v.graph}/matching`]));
  return { ...changes, put: changes.put?.filter((w) => !skip.has(w.graph)) } as T;
}
