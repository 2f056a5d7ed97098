/**
 * A run's report as RDF, stored in `{base}graph/reports/{sourceId}/{runId}` so it can be
 * queried: the run (prov:Activity with its counts) and a sh:ValidationReport whose results
 * carry the source record id and the mapping rule behind the offending triple.
 */
import { normaliseBase, reportIri, runIri, sourceIri } from '../core/identifiers.js';
import { blankNode, literal, namedNode, quad, type Quad, type Term } from '../core/rdf.js';
import { DCT, HUB, PROV, RDF, SH, XSD } from '../core/vocab.js';
import type { RunSummary } from './run-summary.js';

export const reportGraphIri = (base: string, sourceId: string, runId: string) => `${normaliseBase(base)}graph/reports/${sourceId}/${runId}`;

const int = (n: number) => literal(String(n), namedNode(XSD('integer')));
const dateTime = (v: string) => literal(v, namedNode(XSD('dateTime')));

/** Reads a result term written in N-Triples syntax (or a bare IRI / blank node label) back into a term. */
export function reportTerm(value: string): Term {
  if (value.startsWith('_:')) return blankNode(value.slice(2));
  if (value.startsWith('<') && value.endsWith('>')) return namedNode(value.slice(1, -1));
  const lit = /^"([\s\S]*)"(?:@([a-zA-Z-]+)|\^\^<([^>]+)>)?$/.exec(value);
  if (lit) return lit[2] ? literal(lit[1]!, lit[2]) : literal(lit[1]!, lit[3] ? namedNode(lit[3]) : undefined);
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return namedNode(value);
  return literal(value);
}

/**
 * Says on a report whose results were pruned (hub.reports.keepDetailRuns) when, and how many rows
 * (sh:result and hub:problem) it held, so an empty report is not read as "no problems".
 */
export function prunedMarker(report: Quad['subject'], at: string, rows: number): Quad[] {
  return [quad(report, namedNode(HUB('detailPruned')), dateTime(at)), quad(report, namedNode(HUB('prunedRows')), int(rows))];
}

export function runReportQuads(base: string, run: RunSummary): Quad[] {
  const g = namedNode(reportGraphIri(base, run.sourceId, run.runId));
  const r = namedNode(runIri(base, run.sourceId, run.runId));
  const report = namedNode(reportIri(base, run.sourceId, run.runId));
  const out: Quad[] = [];
  const add = (s: Quad['subject'], p: string, o: Quad['object']) => out.push(quad(s, namedNode(p), o, g));
  add(r, RDF('type'), namedNode(PROV('Activity')));
  add(r, RDF('type'), namedNode(HUB('HarvestRun')));
  add(r, PROV('used'), namedNode(sourceIri(base, run.sourceId)));
  add(r, PROV('startedAtTime'), dateTime(run.startedAt));
  if (run.finishedAt) add(r, PROV('endedAtTime'), dateTime(run.finishedAt));
  add(r, HUB('status'), literal(run.status));
  for (const k of ['seen', 'published', 'rejected', 'deleted', 'errors', 'warnings', 'pages', 'retries'] as const) add(r, HUB(k), int(run[k]));
  if (run.nonConforming !== undefined) add(r, HUB('nonConforming'), int(run.nonConforming));
  if (run.failure) add(r, HUB('failure'), literal(run.failure));
  if (run.listing) {
    // Whether the run listed the source's complete current set, and what that deleted (docs/data-model.md).
    add(r, HUB('listing'), literal(run.listing.complete ? 'complete' : 'incomplete'));
    if (run.listing.reason) add(r, HUB('listingNote'), literal(run.listing.reason));
    if (run.listing.deleted !== undefined) add(r, HUB('deletedByDifference'), int(run.listing.deleted));
  }
  add(report, RDF('type'), namedNode(SH('ValidationReport')));
  add(report, PROV('wasGeneratedBy'), r);
  add(report, DCT('created'), dateTime(run.finishedAt ?? run.startedAt));
  for (const [name, c] of Object.entries(run.organisations ?? {})) {
    // Per-organisation figures belong to the run's summary: they stay when the detail is pruned.
    const o = blankNode();
    add(r, HUB('organisationCounts'), o);
    add(o, HUB('organisation'), literal(name));
    for (const k of ['seen', 'published', 'rejected', 'nonConforming', 'errors'] as const) add(o, HUB(k), int(c[k]));
  }
  const conforms = run.pruned ? run.pruned.conforms : !run.problems.some((p) => p.stage === 'validation');
  add(report, SH('conforms'), literal(String(conforms), namedNode(XSD('boolean'))));
  if (run.pruned) {
    for (const q of prunedMarker(report, run.pruned.at, run.pruned.rows)) add(q.subject, q.predicate.value, q.object);
  }
  for (const problem of run.problems) {
    // A validation problem without results (the validator itself failed on the record) is reported by its message.
    if (problem.stage !== 'validation' || !problem.results?.length) {
      const p = blankNode();
      add(report, HUB('problem'), p);
      add(p, HUB('recordId'), literal(problem.recordId));
      add(p, HUB('stage'), literal(problem.stage));
      if (problem.organisation) add(p, HUB('organisation'), literal(problem.organisation));
      add(p, RDF('value'), literal(problem.message));
      continue;
    }
    for (const result of problem.results ?? []) {
      const b = blankNode();
      add(report, SH('result'), b);
      add(b, RDF('type'), namedNode(SH('ValidationResult')));
      add(b, HUB('recordId'), literal(problem.recordId));
      add(b, HUB('rejected'), literal(String(problem.rejected), namedNode(XSD('boolean'))));
      if (problem.link) add(b, HUB('recordLink'), literal(problem.link));
      if (problem.organisation) add(b, HUB('organisation'), literal(problem.organisation));
      add(b, SH('resultSeverity'), namedNode(SH(result.severity)));
      add(b, SH('focusNode'), reportTerm(result.focusNode) as Quad['object']);
      if (result.path) add(b, SH('resultPath'), reportTerm(result.path) as Quad['object']);
      if (result.value) add(b, SH('value'), reportTerm(result.value) as Quad['object']);
      add(b, SH('sourceConstraintComponent'), namedNode(result.constraint));
      add(b, SH('sourceShape'), reportTerm(result.shape) as Quad['object']);
      // Tagged messages keep their language (Dutch/English report pages pick theirs).
      const tagged = result.localizedMessages ?? [];
      for (const m of tagged) add(b, SH('resultMessage'), literal(m.text, m.language));
      for (const m of result.messages) if (!tagged.some((t) => t.text === m)) add(b, SH('resultMessage'), literal(m));
      if (result.rule) add(b, HUB('mappingRule'), literal(result.rule));
    }
  }
  return out;
}
