/**
 * Report documents in RDF: one run's report exactly as the store's report graph holds it
 * (runReportQuads), optionally narrowed to a constraint or an organisation, and an
 * organisation's report across sources that links each source's narrowed run report.
 */
import { normaliseBase, reportIri, runIri } from '../core/identifiers.js';
import { literal, namedNode, quad, type Quad, type Term } from '../core/rdf.js';
import { DCT, HUB, RDF } from '../core/vocab.js';
import { runReportQuads } from './run-report.js';
import type { RecordProblem, RunSummary } from './run-summary.js';
import { matchesConstraint } from './report-model.js';

export interface RunFilter {
  constraint?: string;
  organisation?: string;
}

/** The run with only the problems (and results) that pass the filter; counts stay the run's. */
export function filterRun(run: RunSummary, filter: RunFilter): RunSummary {
  if (!filter.constraint && filter.organisation === undefined) return run;
  const problems: RecordProblem[] = [];
  for (const p of run.problems ?? []) {
    if (filter.organisation !== undefined && p.organisation !== filter.organisation) continue;
    if (!filter.constraint) {
      problems.push(p);
      continue;
    }
    const results = (p.results ?? []).filter((r) => matchesConstraint(r, filter.constraint!));
    if (results.length) problems.push({ ...p, results });
  }
  return { ...run, problems };
}

/** Problems without an organisation get the source's (runs recorded before problems carried one). */
export function withOrganisation(run: RunSummary, organisation: string | undefined): RunSummary {
  if (!organisation || !(run.problems ?? []).some((p) => !p.organisation)) return run;
  return { ...run, problems: run.problems.map((p) => (p.organisation ? p : { ...p, organisation })) };
}

const renamed = (quads: Quad[], from: string, to: Term): Quad[] =>
  quads.map((q) => (q.subject.value === from ? quad(to as Quad['subject'], q.predicate, q.object) : q.object.value === from && q.object.termType === 'NamedNode' ? quad(q.subject, q.predicate, to as Quad['object']) : quad(q.subject, q.predicate, q.object)));

/** A run's report quads (default graph), with the report node as the first root. */
export function runReportDocument(base: string, run: RunSummary): { quads: Quad[]; root: Term } {
  const quads = runReportQuads(base, run).map((q) => quad(q.subject, q.predicate, q.object));
  return { quads, root: namedNode(reportIri(base, run.sourceId, run.runId)) };
}

/** The latest run's report plus the other runs of the history (their counts only). */
export function sourceReportDocument(base: string, latest: RunSummary, history: RunSummary[]): { quads: Quad[]; root: Term } {
  const doc = runReportDocument(base, latest);
  for (const run of history) {
    if (run.runId === latest.runId) continue;
    const iri = runIri(base, run.sourceId, run.runId);
    const quads = runReportQuads(base, { ...run, problems: [] });
    // The run and its per-organisation counts (blank nodes hanging off the run).
    const own = new Set([iri, ...quads.filter((q) => q.subject.value === iri && q.object.termType === 'BlankNode').map((q) => q.object.value)]);
    doc.quads.push(...quads.filter((q) => own.has(q.subject.value)).map((q) => quad(q.subject, q.predicate, q.object)));
  }
  return doc;
}

export const organisationReportIri = (base: string, slug: string) => `${normaliseBase(base)}report/organisation/${slug}`;

/** One organisation's report: each source's latest run narrowed to the organisation, under one node. */
export function organisationReportDocument(base: string, name: string, slug: string, runs: RunSummary[]): { quads: Quad[]; root: Term } {
  const root = namedNode(organisationReportIri(base, slug));
  const quads: Quad[] = [quad(root, namedNode(RDF('type')), namedNode(HUB('OrganisationReport'))), quad(root, namedNode(HUB('organisation')), literal(name))];
  for (const run of runs) {
    const own = namedNode(`${reportIri(base, run.sourceId, run.runId)}?organisation=${encodeURIComponent(slug)}`);
    quads.push(quad(root, namedNode(DCT('hasPart')), own));
    quads.push(...renamed(runReportDocument(base, run).quads, reportIri(base, run.sourceId, run.runId), own));
  }
  return { quads, root };
}
