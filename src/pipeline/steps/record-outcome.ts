/** What the process step made of one record: the writes that publish it, or the problem that keeps it out. */
import type { RecordProblem } from '../../reports/run-summary.js';
import type { GraphWrite } from '../../store/store.js';

export type RecordOutcome = {
  organisation?: string;
  nonConforming: boolean;
  /** A warning: characters XML cannot carry were removed from the record's literals (by predicate). */
  cleaned?: RecordProblem;
} & (
  /** Publish `writes`; `problem` is set when it was published with validation results (warn). */
  | { kind: 'published'; writes: GraphWrite[]; problem?: RecordProblem }
  /** Mapping failed: nothing published. */
  | { kind: 'error'; problem: RecordProblem }
  /** Violations and the source rejects: nothing published. */
  | { kind: 'rejected'; problem: RecordProblem }
);
