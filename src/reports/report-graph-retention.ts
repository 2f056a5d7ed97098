/**
 * Bounded report history in the store (hub.reports): report graphs of runs older than the newest
 * `keepDetailRuns` keep the run, its counts and the report's sh:conforms but lose their
 * sh:result / hub:problem nodes (and get hub:detailPruned); graphs of runs older than the newest
 * `keepSummaryRuns` are dropped. One commit per pass.
 */
import { sourceIri } from '../core/identifiers.js';
import type { Quad } from '../core/rdf.js';
import { HUB, PROV, SH } from '../core/vocab.js';
import type { Store } from '../store/store.js';
import { prunedMarker, reportGraphIri } from './run-report.js';
import { retentionOf, type PruneOutcome, type ReportRetention } from './report-retention.js';

const DETAIL = new Set([SH('result'), HUB('problem')]);

/** The report graph without its result and problem nodes, marked as pruned (unchanged when it has none). */
export function summaryOnly(quads: Quad[], at: string): Quad[] | undefined {
  const links = quads.filter((q) => DETAIL.has(q.predicate.value));
  if (!links.length) return undefined;
  const detail = new Set(links.map((q) => q.object.value));
  const kept = quads.filter((q) => !DETAIL.has(q.predicate.value) && !(q.subject.termType === 'BlankNode' && detail.has(q.subject.value)));
  return [...kept, ...prunedMarker(links[0]!.subject, at, links.length)];
}

/** Run ids of the source's report graphs in the store (those still holding detail only), newest first. */
async function storedRunIds(store: Store, base: string, sourceId: string, withDetail = false): Promise<string[]> {
  const prefix = reportGraphIri(base, sourceId, '');
  const detail = withDetail ? ` ?report <${PROV('wasGeneratedBy')}> ?run ; <${SH('result')}>|<${HUB('problem')}> ?x .` : '';
  const rows = await store.select(`SELECT DISTINCT ?g WHERE { GRAPH ?g { ?run a <${HUB('HarvestRun')}> ; <${PROV('used')}> <${sourceIri(base, sourceId)}> .${detail} } }`);
  return rows
    .map((r) => r.g?.value ?? '')
    .filter((g) => g.startsWith(prefix) && !g.slice(prefix.length).includes('/'))
    .map((g) => g.slice(prefix.length))
    .sort()
    .reverse();
}

/**
 * `justWritten`: the run whose report graph the caller has just committed. Queries may run on a
 * replica a commit behind (store/oxigraph-store.ts query workers), so it is counted even when the
 * listing does not show it yet; a pass that sees an older state only prunes less, and the next catches up.
 */
export async function pruneReportGraphs(store: Store, base: string, sourceId: string, keep: ReportRetention, at: string, justWritten?: string): Promise<PruneOutcome> {
  const listed = await storedRunIds(store, base, sourceId);
  const all = justWritten && !listed.includes(justWritten) ? [...listed, justWritten].sort().reverse() : listed;
  const { summaryOnly: older, dropped } = retentionOf(all, keep);
  const detailed = new Set(older.length ? await storedRunIds(store, base, sourceId, true) : []);
  const put: { graph: string; quads: Quad[] }[] = [];
  for (const runId of older.filter((id) => detailed.has(id))) {
    const graph = reportGraphIri(base, sourceId, runId);
    const summary = summaryOnly(await store.graph(graph), at);
    // The quads' own graph terms are ignored by commit (GraphWrite).
    if (summary) put.push({ graph, quads: summary });
  }
  const drop = dropped.map((runId) => reportGraphIri(base, sourceId, runId));
  if (put.length || drop.length) await store.commit({ put, drop });
  return { detailPruned: put.map((p) => p.graph.slice(reportGraphIri(base, sourceId, '').length)), dropped };
}
