/**
 * One record through mapping and validation, as a value: the graph writes that publish it, or
 * the problem that keeps it out. The embedded run (run-source.ts) and the distributed `process`
 * job (src/queue) share it, so both publish exactly the same graphs for the same record.
 * Whatever one record does (a mapper that throws, a stack overflow on deep nesting, a validator
 * failure), it becomes that record's problem: it never reaches the run, so the others publish.
 */
import { randomUUID } from 'node:crypto';
import type { RawRecord } from '../connectors/contract.js';
import { errorMessage } from '../core/errors.js';
import { cleanCharacters, describeCleaned } from './clean-characters.js';
import { ruleFor } from './mapping-rule.js';
import type { GraphWrite } from '../store/store.js';
import { publishWrites, type PublishContext } from './record-publisher.js';
import type { SourceRuntime } from './run-source.js';
import type { RecordProblem } from '../reports/run-summary.js';

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
  const organisation = record.meta?.organisation ?? rt.source.organisation;
  let stage: 'mapping' | 'validation' = 'mapping';
  try {
    return await mapAndValidate(rt, ctx, record, now, organisation, (s) => (stage = s));
  } catch (error) {
    return { kind: 'error', organisation, nonConforming: false, problem: { recordId: record.recordId, stage, message: failureMessage(error), link: record.link, organisation, rejected: true } };
  }
}

/** A stack overflow says nothing useful by itself: name the likely cause. */
function failureMessage(error: unknown): string {
  const message = errorMessage(error);
  return /call stack/i.test(message) ? `${message} (the record is nested too deeply to process; see maxRecordDepth in docs/connectors.md)` : message;
}

async function mapAndValidate(
  rt: SourceRuntime,
  ctx: PublishContext,
  record: RawRecord,
  now: string,
  organisation: string | undefined,
  enter: (stage: 'validation') => void,
): Promise<RecordOutcome> {
  const { source } = rt;
  const mapped = await rt.mapper.map(record, { baseIri: ctx.baseIri, sourceId: source.id });
  const { quads, removed } = cleanCharacters(mapped.quads);
  const where = [record.removedCharacters && `${record.removedCharacters} from the source payload`, removed.size && describeCleaned(removed)].filter(Boolean).join('; ');
  const cleaned: RecordProblem | undefined = where
    ? { recordId: record.recordId, stage: 'mapping', message: `characters XML cannot carry (removed from literals, percent-encoded in IRIs): ${where}`, link: record.link, organisation, rejected: false }
    : undefined;
  enter('validation');
  const report = await rt.validator.validate(quads);
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
      results: report.results.map((r) => ({ ...r, rule: ruleFor(r, quads, mapped.origins) })),
      rejected,
    };
    if (rejected) return { kind: 'rejected', organisation, nonConforming: true, problem, cleaned };
  }
  return { kind: 'published', organisation, nonConforming: violations.length > 0, writes: publishWrites(record, quads, violations.length === 0, ctx, now), problem, cleaned };
}
