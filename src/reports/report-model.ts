/**
 * What a conformance report shows, independent of its format: the run's counts, conformance %,
 * the most violated constraints, and one row per validation result (or per mapping/harvest
 * problem) with the record, its organisation and the mapping rule behind the offending triple.
 */
import type { RecordProblem, RunSummary } from './run-summary.js';
import type { Severity, ValidationResult } from '../validation/validator.js';

const SH = 'http://www.w3.org/ns/shacl#';

export interface ReportRow {
  sourceId: string;
  runId: string;
  recordId: string;
  link?: string;
  organisation?: string;
  rejected: boolean;
  stage: RecordProblem['stage'];
  severity?: Severity;
  focusNode?: string;
  path?: string;
  value?: string;
  /** sh:sourceConstraintComponent IRI. */
  constraint?: string;
  shape?: string;
  messages: string[];
  localizedMessages?: { text: string; language: string }[];
  /** The mapping rule (triples map) that produced the offending triple. */
  rule?: string;
  /** Set when the record was not read again: the run whose reading found this (reports/carry-forward.ts). */
  carriedFrom?: string;
}

export interface ConstraintCount {
  constraint: string;
  path?: string;
  /** Results of this constraint on this path. */
  results: number;
  /** Distinct records with such a result. */
  records: number;
}

export interface ReportSummary {
  seen: number;
  published: number;
  /** Of the published, those already held as they are (not written again); a whole run's only, when it counted them. */
  unchanged?: number;
  rejected: number;
  errors: number;
  /** Records with at least one sh:Violation. */
  nonConforming: number;
  /** Share of the records seen that had no violation and no error, 0–100 (null when nothing was seen). */
  conformance: number | null;
  violations: number;
  warnings: number;
  infos: number;
  top: ConstraintCount[];
}

/** `http://www.w3.org/ns/shacl#MinCountConstraintComponent` → `sh:MinCountConstraintComponent`. */
export const shortConstraint = (iri: string | undefined): string => (iri?.startsWith(SH) ? `sh:${iri.slice(SH.length)}` : (iri ?? ''));

/** Whether a row's constraint is the one asked for (full IRI, `sh:` name, or the bare name with or without ConstraintComponent). */
export function matchesConstraint(row: Pick<ReportRow, 'constraint'>, wanted: string): boolean {
  if (!row.constraint) return false;
  const w = wanted.trim();
  const short = shortConstraint(row.constraint);
  return row.constraint === w || short === w || short === `sh:${w}` || short === `sh:${w}ConstraintComponent`;
}

type Result = ValidationResult & { rule?: string };

/** The cells of a report row that one SHACL result fills (run reports and upload reports alike). */
export function resultCells(r: ValidationResult): Pick<ReportRow, 'severity' | 'focusNode' | 'path' | 'value' | 'constraint' | 'shape' | 'messages' | 'localizedMessages'> {
  return { severity: r.severity, focusNode: r.focusNode, path: r.path, value: r.value, constraint: r.constraint, shape: r.shape, messages: r.messages, localizedMessages: r.localizedMessages };
}

export function rowsOf(run: RunSummary): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const p of run.problems ?? []) {
    const base = { sourceId: run.sourceId, runId: run.runId, recordId: p.recordId, link: p.link, organisation: p.organisation, rejected: p.rejected, stage: p.stage, ...(p.carriedFrom ? { carriedFrom: p.carriedFrom } : {}) };
    if (p.stage !== 'validation' || !p.results?.length) {
      rows.push({ ...base, messages: [p.message] });
      continue;
    }
    for (const r of p.results as Result[]) {
      rows.push({ ...base, ...resultCells(r), rule: r.rule });
    }
  }
  return rows;
}

/** Counts results per (constraint, path), most frequent first. */
export function topConstraints(rows: ReportRow[], limit = 10): ConstraintCount[] {
  const groups = new Map<string, { constraint: string; path?: string; results: number; records: Set<string> }>();
  for (const row of rows) {
    if (!row.constraint) continue;
    const key = `${row.constraint} ${row.path ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { constraint: row.constraint, path: row.path, results: 0, records: new Set() }));
    g.results++;
    g.records.add(`${row.sourceId}\n${row.recordId}`);
  }
  return [...groups.values()]
    .map((g) => ({ constraint: g.constraint, path: g.path, results: g.results, records: g.records.size }))
    .sort((a, b) => b.results - a.results || a.constraint.localeCompare(b.constraint) || (a.path ?? '').localeCompare(b.path ?? ''))
    .slice(0, limit);
}

/** Records with a Violation among rows (used when a run predates the nonConforming count). */
function violatingRecords(rows: ReportRow[]): number {
  return new Set(rows.filter((r) => r.severity === 'Violation').map((r) => `${r.sourceId}\n${r.recordId}`)).size;
}

export function conformanceOf(counts: { seen: number; errors: number; nonConforming: number }): number | null {
  if (counts.seen === 0) return null;
  return Math.max(0, Math.round(((counts.seen - counts.errors - counts.nonConforming) / counts.seen) * 1000) / 10);
}

/** The summary of one run (all organisations), or of one organisation within it. */
export function summarise(run: RunSummary, rows: ReportRow[], organisation?: string): ReportSummary {
  const own = organisation === undefined ? rows : rows.filter((r) => r.organisation === organisation);
  const org = organisation === undefined ? undefined : run.organisations?.[organisation];
  const counts = org
    ? { seen: org.seen, published: org.published, rejected: org.rejected, errors: org.errors, nonConforming: org.nonConforming }
    : organisation === undefined
      ? { seen: run.seen, published: run.published, ...(run.unchanged === undefined ? {} : { unchanged: run.unchanged }), rejected: run.rejected, errors: run.errors, nonConforming: run.nonConforming ?? violatingRecords(rows) }
      : { seen: 0, published: 0, rejected: 0, errors: 0, nonConforming: violatingRecords(own) };
  const summary = summariseRows(own, counts);
  // A pruned run has no rows left: its figures are the ones kept when its detail was pruned.
  const kept = run.pruned && (organisation === undefined ? run.pruned.figures : run.pruned.organisations[organisation]);
  return kept ? { ...summary, violations: kept.violations, warnings: kept.warnings, infos: kept.infos, top: kept.top } : summary;
}

/** A summary from record counts and the rows they produced (e.g. an organisation across sources). */
export function summariseRows(rows: ReportRow[], counts: Omit<ReportSummary, 'conformance' | 'violations' | 'warnings' | 'infos' | 'top'>): ReportSummary {
  return {
    ...counts,
    conformance: conformanceOf(counts),
    violations: rows.filter((r) => r.severity === 'Violation').length,
    warnings: rows.filter((r) => r.severity === 'Warning').length,
    infos: rows.filter((r) => r.severity === 'Info').length,
    top: topConstraints(rows),
  };
}

/** The conformance % of a run summary (history entries have no problems, only counts). */
export function runConformance(run: RunSummary): number | null {
  return run.nonConforming === undefined ? null : conformanceOf({ seen: run.seen, errors: run.errors, nonConforming: run.nonConforming });
}

/** The message to show in a language: the shape's message tagged with it, else every message. */
export function messageIn(row: Pick<ReportRow, 'messages' | 'localizedMessages'>, lang: string): string {
  const tagged = row.localizedMessages?.filter((m) => m.language.toLowerCase().split('-')[0] === lang);
  if (tagged?.length) return tagged.map((m) => m.text).join(' | ');
  const untagged = row.messages.filter((m) => !row.localizedMessages?.some((t) => t.text === m));
  return (untagged.length ? untagged : row.messages).join(' | ');
}

/** Organisations named by a run: its per-organisation counts and its problems. */
export function organisationsOf(run: RunSummary): string[] {
  const names = new Set(Object.keys(run.organisations ?? {}));
  for (const p of run.problems ?? []) if (p.organisation) names.add(p.organisation);
  return [...names].sort((a, b) => a.localeCompare(b));
}
