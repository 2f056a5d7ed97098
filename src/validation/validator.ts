/**
 * The validation step's contract: SHACL over one record's graph. The engine behind it is
 * free (compiled shapes, another library) as long as results follow SHACL's report model.
 */
import type { Quad } from '../core/rdf.js';

export type Severity = 'Violation' | 'Warning' | 'Info';

export interface ValidationResult {
  severity: Severity;
  /** IRI or blank node label (`_:b0`) of the focus node; a literal focus node (sh:targetNode "x") in N-Triples. */
  focusNode: string;
  /** The property path as SPARQL-style text, if the result is about a path. */
  path?: string;
  /** The offending value in N-Triples term syntax, if any. */
  value?: string;
  /** sh:sourceConstraintComponent IRI, e.g. http://www.w3.org/ns/shacl#MinCountConstraintComponent */
  constraint: string;
  /** sh:sourceShape (IRI or blank node label). */
  shape: string;
  messages: string[];
  /** The sh:message values with their language tags, when the shape gives tagged messages (for Dutch/English pages). */
  localizedMessages?: Array<{ text: string; language: string }>;
}

export interface ValidationReport {
  /** SHACL's conforms: true only when there are no results at all. */
  conforms: boolean;
  results: ValidationResult[];
}

export interface RecordValidator {
  /** Which shapes these are (file list or profile name). */
  readonly id: string;
  /** Content hash of the shapes, recorded in provenance. */
  readonly version: string;
  validate(quads: Quad[]): Promise<ValidationReport>;
}

/** Whether a report holds at least one result of severity Violation. */
export function hasViolation(report: ValidationReport): boolean {
  return report.results.some((r) => r.severity === 'Violation');
}
