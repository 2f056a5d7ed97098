/**
 * The validate step: a mapped record against its source's shapes. Results become the record's
 * problem (each with the mapping rule behind the offending triple); under `onViolation: reject`
 * a record with a violation is kept out of the store.
 */
import type { RawRecord } from '../../connectors/contract.js';
import { mappingRules } from '../mapping-rule.js';
import type { RecordProblem } from '../../reports/run-summary.js';
import type { SourceRuntime } from '../source-runtime.js';
import type { MappedRecordOutput } from './map.js';

export interface ValidatedRecordOutput {
  /** No sh:Violation: the provenance says the record conforms. */
  conforms: boolean;
  /** Set when there were results: what they were, and whether the record is kept out. */
  problem?: RecordProblem;
  rejected: boolean;
}

export async function validateRecord(rt: SourceRuntime, record: RawRecord, mapped: MappedRecordOutput, organisation: string | undefined): Promise<ValidatedRecordOutput> {
  const report = await rt.validator.validate(mapped.quads);
  const violations = report.results.filter((r) => r.severity === 'Violation').length;
  if (report.results.length === 0) return { conforms: true, rejected: false };
  const rejected = violations > 0 && rt.source.onViolation === 'reject';
  const ruleOf = mappingRules(mapped.quads, mapped.origins);
  const problem: RecordProblem = {
    recordId: record.recordId,
    stage: 'validation',
    message: `${violations} violation(s), ${report.results.length - violations} other result(s)`,
    link: record.link,
    organisation,
    results: report.results.map((r) => ({ ...r, rule: ruleOf(r) })),
    rejected,
  };
  return { conforms: violations === 0, problem, rejected };
}
