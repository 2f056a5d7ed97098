/**
 * One record through mapping and validation, as a value: the graph writes that publish it, or
 * the problem that keeps it out. The embedded run (run-source.ts) and the distributed `process`
 * job (src/queue) share it, so both publish exactly the same graphs for the same record.
 */
import { randomUUID } from 'node:crypto';
import type { RawRecord } from '../connectors/contract.js';
import { errorMessage } from '../core/errors.js';
import { ruleFor } from './mapping-rule.js';
import type { GraphWrite } from '../store/store.js';
import { publishWrites, type PublishContext } from './record-publisher.js';
import type { SourceRuntime } from './run-source.js';
import type { RecordProblem } from './run-summary.js';

export type RecordOutcome = { organisation?: string; nonConforming: boolean } & (
  /** Publish `writes`; `problem` is set when it was published with validation results (warn). */
  | { kind: 'published'; writes: GraphWrite[]; problem?: RecordProblem }
  /** Mapping failed: nothing published. */
  | { kind: 'error'; problem: RecordProblem }
  /** Violations and the source rejects: nothing published. */
  | { kind: 'rejected'; problem: RecordProblem }
);

/** A sortable, unique run id: UTC timestamp plus a random tail. */
export function newRunId(): string {
  return `${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`;
}

export function publishContext(baseIri: string, rt: SourceRuntime, runId: string): PublishContext {
  return {
    baseIri,
    source: rt.source,
    runId,
    mapping: { id: rt.mapper.id, version: rt.mapper.version },
    shapes: { id: rt.validator.id, version: rt.validator.version },
  };
}

export async function processRecord(rt: SourceRuntime, ctx: PublishContext, record: RawRecord, now = new Date().toISOString()): Promise<RecordOutcome> {
  const { source } = rt;
  const organisation = record.meta?.organisation ?? source.organisation;
  let mapped;
  try {
    mapped = await rt.mapper.map(record, { baseIri: ctx.baseIri, sourceId: source.id });
  } catch (error) {
    return { kind: 'error', organisation, nonConforming: false, problem: { recordId: record.recordId, stage: 'mapping', message: errorMessage(error), link: record.link, organisation, rejected: true } };
  }
  const report = await rt.validator.validate(mapped.quads);
  const violations = report.results.filter((r) => r.severity === 'Violation');
  let problem: RecordProblem | undefined;
  if (report.results.length > 0) {
    const rejected = violations.length > 0 && source.onViolation === 'reject';
    problem = {
      recordId: record.recordId,
      stage: 'validation',
      message: `${violations.length} violation(s), ${report.results.length - violations.length} other result(s)`,
      link: record.link,
      organisation,
      results: report.results.map((r) => ({ ...r, rule: ruleFor(r, mapped.quads, mapped.origins) })),
      rejected,
    };
    if (rejected) return { kind: 'rejected', organisation, nonConforming: true, problem };
  }
  return { kind: 'published', organisation, nonConforming: violations.length > 0, writes: publishWrites(record, mapped.quads, violations.length === 0, ctx, now), problem };
}
